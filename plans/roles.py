"""
Who someone is to a sub-region's plan. Roles are data (docs/decisions/0010): coordinators and
directors are SubRegionRole rows an admin sets; leads are the borough memberships that already
exist; moderators and admins act on every plan through the moderation permission.
"""

from accounts.roles import is_moderator
from reference.models import LocalAuthority, SubRegion

COORDINATOR = "coordinator"
DIRECTOR = "director"


def regions_where(user, role):
    if not user.is_authenticated:
        return SubRegion.objects.none()
    return SubRegion.objects.filter(pk__in=user.sub_region_roles.filter(role=role).values("sub_region"))


def coordinator_regions(user):
    return regions_where(user, COORDINATOR)


def director_regions(user):
    return regions_where(user, DIRECTOR)


def lead_regions(user):
    if not user.is_authenticated:
        return SubRegion.objects.none()
    return SubRegion.objects.filter(local_authorities__memberships__user=user).distinct()


def reader_region_ids(user):
    """The sub-regions whose plans the user reads as one of theirs: coordinator, director or lead."""
    if not user.is_authenticated:
        return set()
    own = set(user.sub_region_roles.values_list("sub_region", flat=True))
    return own | set(lead_regions(user).values_list("pk", flat=True))


def is_coordinator(user):
    return user.is_authenticated and user.sub_region_roles.filter(role=COORDINATOR).exists()


def may_edit_plan(user, plan):
    """Moderators and admins edit every plan; a coordinator their own sub-region's."""
    if is_moderator(user):
        return True
    return plan.sub_region_id is not None and coordinator_regions(user).filter(pk=plan.sub_region_id).exists()


def may_plan_meetings(user):
    """Whether the user may record a meeting or build a pack for any plan."""
    return is_moderator(user) or is_coordinator(user)


def may_update_action(user, action):
    """Editors of the plan, and the action's owners (by account, or as its sub-region's directors or leads)."""
    owned = type(action).objects.owned_by(user).filter(pk=action.pk)
    return may_edit_plan(user, action.area.plan) or owned.exists()


def may_shortlist(user, meeting):
    """Who builds a meeting's pack: the plan's editors and the sub-region's directors."""
    return may_build_packs(user, meeting.plan)


def may_download_pack(user, meeting):
    """The pack's download: once sent or once the meeting is held, every reader of the plan (the stored pack); before
    that, those who build it (a draft made afresh)."""
    sent = type(meeting).objects.filter(pk=meeting.pk, sent_pack__isnull=False)
    return meeting.is_held or sent.exists() or may_shortlist(user, meeting)


def may_build_packs(user, plan):
    if may_edit_plan(user, plan):
        return True
    return plan.sub_region_id is not None and director_regions(user).filter(pk=plan.sub_region_id).exists()


def may_tick_borough(user, action, local_authority):
    """Who says a borough has done its part of an action: the plan's editors, for every borough; the borough's own
    people (a membership of it: its lead, or its director where they hold one), for theirs only."""
    return local_authority.pk in tickable_boroughs(user, action)


def tickable_boroughs(user, action):
    """The ids of the plan's sub-region's local authorities whose tick on the action the user may change
    (may_tick_borough for every borough at once)."""
    region = action.area.plan.sub_region_id
    if region is None or not user.is_authenticated:
        return set()
    authorities = LocalAuthority.objects.filter(sub_region=region)
    if not may_edit_plan(user, action.area.plan):
        authorities = authorities.filter(memberships__user=user)
    return set(authorities.values_list("pk", flat=True))
