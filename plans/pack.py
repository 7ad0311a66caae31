"""The meeting pack: the plan in the layout of the sub-regions' Word documents, then the shortlisted practice."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch

from plans.models import Action, Update
from publishing.exports import PackWriter


@dataclass
class PackContent:
    meeting: object
    since: object  # the date of the meeting before, or None
    areas: list  # [(area, [(action, [updates since, newest first])])]
    entries: list  # shortlisted published practice, in the chosen order


def content_of(meeting):
    """What goes in the pack: every area and action, each action's updates since the last meeting, the shortlist."""
    previous = meeting.plan.meetings.filter(held_on__lt=meeting.held_on).order_by("-held_on").first()
    since = previous.held_on if previous else None
    updates = Update.objects.order_by("-written_on", "-pk")
    if since:
        updates = updates.filter(written_on__gt=since)
    actions = Action.objects.prefetch_related("owners__user", Prefetch("updates", queryset=updates, to_attr="recent"))
    areas = meeting.plan.areas.prefetch_related(Prefetch("actions", queryset=actions))
    items = meeting.pack_items.filter(practice__status="published").select_related("practice__local_authority")
    items = items.prefetch_related("practice__themes", "practice__contacts")
    return PackContent(
        meeting=meeting,
        since=since,
        areas=[(area, [(action, action.recent) for action in area.actions.all()]) for area in areas],
        entries=[item.practice for item in items],
    )


def document(meeting):
    """The pack as a Word document (bytes)."""
    content = content_of(meeting)
    plan, pack = meeting.plan, PackWriter()
    pack.document.core_properties.title = f"{plan.title}: pack for {meeting}"
    pack.paragraph(plan.title, "Title")
    pack.paragraph(f"Pack for the {meeting}")
    pack.paragraph(
        f"Updates since the meeting of {content.since:%-d %B %Y}." if content.since else "All updates so far."
    )
    pack.paragraph("Areas for collaboration", "Heading 1")
    for area, actions in content.areas:
        pack.paragraph(f"{area.number}. {area.title}", "Heading 2")
        if area.why:
            pack.paragraph(area.why)
        for action, updates in actions:
            pack.field("Activity", action.activity)
            pack.field("Action", action.what)
            pack.field("Owners" if action.owners.count() != 1 else "Owner", "; ".join(map(str, action.owners.all())))
            pack.field("Owners as written", action.owners_wording)
            pack.field(
                "Status", action.get_status_display() + (f": {action.blocked_reason}" if action.blocked_reason else "")
            )
            pack.field("Due", action.due_text)
            for update in updates:
                pack.field(f"{update.written_on:%d/%m/%y}", update.said)
            pack.set_aside()
    pack.page_break()
    pack.paragraph("Practice to discuss", "Heading 1")
    if not content.entries:
        pack.paragraph("No practice has been shortlisted for this meeting.")
    for practice in content.entries:
        pack.paragraph(practice.title, "Heading 2")
        pack.field("Local authority", practice.local_authority.name)
        pack.field("Themes", ", ".join(theme.name for theme in practice.themes.all()))
        pack.field("Summary", practice.summary)
        for contact in practice.contacts.all():
            details = ", ".join(part for part in (contact.role, contact.email, contact.phone) if part)
            pack.field("Contact", contact.name + (f", {details}" if details else ""))
        pack.field("On the portal", settings.PORTAL_BASE_URL + practice.get_absolute_url())
        pack.set_aside()
    return pack.save()
