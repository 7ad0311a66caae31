"""Template helpers for showing practice entries."""

from django import template
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from submissions import forms

register = template.Library()

# Paragraphs, bullet and numbered lists, emphasis and links; raw HTML is shown as text,
# and markdown-it refuses javascript:, vbscript: and data: links.
_markdown = MarkdownIt("zero", {"html": False, "breaks": True}).enable(
    ["list", "emphasis", "link", "newline", "escape", "backticks"]
)


@register.filter
def markdown(text):
    """Render an author's long text as safe HTML, keeping their paragraphs and lists."""
    return mark_safe(_markdown.render(text or ""))


@register.inclusion_tag("includes/status_tag.html")
def status_tag(practice):
    return {"status": practice.status, "label": practice.get_status_display()}


@register.filter
def error_summary(form):
    return forms.error_summary(form) if form is not None else []
