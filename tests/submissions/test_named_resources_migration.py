"""
Migration submissions 0020 lets a resource be named before its link or file: the check that it is one or the
other becomes the check that it is never both. Links and files made before it are kept as they were, and going
back is refused, with what to do, while a resource awaits its link or file.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from submissions.models import Resource
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("submissions", "0019_event_evidence_actions")]
AFTER = [("submissions", "0020_resources_named_before_their_link")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_links_and_files_are_kept_and_going_back_waits_for_named_resources(reference_data):
    practice = PracticeFactory()
    try:
        migrate(BEFORE)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps.get_model("submissions", "Resource")
        old.objects.create(practice_id=practice.pk, title="Evaluation", url="https://example.org/evaluation")
        old.objects.create(practice_id=practice.pk, title="Report", file="resources/report.pdf")

        migrate(AFTER)
        assert sorted(Resource.objects.values_list("title", "url", "file")) == [
            ("Evaluation", "https://example.org/evaluation", ""),
            ("Report", "", "resources/report.pdf"),
        ]
        named = Resource.objects.create(practice=practice, title="Building Equal Foundations")

        with pytest.raises(RuntimeError, match="1 resource awaits a link or file"):
            migrate(BEFORE)
        named.delete()
        migrate(BEFORE)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Resource.objects.count() == 2
