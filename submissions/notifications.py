"""Who is told what about an entry, by email: the moderators of a submission, the leads of a decision."""

from accounts.roles import leads_of, moderators
from outbox.mail import link, queue


def submission_received(practice, by, message=""):
    context = {"practice": practice, "by": by, "message": message, "review_url": link("review", practice.pk)}
    what = "Changes to a published entry" if practice.revision_of_id else "New practice"
    queue(
        moderators(),
        f"{what} to review: {practice.title} ({practice.local_authority})",
        "emails/submission_for_moderators.txt",
        context,
    )
    context["status_url"] = link("submission_detail", practice.pk)
    queue([by], f"We have received ‘{practice.title}’", "emails/submission_receipt.txt", context)


DECISION_SUBJECTS = {
    "published": "Published: {title}",
    "changes_requested": "Changes requested: {title}",
    "rejected": "Not published: {title}",
    "unpublished": "Unpublished: {title}",
}


def decision_made(practice, event):
    """Tell the entry's local authority leads what a moderator decided, and why."""
    context = {
        "practice": practice,
        "event": event,
        "status_url": link("submission_detail", practice.pk),
        "public_url": link("practice_detail", practice.pk),
    }
    subject = DECISION_SUBJECTS[event.action].format(title=practice.title)
    queue(leads_of(practice.local_authority), subject, "emails/decision.txt", context)
