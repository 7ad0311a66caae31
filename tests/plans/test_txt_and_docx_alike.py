"""One document as a text file and as a Word file imports to the same plan: title, version, areas, actions,
owners and updates (the Word files are the context documents saved from Word, with one paragraph a line)."""

from pathlib import Path

import pytest

from plans.models import Plan
from plans.versions import content_of
from tests.plans import world
from tests.plans.test_import_context_plans import EAST, NORTH_CENTRAL

pytestmark = pytest.mark.django_db

WORD = Path(__file__).resolve().parents[1] / "fixtures" / "plans"


def imported(path):
    plan = world.import_plan(path, "North Central London")
    plan.refresh_from_db()
    return plan, plan.versions.get().number, content_of(plan)


@pytest.mark.parametrize("text_file", [NORTH_CENTRAL, EAST], ids=["North Central London", "East London"])
def test_the_same_document_as_txt_and_docx_imports_to_the_same_plan(text_file):
    from_text, text_version, text_content = imported(text_file)
    from_word, word_version, word_content = imported(WORD / text_file.with_suffix(".docx").name)
    assert from_word.title == from_text.title and from_word.introduction == from_text.introduction
    assert word_version == text_version
    assert word_content == text_content
    assert Plan.objects.count() == 2
    assert from_word.source_digest == from_text.source_digest  # so importing one after the other is noticed


def test_the_north_central_title_and_version_read_from_both(tmp_path):
    plan, version, _ = imported(WORD / "north-central-london-areas-for-collaboration-v2.docx")
    assert plan.title == "Racism and disproportionality: Proposed areas for collaboration in North-Central London"
    assert version == 2
