"""The meeting pack as a Word document that reads like a DCS paper: a cover, the plan action by action with its news
since the last meeting, then the practice to discuss. Links are to the portal's public address."""

from django.conf import settings
from django.utils import timezone

from plans.boroughs import boroughs_line
from plans.pack import content_of
from publishing.exports import PackWriter, _hyperlink

# More about an entry, from apps above this one: `part(writer, practice, link)` (evidence adds the views it cites).
PRACTICE_PARTS = []
# More about an action, likewise: `part(writer, action, link)` (evidence adds the views it cites).
ACTION_PARTS = []


def register_practice_part(part):
    if part not in PRACTICE_PARTS:
        PRACTICE_PARTS.append(part)


def register_action_part(part):
    if part not in ACTION_PARTS:
        ACTION_PARTS.append(part)


def document(meeting, version_number=None):
    """The pack as Word bytes; `version_number` is the saved plan version it is made from (a draft has none)."""
    content, writer = content_of(meeting), PackWriter()
    writer.document.core_properties.title = f"{meeting.plan.title}: pack for the {meeting}"
    cover(writer, content, version_number)
    decisions_part(writer, content.previous)
    writer.paragraph("Areas for collaboration", "Heading 1")
    for area, actions in content.areas:
        writer.paragraph(f"{area.number}. {area.title}", "Heading 2")
        lines(writer, area.why)
        for each in actions:
            action_part(writer, each, content)
            writer.set_aside()
    forward_plan_part(writer, meeting.plan)
    # On a page of its own, by the heading's own setting: a break paragraph at a page's foot left a blank page.
    writer.paragraph("Practice to discuss", "Heading 1").paragraph_format.page_break_before = True
    if not content.entries:
        writer.paragraph("No practice has been shortlisted for this meeting.")
    for practice in content.entries:
        writer.paragraph(f"{practice.title} ({practice.local_authority.name})", "Heading 2")
        practice_part(writer, practice, with_contacts=True)
        writer.set_aside()
    return writer.save()


def cover(writer, content, version_number):
    """The first page: the plan, its sub-region, the meeting, the plan's version and who attended."""
    meeting, plan = content.meeting, content.meeting.plan
    writer.paragraph(plan.title, "Title")
    writer.paragraph(f"Pack for the {meeting}")
    writer.field("Sub-region", plan.region_name)
    writer.field("Meeting", f"{meeting.held_on:%A %-d %B %Y}")
    writer.field("Plan version", f"v.{version_number}" if version_number else draft_of(plan))
    writer.field("Attending", "; ".join(meeting.attending()))
    writer.field("Apologies", "; ".join(meeting.sending_apologies()))
    agenda = list(meeting.agenda_items.all())
    if agenda:
        writer.paragraph("Agenda", "Heading 1")
        for item in agenda:
            writer.paragraph(f"{item.position}. {item.title}", "List Paragraph")
    writer.paragraph(
        f"Updates since the meeting of {content.since:%-d %B %Y}." if content.since else "All updates so far."
    )
    link(writer.paragraph("The plan on the portal: "), plan.get_absolute_url())
    writer.page_break()


def decisions_part(writer, previous):
    """What the last meeting decided, item by item: the next meeting starts from it."""
    items = [item for item in previous.agenda_items.all() if item.decision or item.minutes] if previous else []
    if not items:
        return
    writer.paragraph(f"Decisions at the meeting of {previous.held_on:%-d %B %Y}", "Heading 1")
    for item in items:
        writer.paragraph(f"{item.position}. {item.title}", "Heading 3")
        for label, text in (("Decision", item.decision), ("Minutes", item.minutes)):
            if text.strip():
                writer.paragraph(label, "Heading 4")
                lines(writer, text)


def forward_plan_part(writer, plan):
    """Business the directors mean to take later, on the plan as a whole."""
    items = list(plan.forward_plan.select_related("meeting"))
    if not items:
        return
    writer.paragraph("Forward plan", "Heading 1")
    for item in items:
        writer.field(item.planned_for, item.title + (f": {item.notes}" if item.notes else ""))


def draft_of(plan):
    latest = plan.versions.order_by("-number").first()
    saved = f", last saved as v.{latest.number}" if latest else ""
    return f"draft, the plan as it stands on {timezone.localdate():%-d %B %Y}{saved}"


def action_part(writer, each, content):
    """An action: its number, what it is, its owner (once), status, due date or overdue, the evidence it cites, and
    the news."""
    action = each.action
    writer.paragraph(f"Action {action.number}" + (" (New)" if each.is_new else ""), "Heading 3")
    writer.field("Activity", action.activity)
    lines(writer, action.what, label="Action")
    owners = list(action.owners.all())
    named = action.owners_wording or "; ".join(map(str, owners)) or "none named yet"
    writer.field("Owner" if len(owners) == 1 else "Owners", named)  # once: as written where that says more
    status = action.get_status_display() + (f": {action.blocked_reason}" if action.blocked_reason else "")
    writer.field("Status", status)
    if each.is_overdue:
        paragraph = writer.paragraph()
        writer.run(paragraph, "Overdue: ", bold=True)
        writer.run(paragraph, f"due {action.due_text}")
    else:
        writer.field("Due", action.due_text)
    writer.field("Boroughs", boroughs_line(action))  # '3 of 5 boroughs have done this; …', for an each-LA action
    link(writer.paragraph("On the portal: "), action.get_absolute_url())
    for part in ACTION_PARTS:
        part(writer, action, link)
    since = f"the meeting of {content.since:%-d %B %Y}" if content.since else "the plan began"
    writer.paragraph(f"Updates since {since}", "Heading 4")
    if not each.updates:
        writer.paragraph("No update since the last meeting." if content.since else "No update yet.")
    for update in each.updates:
        label = f"{update.written_on:%d/%m/%y}"
        if update.status and update.text:
            label += f", status changed to {update.get_status_display().lower()}"
        lines(writer, update.said, label=label)
    if action.linked_practice:
        writer.paragraph("Practice linked to this action", "Heading 4")
        for practice in action.linked_practice:
            writer.run(writer.paragraph(), f"{practice.title} ({practice.local_authority.name})", bold=True)
            practice_part(writer, practice)


def practice_part(writer, practice, with_contacts=False):
    """A practice entry: who it is shared with, its themes and summary, where it is on the portal, the evidence it
    cites."""
    writer.field("Local authority", practice.local_authority.name)
    writer.field("Shared with", ", ".join(category.name for category in practice.categories.all()))
    writer.field("Themes", ", ".join(theme.name for theme in practice.themes.all()))
    lines(writer, practice.summary, label="Summary")
    for contact in practice.contacts.all() if with_contacts else ():
        details = ", ".join(part for part in (contact.role, contact.email, contact.phone) if part)
        writer.field("Contact", contact.name + (f", {details}" if details else ""))
    link(writer.paragraph("On the portal: "), practice.get_absolute_url())
    for part in PRACTICE_PARTS:
        part(writer, practice, link)


def lines(writer, text, label=""):
    """Text as typed, a Word paragraph a line: the first after its bold label, if any."""
    typed = [line.strip() for line in text.splitlines() if line.strip()]
    for number, line in enumerate(typed):
        paragraph = writer.paragraph()
        if label and number == 0:
            writer.run(paragraph, f"{label}: ", bold=True)
        writer.run(paragraph, line)


def link(paragraph, path):
    """An absolute link to the portal's public address (PORTAL_BASE_URL), never the address a request came to."""
    url = settings.PORTAL_BASE_URL + path
    _hyperlink(paragraph, url, url)
