"""A file's denominators are checked and never dropped without a word: a denominator of 0 beside a count is a
problem, and a file giving some denominators but not all is told which the pages will use."""

import io

import pytest

from evidence.loading import Options, check
from tests.evidence.factories import FIXTURES

pytestmark = pytest.mark.django_db

HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"


def report_of(*rows):
    return check(io.BytesIO("\n".join([HEADER, *rows, ""]).encode()), Options(source="long"))


def test_a_denominator_of_0_beside_a_count_is_a_problem_and_nothing_is_loaded():
    report = check(io.BytesIO((FIXTURES / "long_mixden.csv").read_bytes()), Options(source="long"))
    assert not report.can_load
    assert [example.line for example in report.examples["zero_denominator"]] == [5]


def test_a_count_of_0_of_0_is_no_problem():
    assert report_of("E09000029,2024/25,exclusions,suspension,indian,0,0").problems == {}


def test_a_file_with_some_denominators_says_its_rates_are_of_the_population_unless_the_analyst_chooses_the_files():
    report = report_of(
        "E09000029,2024/25,exclusions,suspension,black-caribbean,40,300",
        "E09000029,2024/25,exclusions,suspension,white-british,120,",
        "E09000029,2024/25,exclusions,suspension,indian,30,",
        "E09000029,2024/25,exclusions,suspension,black-african,25,400",
    )
    assert report.can_load
    notes = {description: examples for blocks, description, _, examples in report.listed() if not blocks}
    [(description, [example])] = notes.items()
    assert description.startswith("Denominators given for some rows but not all")
    assert example.detail == (
        "the file's denominators are given for 2 of 4 rows; its rates are of the population loaded (Census 2021), "
        "not of the file's denominators (choose the file's denominators to use them: rows without one then have no "
        "rate)"
    )
    assert report.rates_of == "population"


def test_a_file_with_every_denominator_or_none_has_no_such_note():
    assert report_of("E09000029,2024/25,exclusions,suspension,indian,30,300").problems == {}
    assert report_of("E09000029,2024/25,exclusions,suspension,indian,30,").problems == {}


def test_the_analyst_may_choose_the_files_denominators_for_a_file_with_some():
    rows = [
        HEADER,
        "E09000029,2024/25,exclusions,suspension,indian,30,300",
        "E09000029,2024/25,exclusions,suspension,white-british,120,",
    ]
    report = check(io.BytesIO("\n".join([*rows, ""]).encode()), Options(source="long", rates_of="file"))
    [(_, [example])] = {d: e for blocks, d, _, e in report.listed() if not blocks}.items()
    assert example.detail.endswith("its rates are of them, and a row without one has no rate")
    assert report.rates_of == "file"
