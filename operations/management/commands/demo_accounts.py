"""
The demo accounts, printed last by `make run`: every one gets a fresh password and is listed with its role,
together, after whatever the demo's loading printed (the console emails of the call it opens).
"""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from accounts import roles
from accounts.demo import new_password
from evidence.access import ANALYSTS
from operations.management.commands.load_demo import DEMO_ACCOUNTS
from plans.management.commands.load_demo_plans import ACCOUNTS as PLAN_ACCOUNTS

GROUP_ROLES = {
    roles.DCS: "director of children's services (reader)",
    roles.MODERATORS: "moderator",
    ANALYSTS: "analyst (loads disparity data at /evidence/load/)",
    roles.ADMINS: "admin (Django admin at /admin/)",
}


def role_of(user):
    """What the account is for, in words, read from its roles: "borough lead for Redbridge", "moderator"…"""
    parts = [GROUP_ROLES.get(group.name, group.name) for group in user.groups.all()]
    parts += [f"borough lead for {membership.local_authority}" for membership in user.memberships.all()]
    parts += [f"{role.role} of {role.sub_region}'s plan" for role in user.sub_region_roles.all()]
    return "; ".join(parts) or "signed-in reader"


class Command(BaseCommand):
    help = "Give each demo account a fresh password and print them all, with their roles (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for development: this runs only with DJANGO_DEBUG on.")
        emails = [account[0] for account in DEMO_ACCOUNTS + PLAN_ACCOUNTS]
        users = {user.username: user for user in User.objects.filter(username__in=emails)}
        if not users:
            raise CommandError("There are no demo accounts yet: run `manage.py load_demo` first.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Sign in at {settings.PORTAL_BASE_URL}/accounts/login/ as any of these"))
        self.stdout.write("(the passwords are new each time this runs):")
        for email in emails:
            if email in users:
                self.stdout.write(f"  {email:30} {new_password(users[email]):18} {role_of(users[email])}")
