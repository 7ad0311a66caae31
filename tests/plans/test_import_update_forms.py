"""Dated updates in every form the sub-regions write them: "Update 16/07/20:", "Update (16/07/20)", "16 July 2020 –"
and the rest read as the "16/07/20:" the context documents use, with their paragraphs kept together."""

from datetime import date

import pytest

from plans import importer
from tests.plans.test_import_bad_files import docx_of
from tests.plans.test_import_context_plans import NORTH_CENTRAL

FORMS = [
    "Update 16/07/20:",
    "Update (16/07/20)",
    "Update (16/07/20):",
    "Update 16.07.2020 -",
    "16 July 2020 –",
    "16 July 2020:",
    "16/07/2020:",
    "16.07.20:",
    "Update: 16 July 2020",
    "Update: 16 July 2020 -",
    "Update – 16/07/20",
    "UPDATE 16th July 2020:",
    "Updated 16 Jul 2020:",
]

PLAN = """Plan

1. Data
Action: analyse the data
Owner: Ben

{prefix} Analysis needs to be granular.

Ben to follow up.

2. Practice
Action: share the practice
"""


def read(prefix, name="plan.txt"):
    text = PLAN.format(prefix=prefix)
    content = docx_of(text.splitlines()) if name.endswith(".docx") else text.encode()
    return importer.parse(name, content)


@pytest.mark.parametrize("name", ["plan.txt", "plan.docx"])
@pytest.mark.parametrize("prefix", FORMS)
def test_each_form_of_an_update_line_is_a_dated_update_with_its_paragraphs(prefix, name):
    parsed = read(prefix, name)
    assert (parsed.errors, parsed.warnings) == ([], [])
    assert parsed.counts()["updates"] == 1
    [data, practice] = [area.actions[0] for area in parsed.areas]
    assert data.updates == [[date(2020, 7, 16), "Analysis needs to be granular.\n\nBen to follow up."]]
    assert practice.updates == []


@pytest.mark.parametrize("prefix", ["Update 16/07/20:", "Update: 16 July 2020", "16 July 2020 –"])
def test_an_update_line_with_only_its_date_takes_the_paragraphs_under_it(prefix):
    parsed = importer.parse("plan.txt", PLAN.format(prefix=prefix).replace(" Analysis", "\n\nAnalysis").encode())
    assert parsed.areas[0].actions[0].updates == [
        [date(2020, 7, 16), "Analysis needs to be granular.\n\nBen to follow up."]
    ]


@pytest.mark.parametrize("prefix", ["Update 16/07/20:", "Update (16/07/20)", "16 July 2020 –", "Update: 16 July 2020"])
def test_the_north_central_plan_in_each_form_reads_as_it_does_with_its_own(prefix):
    text = NORTH_CENTRAL.read_text()
    assert text.count("16/07/20:") == 5
    as_written = importer.parse("plan.txt", text.encode())
    other_form = importer.parse("plan.txt", text.replace("16/07/20:", prefix).encode())
    assert (
        other_form.counts()
        == as_written.counts()
        == {
            "areas": 5,
            "actions": 5,
            "updates": 5,
            "owners": 6,
            "plan-level items": 1,
        }
    )
    assert other_form.areas == as_written.areas
    assert other_form.warnings == as_written.warnings


def test_a_line_starting_with_update_and_no_date_is_text():
    parsed = importer.parse("plan.txt", PLAN.format(prefix="Update the data by hand.").encode())
    assert parsed.counts()["updates"] == 0
    assert parsed.areas[0].actions[0].what == "analyse the data"


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        ("Update 31/02/20:", "Line 7: ‘31/02/20’ is not a date"),
        ("31 February 2020 –", "Line 7: ‘31 February 2020’ is not a date"),
        ("Update (16/7):", "Line 7: ‘Update (16/7)’ is not a date (write dd/mm/yy)"),
        ("16.07:", "Line 7: ‘16.07’ is not a date (write dd/mm/yy)"),
    ],
)
def test_an_update_whose_date_is_not_a_date_is_refused_with_its_line(prefix, said):
    errors = read(prefix).errors
    assert len(errors) == 1 and errors[0].startswith(said)
