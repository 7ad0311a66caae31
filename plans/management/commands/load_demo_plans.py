"""
Demo plans for `make run`: both sub-regions' plans imported through the importer, a coordinator for each,
North Central London's directors' meeting with a few updates, and an action for the demo director.
Safe to run again: plans already imported are left as they are, and `manage.py demo_accounts` prints the accounts.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_account
from plans import importer, services
from plans.models import Action, Owner, Plan, SubRegionRole
from reference.models import SubRegion

DATA = Path(__file__).resolve().parents[2] / "data"
PLANS = [
    ("east-london-areas-for-collaboration.txt", "East London"),
    ("north-central-london-areas-for-collaboration-v2.txt", "North Central London"),
]
# email, first name, last name, sub-region, role
ACCOUNTS = [
    ("coordinator.east@example.org", "Esi", "Boateng", "East London", SubRegionRole.Role.COORDINATOR),
    ("coordinator.ncl@example.org", "Nia", "Clarke", "North Central London", SubRegionRole.Role.COORDINATOR),
]
DEMO_DIRECTOR = "dcs@example.org"  # made by load_demo: directs North Central London's plan here
UPDATES = [
    (0, "First cut of the data shared: exclusions and youth justice stand out.", Action.Status.IN_PROGRESS),
    (1, "YOS heads of service met; terms of reference agreed.", Action.Status.IN_PROGRESS),
    (2, "Staff College framework adopted as the reference point.", Action.Status.DONE),
]


class Command(BaseCommand):
    help = "Load the two context plans, a coordinator for each, a meeting with updates and a demo director's action."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow running with DEBUG off.")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development. Use --force to load it with DEBUG off.")
        for account in ACCOUNTS:
            self.make_account(*account)
        for filename, region_name in PLANS:
            region = SubRegion.objects.get(name=region_name)
            if not Plan.objects.filter(sub_region=region).exists():
                self.import_plan(DATA / filename, region)
        self.stdout.write(self.style.SUCCESS("Demo plans loaded."))

    def make_account(self, email, first_name, last_name, region_name, role):
        user, _ = demo_account(email, first_name, last_name)
        SubRegionRole.objects.get_or_create(user=user, sub_region=SubRegion.objects.get(name=region_name), role=role)

    def import_plan(self, path, region):
        parsed = importer.parse(path.name, path.read_bytes())
        plan = services.import_plan(parsed=parsed, sub_region=region, by=None, source_name=path.name)
        if region.name != "North Central London":
            return
        coordinator = User.objects.get(username="coordinator.ncl@example.org")
        director = User.objects.filter(username=DEMO_DIRECTOR).first()
        if director:
            SubRegionRole.objects.get_or_create(user=director, sub_region=region, role=SubRegionRole.Role.DIRECTOR)
            services.add_action(
                area=plan.areas.get(number=2),
                by=coordinator,
                what="Share the YOS heads of service's terms of reference with the directors",
                owners=[services.OwnerChoice(Owner.Kind.PERSON, user=director)],
                due_on=timezone.localdate() + timedelta(days=5),
            )
        meeting = services.record_meeting(plan=plan, by=coordinator, held_on=timezone.localdate() - timedelta(days=14))
        actions = list(Action.objects.filter(area__plan=plan))
        entries = [
            services.MeetingEntry(action=actions[index], seen_version=None, text=text, status=status)
            for index, text, status in UPDATES
        ]
        services.save_meeting_updates(meeting=meeting, by=coordinator, entries=entries)
        services.record_meeting(plan=plan, by=coordinator, held_on=timezone.localdate() + timedelta(days=10))
