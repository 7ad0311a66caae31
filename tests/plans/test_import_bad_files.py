"""Plan files that cannot be read as a plan get a clear message and save nothing; Word files read as text ones do."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from plans import importer
from plans.models import Plan
from tests.plans.test_import_context_plans import NORTH_CENTRAL


def refused(tmp_path, text, name="plan.txt"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(CommandError) as raised:
        call_command("import_plan", str(path), sub_region="East London")
    assert not Plan.objects.exists()
    return str(raised.value)


@pytest.mark.django_db
def test_a_file_without_numbered_areas_is_refused(tmp_path):
    message = refused(tmp_path, "Our plan\n\nAction: do things\nOwner: Ben\n")
    assert "No numbered areas were found" in message and "‘1. Understanding the data’" in message


@pytest.mark.django_db
def test_a_date_that_is_not_a_date_is_refused_with_its_line(tmp_path):
    message = refused(tmp_path, "Plan\n\n1. Data\nAction: analyse\nOwner: Ben\n\n31/02/20: met\n")
    assert "Line 7: ‘31/02/20’ is not a date (write dates as dd/mm/yy or dd/mm/yyyy)" in message


@pytest.mark.django_db
def test_a_date_without_its_year_is_refused(tmp_path):
    message = refused(tmp_path, "Plan\n\n1. Data\nAction: analyse\n16.07: met\n")
    assert "Line 5: ‘16.07’ is not a date" in message


@pytest.mark.django_db
def test_an_empty_file_is_refused(tmp_path):
    assert "The file is empty" in refused(tmp_path, "\n  \n")


@pytest.mark.django_db
def test_a_file_that_is_not_a_word_document_is_refused(tmp_path):
    assert "not a Word document that can be read" in refused(tmp_path, b"%PDF-1.4 not a plan", name="plan.docx")


@pytest.mark.django_db
def test_two_areas_with_one_number_are_refused(tmp_path):
    assert "there are two areas numbered 1" in refused(tmp_path, "Plan\n\n1. Data\n1. Practice\n")


def test_an_update_above_every_action_is_a_warning_not_an_error():
    parsed = importer.parse("plan.txt", b"Plan\n\n1. Data\n16/07/20: met\nAction: analyse\n")
    assert parsed.errors == []
    assert parsed.warnings == ["Line 4: an update dated 16/07/20 with no action above it was left out"]
    assert parsed.counts() == {"areas": 1, "actions": 1, "updates": 0, "owners": 0, "plan-level items": 0}


def test_four_figure_years_and_owner_lists_with_and_read():
    parsed = importer.parse("plan.txt", b"Plan\n\n1. Data\nAction: analyse\nOwners: Ann and Raj\n16/07/2021: started\n")
    [action] = parsed.areas[0].actions
    assert action.owners == [("named", "Ann"), ("named", "Raj")]
    assert action.updates == [[date(2021, 7, 16), "started"]]


def docx_of(paragraphs, numbered_areas=False):
    document = Document()
    for text in paragraphs:
        if numbered_areas and text[:2] in ("1.", "2.", "3.", "4.", "5."):
            document.add_paragraph(text[3:], style="List Number")
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("numbered_areas", [False, True], ids=["typed numbers", "Word's numbered list"])
def test_the_north_central_plan_as_a_word_document_reads_as_the_text_file_does(numbered_areas):
    text = NORTH_CENTRAL.read_text()
    from_text = importer.parse("plan.txt", text.encode())
    from_word = importer.parse("plan.docx", docx_of(text.splitlines(), numbered_areas))
    assert from_word.errors == []
    assert from_word.counts() == from_text.counts()
    assert from_text.counts() == {"areas": 5, "actions": 5, "updates": 5, "owners": 6, "plan-level items": 1}
    assert (from_word.areas, from_word.forward_items) == (from_text.areas, from_text.forward_items)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/.:- \nActionOwner:ivy()&,’DCSs")), max_size=400))
def test_any_text_is_read_without_an_exception(text):
    parsed = importer.parse("plan.txt", text.encode())
    assert parsed.errors or parsed.areas
