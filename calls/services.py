"""The writes of calls for practice: opening one (emailing its leads) and reminding those yet to return."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from calls import notifications
from calls.models import Call, CallReminder
from calls.tracker import returns
from submissions.services import TransitionNotAllowed


@transaction.atomic
def open_call(*, call, by=None):
    """Open a call for practice: email each of its local authorities' leads a link to start a return."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.is_opened:
        raise TransitionNotAllowed("This call is already open; its leads were emailed when it opened.")
    call.opened_at = timezone.now()
    call.save(update_fields=["opened_at"])
    notifications.call_opened(call)
    return call


def remind_call(*, call, by=None, today=None):
    """
    Remind the leads of each of the call's local authorities that have not submitted a return.
    An authority is reminded at most once a day, however often this runs. Returns those reminded.
    """
    call = Call.objects.get(pk=call.pk)  # as it is now, not as the caller last saw it
    today = today or timezone.localdate()
    if not call.is_opened:
        raise TransitionNotAllowed("Open the call before sending reminders.")
    if today > call.return_by:
        raise TransitionNotAllowed("The return-by date has passed, so there is nothing to remind anyone of.")
    reminded = []
    for row in returns(call):
        if not row.may_be_reminded(today):
            continue
        try:
            with transaction.atomic():
                CallReminder.objects.create(call=call, local_authority=row.local_authority, sent_on=today, sent_by=by)
                notifications.call_reminder(call, row.local_authority)
        except IntegrityError:
            continue  # reminded already today
        reminded.append(row.local_authority)
    return reminded
