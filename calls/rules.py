"""
Who runs a call for practice: makes it, opens it, sees its returns, reminds, downloads the returns (CSV) and the
practice pack before the return-by date. Moderators and admins run every call; a sub-region's coordinator runs the
calls whose every local authority is in a sub-region they coordinate, so a London-wide call, or one across two
sub-regions, is theirs only if they coordinate every sub-region it asks. Moderation (publishing, asking for changes,
rejecting) stays with moderators. Every view, template button and the admin ask these functions
(docs/decisions/0010, "Coordinators run calls").

A coordinator is a plans SubRegionRole row. The calls app sits below plans (docs/decisions/0009), so it reads the
role through the relation's name, `user.sub_region_roles`, as plans.roles does; tests/calls/test_coordinators.py
holds the two to the same answer.
"""

from accounts.roles import is_moderator
from reference.models import LocalAuthority, SubRegion

COORDINATOR = "coordinator"  # plans.roles.COORDINATOR


def coordinated_regions(user):
    """The sub-regions the user coordinates (plans.roles.coordinator_regions, read from below)."""
    if not user.is_authenticated:
        return SubRegion.objects.none()
    return SubRegion.objects.filter(pk__in=user.sub_region_roles.filter(role=COORDINATOR).values("sub_region"))


def call_regions(user):
    """The sub-regions the user may make calls for: every one for moderators, their own for coordinators."""
    if is_moderator(user):
        return SubRegion.objects.all()
    return coordinated_regions(user)


def may_make_calls(user):
    """Whether the user runs any calls at all: moderators, admins and coordinators."""
    return is_moderator(user) or coordinated_regions(user).exists()


def may_open_call_for(user, sub_region):
    return call_regions(user).filter(pk=sub_region.pk).exists()


def may_ask_all_of_london(user):
    return not SubRegion.objects.exclude(pk__in=call_regions(user)).exists()


def outside_regions(user):
    """The local authorities outside the sub-regions the user may make calls for."""
    return LocalAuthority.objects.exclude(sub_region__in=call_regions(user))


def runnable(calls, user):
    """Those of the calls the user runs: every one for moderators; for a coordinator, the calls that ask at least
    one local authority and none outside the sub-regions they coordinate."""
    if is_moderator(user):
        return calls.all()
    if not user.is_authenticated:
        return calls.none()
    regions = coordinated_regions(user)
    theirs = calls.model.objects.filter(local_authorities__sub_region__in=regions)
    return calls.filter(pk__in=theirs.exclude(local_authorities__in=outside_regions(user)).values("pk"))


def may_run_call(user, call):
    return runnable(type(call).objects.filter(pk=call.pk), user).exists()
