"""
“Add to the pack for <meeting>” buttons on browse results and entry pages, for whoever builds meeting packs.
The browse results sit inside the page's search form, and forms cannot nest, so each meeting has one form
of its own, rendered once (`plan_pack_forms`), and each result's button names it (`form="pack-for-N"`).
"""

from django import template
from django.db.models import Q
from django.utils import timezone

from plans import roles
from plans.models import Meeting, Plan

register = template.Library()
SHOWN = 3  # the next few meetings; older ones have had their pack


def pack_meetings(request):
    """The coming meetings the user may shortlist practice for, worked out once per request."""
    if not hasattr(request, "_pack_meetings"):
        user = request.user
        meetings = []
        if user.is_authenticated:
            mine = Q(plan__in=Plan.objects.editable_by(user)) | Q(plan__sub_region__in=roles.director_regions(user))
            coming = Meeting.objects.coming(timezone.localdate()).filter(mine).select_related("plan__sub_region")
            meetings = list(coming[:SHOWN])
        request._pack_meetings = meetings
    return request._pack_meetings


@register.inclusion_tag("plans/includes/pack_forms.html", takes_context=True)
def plan_pack_forms(context):
    request = context.get("request")
    meetings = pack_meetings(request) if request else []
    if request is not None:
        request._pack_forms_shown = True
    return {
        "meetings": meetings,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def plan_pack_key(context):
    """What cached browse results vary on: the meetings whose buttons they carry."""
    request = context.get("request")
    return "-".join(str(meeting.pk) for meeting in pack_meetings(request)) if request else ""


@register.inclusion_tag("plans/includes/add_to_pack.html", takes_context=True)
def add_to_pack(context, practice):
    request = context.get("request")
    shown = request is not None and getattr(request, "_pack_forms_shown", False)
    return {"meetings": pack_meetings(request) if shown else [], "practice": practice}
