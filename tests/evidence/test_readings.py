"""Why a group has no rate index: the sentence names the count in the way, never "too few" of a large group."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse

from evidence.models import Measure
from evidence.readings import no_index_sentence
from tests.evidence.factories import youth_justice_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def redbridge_2021(client):
    """Redbridge 2021/22 custody: White British 3 (hidden), Black Caribbean 7, Indian 0 of 56,429, Black African 4."""
    youth_justice_world()
    params = {"area": "redbridge", "period": "2021"}
    response = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params)
    rows = csv.DictReader(io.StringIO(response.content.decode()))
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    return {(row["stage"], row["ethnic_group"]): row["reading"] for row in rows}, page


def test_a_hidden_comparison_group_is_named_as_the_one_too_few(redbridge_2021):
    readings, _ = redbridge_2021
    caribbean = readings[("Custody", "Black Caribbean")]
    assert "too few White British children at this stage (custody) to compare with" in caribbean
    assert "too few Black Caribbean" not in caribbean


def test_a_count_of_none_out_of_many_is_not_called_too_few_children(redbridge_2021):
    readings, _ = redbridge_2021
    assert readings[("Custody", "Indian")] == (
        "0 of the 56,429 children in the Indian group were counted at this stage (custody), "
        "so there is no rate to compare with White British children."
    )


def test_a_hidden_count_is_said_to_be_hidden_to_protect_the_children(redbridge_2021):
    readings, _ = redbridge_2021
    african = readings[("Custody", "Black African")]
    assert african.startswith("The number of Black African children at this stage (custody) is hidden to protect")
    assert "too few Black African children" not in african


def test_table_cells_say_which_count_stands_in_the_way(redbridge_2021):
    _, page = redbridge_2021
    custody = page.split('id="stage-3"')[1]
    caribbean = custody.split('<th scope="row">Black Caribbean</th>')[1].split("</tr>")[0]
    indian = custody.split('<th scope="row">Indian</th>')[1].split("</tr>")[0]
    assert caribbean.count("too few White British to compare with") == 2  # against the population and the stage before
    assert "none counted" in indian


def figure(name, count, status="", denominator=None):
    return SimpleNamespace(group=SimpleNamespace(short_name=name), count=count, status=status, denominator=denominator)


def sentence(own, kind=Measure.Kind.OUTCOME, counted="children", comparison=None):
    measure = SimpleNamespace(what_is_counted=counted, kind=kind)
    stage = SimpleNamespace(name="Referral")
    reference = comparison or figure("White British", 120, denominator=9000)
    return no_index_sentence(measure=measure, stage=stage, figure=own, reference=reference, verb="to be referred")


def test_a_zero_reads_plainly_whatever_the_groups_name():
    """The second tester's 'None of the 2,382 Any other ethnic group children were counted'."""
    assert sentence(figure("Any other ethnic group", 0, denominator=2382)).startswith(
        "0 of the 2,382 children in the Any other ethnic group were counted at this stage (referral)"
    )
    assert sentence(figure("Chinese", 0)).startswith("0 children in the Chinese group were counted at this stage")
    zero_comparison = sentence(figure("Indian", 9, denominator=900), comparison=figure("White British", 0))
    assert zero_comparison.startswith("0 children in the White British group were counted at this stage (referral)")


def test_workforce_readings_say_the_staff_are_protected_not_the_children():
    hidden = figure("Black African", None, status="small")
    staff = sentence(hidden, kind=Measure.Kind.WORKFORCE, counted="staff")
    assert "hidden to protect the staff" in staff and "children" not in staff
    theirs = sentence(figure("Indian", 9, denominator=900), Measure.Kind.WORKFORCE, "staff", comparison=hidden)
    assert "hidden to protect the staff" in theirs and "children" not in theirs
    assert "hidden to protect the children" in sentence(hidden)
