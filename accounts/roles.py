"""
Who a user is to the portal. Roles are data: a borough lead is a user with a
Membership of a local authority; directors, moderators and admins are Django
groups whose permissions the reference-data migration sets up.
"""

from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q

from reference.models import LocalAuthority

DCS = "Directors of children's services"
MODERATORS = "Moderators"
ADMINS = "Admins"

MODERATE = "submissions.moderate_practice"
ERASE = "privacy.erase_person"


def is_lead(user):
    return user.is_authenticated and user.memberships.exists()


def is_moderator(user):
    return user.is_authenticated and user.has_perm(MODERATE)


def lead_authorities(user):
    """The local authorities the user leads for."""
    if not user.is_authenticated:
        return LocalAuthority.objects.none()
    return LocalAuthority.objects.filter(memberships__user=user)


def group(name):
    return Group.objects.get(name=name)


def moderators():
    return holders_of(MODERATE)


def holders_of(permission_name):
    """Active accounts with a permission, however they have it (superuser, role or their own)."""
    app_label, codename = permission_name.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return User.objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission),
        is_active=True,
    ).distinct()


def leads_of(*local_authorities):
    return User.objects.filter(memberships__local_authority__in=local_authorities, is_active=True).distinct()
