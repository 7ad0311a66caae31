"""Who is told what about a call for practice, by email: its opening, and reminders."""

from accounts.roles import leads_of
from outbox.mail import link, names, queue


def _call_links(call):
    return {"start_url": link("practice_create") + f"?call={call.pk}", "call_url": link("call_detail", call.pk)}


def call_opened(call):
    """Send each lead of the call's local authorities the call, with a link that starts a return to it."""
    subject = f"Call for practice: {call.title} (return by {call.return_by:%-d %B %Y})"
    context = {"call": call, "theme_names": names(call.themes.order_by("name")), **_call_links(call)}
    queue(leads_of(*call.local_authorities.all()), subject, "emails/call_opened.txt", context)


def call_reminder(call, local_authority):
    """Remind one local authority's leads that the call is waiting for their return."""
    subject = f"Reminder: {call.title}, return by {call.return_by:%-d %B %Y}"
    context = {"call": call, "local_authority": local_authority, **_call_links(call)}
    queue(leads_of(local_authority), subject, "emails/call_reminder.txt", context)
