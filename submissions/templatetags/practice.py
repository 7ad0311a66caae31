"""Template helpers for showing practice entries."""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from inputs import error_summary as errors
from submissions import panels, revisions

register = template.Library()

# Paragraphs, bullet and numbered lists, tables (a table of figures in an imported proforma is kept
# as a Markdown table), emphasis and links; raw HTML is shown as text, and markdown-it refuses
# javascript:, vbscript: and data: links.
_markdown = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["list", "table", "emphasis", "link", "newline", "escape", "backticks"]
)


@register.filter
def markdown(text):
    """Render an author's long text as safe HTML, keeping their paragraphs and lists."""
    return mark_safe(_markdown.render(text or ""))


@register.inclusion_tag("includes/status_tag.html")
def status_tag(practice):
    return {"status": practice.status, "label": practice.get_status_display()}


@register.simple_tag
def enquiries_email():
    """Where to ask about an entry that names no contact."""
    return settings.PORTAL_ENQUIRIES_EMAIL


@register.filter
def error_summary(form):
    return errors.error_summary(form) if form is not None else []


@register.filter
def days_since(moment):
    """Whole days from a past moment until now."""
    return (timezone.now() - moment).days


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current list's address with another page number, keeping its filters."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.filter
def content_rows(content):
    """A snapshot's content as (label, text) rows, in the order of the proforma."""
    return [(label, revisions.as_text(key, content.get(key, ""))) for key, label in revisions.FIELDS.items()]


@register.simple_tag
def to_do(missing, anchor):
    """What the lead must still do for the answer at this anchor, on check your answers (missing: anchor → message)."""
    return missing.get(anchor, "") if isinstance(missing, dict) else ""


@register.filter(expects_localtime=True)
def machine_time(moment):
    """A date or moment for <time datetime>: ISO 8601 to the second, as HTML's datetime syntax allows."""
    if hasattr(moment, "microsecond"):
        moment = moment.replace(microsecond=0)
    return moment.isoformat() if moment else ""


@register.simple_tag(takes_context=True)
def entry_panels(context, practice):
    """What apps above submissions show on an entry's pages (submissions.panels): the evidence it cites."""
    return panels.render(practice, context.get("request"))
