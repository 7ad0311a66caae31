"""The readings: why a group has no rate index (the sentence names the count in the way, never "too few" of a large
group), and the rules at the edges: an index near 1, counts of 0, 1, 9 and 10 on either side, the same on the page,
in the CSV and in the API."""

import csv
import io
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from evidence.figures import sentence as figure_sentence
from evidence.models import Measure
from evidence.statistics import Index, reading, relative_rate_index
from tests.evidence.factories import load_csv, youth_justice_world

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


def test_a_count_of_none_out_of_many_is_not_called_too_few_children_nor_said_to_have_no_rate(redbridge_2021):
    """Its rate is 0.0, shown beside it: the comparison group's hidden count is what stands in the way."""
    readings, _ = redbridge_2021
    assert readings[("Custody", "Indian")] == (
        "0 of the 56,429 children in the Indian group were counted at this stage (custody), but there are too few "
        "White British children to compare with: their number is hidden to protect the children."
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
    # its rate's exact interval, 1 − 0.025^(1/56,429) = 0.065 per 1,000 at most, and the reason it has no index
    assert (
        '0.0 <span class="evidence-muted">(0.0 to 0.1)</span>' in indian
        and indian.count("too few White British to compare with") == 2
    )


def figure(name, count, status="", denominator=None):
    group = SimpleNamespace(short_name=name)
    return SimpleNamespace(group=group, count=count, status=status, denominator=denominator, basis="population")


def sentence(own, kind=Measure.Kind.OUTCOME, counted="children", comparison=None):
    """The figure's reading as figures.stage_figures gives it: its index against the comparison group, then words."""
    measure = SimpleNamespace(what_is_counted=counted, kind=kind)
    stage = SimpleNamespace(name="Referral", verb="to be referred")
    reference = comparison or figure("White British", 120, denominator=9000)
    own.index = relative_rate_index(own.count, own.denominator, reference.count, reference.denominator)
    return figure_sentence(measure, stage, own, reference)


def test_a_zero_reads_plainly_whatever_the_groups_name():
    """The second tester's 'None of the 2,382 Any other ethnic group children were counted'."""
    assert sentence(figure("Any other ethnic group", 0, denominator=2382)).startswith(
        "0 of the 2,382 children in the Any other ethnic group were counted at this stage (referral)"
    )
    assert sentence(figure("Chinese", 0)).startswith("0 children in the Chinese group were counted at this stage")
    zero_comparison = sentence(figure("Indian", 9, denominator=900), comparison=figure("White British", 0, None, 9000))
    assert zero_comparison.startswith(
        "0 of the 9,000 children in the White British group were counted at this stage (referral)"
    )


def test_workforce_readings_say_the_staff_are_protected_not_the_children():
    hidden = figure("Black African", None, status="small")
    staff = sentence(hidden, kind=Measure.Kind.WORKFORCE, counted="staff")
    assert "hidden to protect the staff" in staff and "children" not in staff
    theirs = sentence(figure("Indian", 9, denominator=900), Measure.Kind.WORKFORCE, "staff", comparison=hidden)
    assert "hidden to protect the staff" in theirs and "children" not in theirs
    assert "hidden to protect the children" in sentence(hidden)


def read(index, group="Indian", counted="children"):
    return reading(group=group, comparison="White British", index=index, verb="to be arrested", counted=counted)


def test_an_index_of_1_04_with_a_narrow_interval_is_about_as_likely_and_never_called_confident():
    """Issue 27: 1.04 (1.01 to 1.07) read "as likely as … ; we can be confident this is not chance"."""
    index = relative_rate_index(9360, 90_000, 9000, 90_000)
    assert (f"{index.value:.2f}", index.interval_text()) == ("1.04", "1.01 to 1.07")
    assert read(index) == (
        "Indian children were about as likely as White British children to be arrested (1.04 times as likely); "
        "a small difference, but unlikely to be chance: the 95% confidence interval, 1.01 to 1.07, is above 1."
    )


@pytest.mark.parametrize(
    "index",
    [
        Index(0.90, 0.88, 0.92),
        Index(0.95, 0.93, 0.97),
        Index(1.0, 0.97, 1.03),
        Index(1.04, 1.003, 1.08),
        Index(1.10, 1.06, 1.14),
        Index(1.04, 0.5, 2.1, counts=(9, 400)),
    ],
)
def test_near_1_a_reading_is_about_as_likely_and_never_confident(index):
    sentence = read(index)
    assert "about as likely as White British children" in sentence and "confident" not in sentence
    assert f"({index.value:.2f} times as likely)" in sentence
    assert ("unlikely to be chance" in sentence) == index.is_clear


@pytest.mark.parametrize(
    "index, says",
    [
        (
            Index(1.11, 1.08, 1.14),
            "were 1.1 times as likely as White British children to be arrested; we can be confident",
        ),
        (Index(0.89, 0.87, 0.91), "were less likely than White British children to be arrested (0.89 times as likely)"),
    ],
)
def test_outside_the_band_around_1_a_clear_difference_is_confident(index, says):
    assert says in read(index) and "about as likely" not in read(index)


@pytest.mark.parametrize(
    "count, comparison_count, caution",
    [
        (9, 400, ", based on only 9 Indian children;"),
        (1, 400, ", based on only 1 Indian child;"),
        (400, 9, ", based on only 9 White British children;"),
        (400, 1, ", based on only 1 White British child;"),
        (9, 1, ", based on only 9 Indian children and 1 White British child;"),
        (10, 400, None),
        (400, 10, None),
    ],
)
def test_below_10_on_either_side_the_reading_says_how_few_and_gives_the_exact_interval(
    count, comparison_count, caution
):
    index = relative_rate_index(count, 2000, comparison_count, 20_000)
    sentence = read(index)
    if caution is None:
        assert "based on" not in sentence and index.interval_text() not in sentence
    else:
        assert caution in sentence and f"the 95% confidence interval, {index.interval_text()}," in sentence
    assert ("we can be confident" in sentence) == index.is_clear


def test_a_count_of_1_reads_in_the_singular_of_what_is_counted():
    index = relative_rate_index(1, 2000, 400, 20_000)
    assert ", based on only 1 Indian pupil;" in read(index, counted="pupils")
    assert ", based on only 1 Indian person;" in read(index, counted="people")


def test_a_count_of_0_in_the_group_reads_as_0_of_the_group_with_its_exact_interval():
    sentence_of = sentence(figure("Indian", 0, denominator=56_429), comparison=figure("White British", 400, None, 9000))
    # by hand: 1 − 0.025^(1/400) = 0.009180 of the 400 at most, 0.009180 ÷ 0.990820 × 9,000 ÷ 56,429 = 0.00148
    assert sentence_of == (
        "0 of the 56,429 children in the Indian group were counted at this stage (referral), against 400 of the 9,000 "
        "in the White British group: Indian children were less likely than White British children to be referred; we "
        "can be confident this is not chance: the 95% confidence interval of the rate index, 0 to 0.001, "
        "is below 1."
    )
    few = sentence(figure("Indian", 0, denominator=900), comparison=figure("White British", 9, None, 9000))
    assert few.startswith("0 of the 900 children in the Indian group were counted at this stage (referral), against 9")
    # by hand: 1 − 0.025^(1/9) = 0.3363 of the 9 at most, 0.3363 ÷ 0.6637 × 9,000 ÷ 900 = 5.07
    assert few.endswith(
        "so the difference could be chance: the 95% confidence interval of the rate index, 0 to 5.07, includes 1."
    )
    assert "no rate" not in sentence_of + few


def test_a_count_of_0_in_the_comparison_group_gives_an_index_with_no_upper_bound():
    sentence_of = sentence(figure("Indian", 9, denominator=900), comparison=figure("White British", 0, None, 9000))
    low = relative_rate_index(9, 900, 0, 9000).low
    assert sentence_of.endswith(
        ": Indian children were more likely than White British children to be referred; we can be confident this is "
        f"not chance: the 95% confidence interval of the rate index, {low:.2f} or more, is above 1."
    )


def test_counts_of_0_on_both_sides_say_there_is_no_difference_to_measure():
    assert sentence(figure("Indian", 0, denominator=900), comparison=figure("White British", 0, None, 9000)) == (
        "0 of the 900 children in the Indian group were counted at this stage (referral), and 0 of the 9,000 in the "
        "White British group, so there is no difference to measure."
    )


@pytest.fixture
def edges(client):
    """Hackney's arrests with a near-1 index (Indian 1.04, 1.01 to 1.07), a count under 10 (Black Caribbean 9 of 30)
    and a 0 (Chinese 0 of 5,000), against White British 9,000 of 90,000, as the page, the CSV and the API give them."""
    lines = ["la_code,period,measure,stage,ethnic_group,count,denominator"]
    for group, count, denominator in (
        ("white-british", 9000, 90_000),
        ("indian", 9360, 90_000),
        ("black-caribbean", 9, 30),
        ("chinese", 0, 5000),
    ):
        lines.append(f"E09000012,2023,youth-justice,arrest,{group},{count},{denominator}")
    load_csv("\n".join(lines) + "\n")
    params = {"area": "hackney", "period": "2023"}
    page = client.get(reverse("evidence:measure", args=["youth-justice"]), params).content.decode()
    download = client.get(reverse("evidence:measure_csv", args=["youth-justice"]), params).content.decode()
    api = client.get(reverse("evidence:api_measure_detail", args=["youth-justice"]), params).json()["figures"]
    rows = {row["ethnic_group"]: row for row in csv.DictReader(io.StringIO(download)) if row["stage"] == "Arrest"}
    items = {item["ethnic_group"]: item for item in api if item["stage"] == "Arrest"}
    return page, rows, items


def test_the_page_the_csv_and_the_api_carry_the_same_reading_and_interval(edges):
    page, rows, items = edges
    summary = page.split('id="stage-1"')[1].split('class="evidence-summary"')[1].split("</div>")[0]
    table = page.split('id="stage-1"')[1].split("</table>")[0]
    for group in ("Indian", "Black Caribbean", "Chinese"):
        row, item = rows[group], items[group]
        assert row["reading"] == item["reading"] and f"<p>{row['reading']}</p>" in summary, group
        assert (float(row["index_low_95"]), float(row["index_high_95"])) == (
            item["index_low_95"],
            item["index_high_95"],
        )
        cell = table.split(f'<th scope="row">{group}</th>')[1].split("</tr>")[0]
        low, high = re.findall(r"\(([\d.]+) to ([\d.]+)\)</td>", cell)[-1]
        assert (float(low), float(high)) == pytest.approx((item["index_low_95"], item["index_high_95"]), abs=0.005)
    assert "about as likely as White British children" in rows["Indian"]["reading"]
    assert "confident" not in rows["Indian"]["reading"]
    assert ", based on only 9 Black Caribbean children;" in rows["Black Caribbean"]["reading"]
    assert (
        rows["Black Caribbean"]["index_interval_method"] == items["Black Caribbean"]["index_interval_method"] == "exact"
    )
    assert rows["Indian"]["index_interval_method"] == "log"
    assert rows["Chinese"]["reading"].startswith(
        "0 of the 5,000 children in the Chinese group were counted at this stage (arrest), against 9,000 of the "
        "90,000 in the White British group"
    )
    assert (rows["Chinese"]["rate_per_1000"], rows["Chinese"]["rate_index"], items["Chinese"]["rate_index"]) == (
        "0.000",
        "0.000",
        0.0,
    )
