"""The plan's audit trail: every change, with who made it (nobody, for a command) and when."""

from plans.models import PlanEvent


def record(plan, by, description, action=None):
    PlanEvent.objects.create(
        plan=plan, action=action, actor=by if by and by.is_authenticated else None, description=description[:500]
    )
