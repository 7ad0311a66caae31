"""
Panels that apps above this one add to an entry's pages (its published page, the lead's own page, check your answers,
the moderators' review) without those pages importing them: an app registers a function in its AppConfig.ready(),
and `{% entry_panels practice %}` (templatetags/practice.py) shows what each returns. Evidence registers the measures
an entry cites.
"""

from django.utils.html import format_html_join

PANELS = []


def register(panel):
    """`panel(practice, request)` returns HTML (safe, from its own template) or an empty string."""
    if panel not in PANELS:
        PANELS.append(panel)


def render(practice, request):
    return format_html_join("", "{}", ((panel(practice, request),) for panel in PANELS))
