"""Her in the sub-regions' plans: owning an action, named as an owner and in an action, an update and a meeting,
attending it, in a saved version, in the plan's audit trail, with a role and reminders, kept as a plan contact too
(reminded by email) and ticking a borough off (see tests/planted.py)."""

from datetime import date

from plans import services, versions
from plans.events import record
from plans.models import (
    BoroughCheck,
    ContactReminder,
    Owner,
    Plan,
    PlanContact,
    Reminder,
    ReminderSetting,
    SubRegionRole,
)
from reference.models import LocalAuthority, SubRegion

PLANNED = "Bring the apprenticeship data to the directors"


def plant_in_plans(her, name):
    region = SubRegion.objects.get(name="North Central London")
    plan = Plan.objects.create(sub_region=region, title="Areas for collaboration", introduction=f"Agreed with {name}")
    area = services.add_area(plan=plan, by=None, title="Understanding the data", why=f"{name} asked for it")
    action = services.add_action(
        area=area,
        by=her,
        what=f"{PLANNED}, with {name}",
        owners=[
            services.OwnerChoice(Owner.Kind.PERSON, user=her),
            services.OwnerChoice(Owner.Kind.NAMED, name=name),
        ],
    )
    meeting = services.record_meeting(
        plan=plan, by=None, held_on=date(2026, 7, 16), attendees=[her], other_attendees=f"{name} (Hackney)"
    )
    services.add_update(action=action, by=her, seen_version=None, text=f"{name} shared the first figures")
    versions.save_version(plan=plan, by=her, note="After the July meeting")
    record(plan, her, f"Owner changed to {name}", action=action)
    SubRegionRole.objects.create(user=her, sub_region=region, role=SubRegionRole.Role.DIRECTOR)
    Reminder.objects.create(kind=Reminder.Kind.DUE_SOON, user=her, key=f"action-{action.pk}")
    ReminderSetting.objects.create(user=her)
    contact = PlanContact.objects.create(sub_region=region, name=name, email=her.email, organisation="Hackney")
    ContactReminder.objects.create(kind=Reminder.Kind.OVERDUE, contact=contact, key="2026-W29")
    BoroughCheck.objects.create(action=action, local_authority=LocalAuthority.objects.get(name="Camden"), done_by=her)
    return {"plan": plan, "action": action, "meeting": meeting}
