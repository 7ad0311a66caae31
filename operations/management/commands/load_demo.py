"""
Demo content for trying the portal on a laptop: one account per role and the
sample proformas as published entries. Safe to run again: it updates, never
duplicates; `manage.py demo_accounts` prints the accounts with fresh passwords.
"""

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import roles
from accounts.demo import demo_account
from accounts.models import Membership
from calls import services as call_services
from calls.models import Call
from evidence.access import ANALYSTS
from reference.models import LocalAuthority, SharingCategory, SubRegion, Theme
from search import engine
from submissions.models import Contact, Event, Practice, Resource

DEMO_CALL = "East London directors' meeting: sharing practice"
DEMO_PRACTICE = Path(__file__).resolve().parents[2] / "data" / "demo_practice.json"

# email, first name, last name, groups, local authorities led (GSS codes), staff
DEMO_ACCOUNTS = [
    ("lead@example.org", "Lola", "Adeyemi", [], ["E09000026"], False),
    ("lead.hackney@example.org", "Harriet", "Okafor", [], ["E09000012"], False),
    ("dcs@example.org", "Dele", "Campbell", [roles.DCS], [], False),
    ("moderator@example.org", "Maya", "Shah", [roles.MODERATORS], [], False),
    ("analyst@example.org", "Ana", "Costa", [ANALYSTS], [], False),
    ("admin@example.org", "Ade", "Mensah", [roles.ADMINS], [], True),
]


class Command(BaseCommand):
    help = "Load demo accounts (one per role) and the sample proformas as published practice."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow running with DEBUG off.")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development. Use --force to load it with DEBUG off.")
        for account in DEMO_ACCOUNTS:
            self.make_account(*account)
        moderator = User.objects.get(username="moderator@example.org")
        for entry in json.loads(DEMO_PRACTICE.read_text(encoding="utf-8")):
            self.make_practice(entry, moderator)
        self.make_call(moderator)
        call_command("load_demo_evidence", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))

    def make_call(self, moderator):
        """An open call to East London, opened by the moderator as on the portal (its emails go to the console)."""
        today = timezone.localdate()
        call, created = Call.objects.get_or_create(
            title=DEMO_CALL,
            defaults={
                "message": "Ahead of the East London directors' meeting, please share your anti-racist practice, "
                "especially on school exclusions and youth justice.",
                "opens_on": today,
                "return_by": today + timedelta(days=21),
                "created_by": moderator,
            },
        )
        if created:
            call.local_authorities.set(SubRegion.objects.get(slug="east-london").local_authorities.all())
            call.themes.set(Theme.objects.filter(slug__in=["school-exclusions", "youth-justice"]))
            call_services.open_call(call=call, by=moderator)

    def make_account(self, email, first_name, last_name, group_names, authorities, is_staff):
        user, _ = demo_account(email, first_name, last_name, is_staff=is_staff)
        user.groups.set(Group.objects.filter(name__in=group_names))
        for code in authorities:
            Membership.objects.get_or_create(user=user, local_authority=LocalAuthority.objects.get(gss_code=code))

    def make_practice(self, entry, moderator):
        now = timezone.now()
        practice, created = Practice.objects.update_or_create(
            local_authority=LocalAuthority.objects.get(gss_code=entry["local_authority"]),
            title=entry["title"],
            defaults={
                "summary": entry["summary"],
                "description": entry["description"],
                "impact": entry["impact"],
                "status": Practice.Status.PUBLISHED,
                "submitted_at": now,
                "published_at": now,
            },
        )
        practice.categories.set(SharingCategory.objects.filter(slug__in=entry["categories"]))
        practice.themes.set(Theme.objects.filter(slug__in=entry["themes"]))
        practice.contacts.all().delete()
        Contact.objects.bulk_create(Contact(practice=practice, **contact) for contact in entry["contacts"])
        practice.resources.all().delete()
        Resource.objects.bulk_create(Resource(practice=practice, **resource) for resource in entry["resources"])
        engine.index(practice)
        if created:
            Event.objects.create(
                practice=practice,
                actor=moderator,
                action=Event.Action.PUBLISHED,
                to_status=Practice.Status.PUBLISHED,
                comment="Loaded as demo content from a returned Word proforma.",
            )
