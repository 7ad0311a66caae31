"""
Panels that apps above this one add to an action's page without plans importing them: an app registers a function in
its AppConfig.ready(), and the page shows what each returns to the plan's readers. Evidence registers the views an
action cites.
"""

from django.utils.html import format_html_join

ACTION_PANELS = []


def register(panel):
    """`panel(action, request)` returns HTML (safe, from its own template) or an empty string."""
    if panel not in ACTION_PANELS:
        ACTION_PANELS.append(panel)


def render(action, request):
    return format_html_join("", "{}", ((panel(action, request),) for panel in ACTION_PANELS))
