"""Text stored before decision 0013 loses its direction overrides and isolates when the portal is upgraded."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Membership
from reference.models import LocalAuthority, SubRegion
from submissions.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def test_texts_saved_before_the_rule_lose_their_direction_controls():
    migrate([("operations", "0002_admins_see_job_runs")])
    # Its own borough: an earlier test of this kind may have emptied the tables the migrations filled
    region = SubRegion.objects.create(name="Test sub-region", slug="test-sub-region")
    borough = LocalAuthority.objects.create(
        name="Testborough", short_name="Test", slug="testborough", gss_code="E09999999", sub_region=region
    )
    lead = factories.UserFactory(first_name="Ann\u202e")
    Membership.objects.create(user=lead, local_authority=borough)
    practice = Practice.objects.create(
        local_authority=borough,
        title="Mentoring \u2066for\u2069 care leavers",
        summary="Mentoring",
        description="First paragraph.\n\nExclusions \u202efell\u202c by a third.",
        impact="Fewer exclusions",
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    practice = Practice.objects.get(pk=practice.pk)
    assert practice.title == "Mentoring for care leavers"
    assert practice.description == "First paragraph.\n\nExclusions fell by a third."
    lead.refresh_from_db()
    assert lead.first_name == "Ann"
