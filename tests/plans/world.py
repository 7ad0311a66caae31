"""Plans as the tests need them: the two context plans imported, and people in each plans role."""

import html
import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags

from plans import services
from plans.models import Action, Owner, Plan, SubRegionRole
from reference.models import SubRegion
from tests import factories
from tests.plans.test_import_context_plans import EAST, NORTH_CENTRAL


def region(name):
    return SubRegion.objects.get(name=name)


def with_role(user, sub_region_name, role):
    SubRegionRole.objects.create(user=user, sub_region=region(sub_region_name), role=role)
    return user


def coordinator(sub_region_name="North Central London", **kwargs):
    return with_role(factories.UserFactory(**kwargs), sub_region_name, SubRegionRole.Role.COORDINATOR)


def director(sub_region_name="North Central London", **kwargs):
    return with_role(factories.dcs(**kwargs), sub_region_name, SubRegionRole.Role.DIRECTOR)


def import_plan(path, sub_region_name):
    """A new plan from the file, even where a plan from the same file is there already (as a test may want two)."""
    call_command("import_plan", str(path), sub_region=sub_region_name, separate_plan=True, stdout=io.StringIO())
    return Plan.objects.filter(sub_region__name=sub_region_name).latest("pk")


def north_central():
    return import_plan(NORTH_CENTRAL, "North Central London")


def east():
    return import_plan(EAST, "East London")


def owned_action(plan, user, *, due_in_days=3, what="Bring the data back"):
    """A new action in the plan's first area owned by the user, due in a few days."""
    return services.add_action(
        area=plan.areas.first(),
        by=None,
        what=what,
        owners=[services.OwnerChoice(Owner.Kind.PERSON, user=user)],
        due_on=timezone.localdate() + timedelta(days=due_in_days),
    )


def meeting(plan, days_ahead=7):
    return services.record_meeting(plan=plan, by=None, held_on=timezone.localdate() + timedelta(days=days_ahead))


def first_action(plan):
    return Action.objects.filter(area__plan=plan).first()


def html_of(response):
    """The page's HTML on one line, its entities read (&#x27; as ')."""
    return " ".join(html.unescape(response.content.decode()).split())


def words_of(response):
    """What the page says, without its tags, on one line."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def written_today():
    """The update form's answer to "When was it recorded?": not at a meeting, written today (said, not assumed)."""
    today = timezone.localdate()
    return {
        "recorded": "date",
        "written_on_day": today.day,
        "written_on_month": today.month,
        "written_on_year": today.year,
    }
