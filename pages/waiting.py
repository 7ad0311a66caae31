"""What waits for the moderators, for the top of their home page."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from calls.models import Call
from calls.tracker import returns
from submissions.models import Practice, ThemeSuggestion


@dataclass
class Waiting:
    submissions: int
    oldest_submitted_at: object
    calls_due: list  # (call, local authorities yet to return) with returns due in the coming week
    theme_suggestions: int

    def __bool__(self):
        return bool(self.submissions or self.calls_due or self.theme_suggestions)


def for_moderators(today=None):
    today = today or timezone.localdate()
    awaiting = Practice.objects.awaiting_review()
    oldest = awaiting.exclude(submitted_at=None).order_by("submitted_at").values_list("submitted_at", flat=True)
    due = Call.objects.opened().filter(return_by__range=(today, today + timedelta(days=6))).order_by("return_by")
    return Waiting(
        submissions=awaiting.count(),
        oldest_submitted_at=oldest.first(),
        calls_due=[(call, sum(not row.is_returned for row in returns(call))) for call in due],
        theme_suggestions=ThemeSuggestion.objects.filter(status=ThemeSuggestion.Status.PENDING).count(),
    )
