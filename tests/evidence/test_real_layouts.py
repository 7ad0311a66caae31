"""The rest of the real formats (issue 27, item 6): children in need, children looked after, the children's social work
workforce, education, health and care plans (DfE, Explore Education Statistics tidy files) and youth justice
statistics' ethnicity tables (the Youth Justice Board's supporting CSV). For each: cells typed here from the fixture
are what loads, a publisher's symbol loads as that symbol (never 0), labels the portal does not know wait for the
analyst's mapping, other breakdowns load by the analyst's choice, national rows load as England's while regional and
non-London rows are counted and skipped, and the command and the load pages take the file.

Every fixture follows EES's tidy-data layout (time_period, time_identifier, geographic_level, country_code,
country_name, region_code, region_name, old_la_code, new_la_code, la_name, then filters, then indicators) and the
releases' symbols (c suppressed, x or ":" not available, z not applicable, low, k a share below 0.5%). Which release
each copies, and what of it is documented and what assumed, is said beside it; every figure is invented except where
a docstring says it is the publisher's."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from evidence.loading import Options, check, load_dataset
from evidence.lookups import LEAVE_OUT
from evidence.models import Dataset, Observation
from tests.evidence.factories import FIXTURES, analyst

pytestmark = pytest.mark.django_db

CIN = "dfe_cin_by_ethnicity.csv"
CLA = "dfe_cla_by_characteristic.csv"
CSWW = "dfe_csww_by_ethnicity_and_role.csv"
EHC = "dfe_ehc_plans_by_ethnicity.csv"
YJB = "yjb_ethnicity_by_yjs.csv"

# How an analyst loads each: its format, what its count columns count, the labels they map and the breakdowns they
# choose; then how many rows load, and one cell (area, group, stage, count) as the file gives it.
LAYOUTS = {
    CIN: dict(
        source="dfe",
        indicators={"at31_episodes": "childrens-social-care/child-in-need"},
        labels={"Refused": LEAVE_OUT, "Information not yet obtained": LEAVE_OUT},
        breakdowns={},
        rows=29,  # London's two rows among them, as London's own
        cell=("Hackney", "black-caribbean", "child-in-need", 420),
    ),
    CLA: dict(
        source="dfe",
        indicators={"number": "childrens-social-care/looked-after"},
        labels={
            "Black, African, Caribbean or Black British": "black",
            "Refused or information not yet available": LEAVE_OUT,
        },
        breakdowns={},
        rows=15,  # London's two rows among them
        cell=("Hackney", "black", "looked-after", 120),
    ),
    CSWW: dict(
        source="dfe",
        indicators={"inpost_headcount": "social-care-workforce/senior-manager"},
        labels={
            "Asian / Asian British": "asian",
            "Black / African / Caribbean / Black British": "black",
            "Not known": LEAVE_OUT,
        },
        breakdowns={"role": "Senior manager"},
        rows=12,
        cell=("Redbridge", "white", "senior-manager", 6),
    ),
    EHC: dict(
        source="dfe",
        indicators={"num_caseload": "ehc-plans/ehc-plan"},
        labels={"Asian/Asian British": "asian", "Black/African/Caribbean/Black British": "black", "Unknown": LEAVE_OUT},
        breakdowns={},
        rows=19,  # London's row among them
        cell=("Hackney", "black", "ehc-plan", 980),
    ),
    YJB: dict(
        source="yjb",
        indicators={"cautioned_or_sentenced": "youth-justice/caution-or-court", "custody": "youth-justice/custody"},
        labels={"Unknown": LEAVE_OUT},
        breakdowns={},
        rows=38,  # London's row, of two counts, among them
        cell=("Hackney", "black", "caution-or-court", 40),
    ),
}


def fixture(name):
    return io.BytesIO((FIXTURES / name).read_bytes())


def options(name, **changes):
    layout = LAYOUTS[name]
    chosen = {key: layout[key] for key in ("indicators", "labels", "breakdowns")} | changes
    return Options(layout["source"], chosen["indicators"], labels=chosen["labels"], breakdowns=chosen["breakdowns"])


def load(name, **changes):
    return load_dataset(fixture(name), options(name, **changes), provenance={"title": name, "publisher": "DfE"})


def cells(area, stage):
    """{group code (None: the total): (count, symbol)} loaded for an area (None: England; "London": London's own, as
    its publisher published it) and stage."""
    rows = Observation.objects.filter(stage__slug=stage, local_authority=None, london=area == "London")
    if area not in (None, "London"):
        rows = Observation.objects.filter(stage__slug=stage, local_authority__name=area)
    return {
        group: (count, symbol) for group, count, symbol in rows.values_list("ethnic_group__code", "count", "symbol")
    }


# Children in need ------------------------------------------------------------------------------------------------


def test_children_in_need_by_ethnicity_loads_each_group_as_the_file_gives_it():
    """Copies "Children in need", reporting year 2024 (DfE, EES, October 2024): its data set of children in need at
    31 March by characteristics. Documented (the release's data guidance): the EES geography columns, reporting year
    2024, c for 1 to 5 and secondary suppression, ":" for not available, z, England and regional totals rounded to the
    nearest 10. Assumed: the filter columns characteristic_type / characteristic (the convention of the DfE's
    children's social care files of that time), the indicator names at31_episodes and at31_episodes_percentage, and
    the ethnicity labels (the school census's, with "Refused" and "Information not yet obtained")."""
    load(CIN)
    assert cells("Hackney", "child-in-need") == {
        None: (2950, ""),
        "white": (820, ""),
        "white-british": (410, ""),
        "white-irish": (35, ""),
        "irish-traveller-heritage": (None, "c"),  # suppressed: not 0
        "gypsy-roma": (12, ""),
        "other-white": (350, ""),
        "mixed": (390, ""),
        "asian": (230, ""),
        "black": (960, ""),
        "black-caribbean": (420, ""),
        "black-african": (380, ""),
        "other": (260, ""),
    }
    assert cells("Redbridge", "child-in-need")["white-irish"] == (None, "x")  # ":" is not available
    assert cells(None, "child-in-need") == {None: (399460, ""), "white": (262560, ""), "black": (29770, "")}
    assert cells("London", "child-in-need") == {None: (61240, ""), "black": (13550, "")}  # the DfE's own


def test_children_in_need_waits_for_its_unknown_labels_and_counts_the_rows_it_skips():
    report = check(fixture(CIN), options(CIN, labels={}))
    assert dict(report.unknown_labels) == {"Refused": 2, "Information not yet obtained": 2}
    assert report.can_choose and not report.can_load
    assert "totals" not in report.problems  # its totals add up with those rows, before they are mapped
    report = check(fixture(CIN), options(CIN))
    assert report.can_load and report.rows == 29  # London's two regional rows among them, as London's own
    assert report.problems["other_geography"] == 0
    assert report.problems["outside London"] == 3  # Essex's
    assert report.problems["other_breakdown"] == 16  # Hackney's and Redbridge's gender and age rows
    [breakdown] = report.breakdowns
    assert (breakdown.column, breakdown.chosen) == ("characteristic_type", "Ethnicity")
    assert dict(breakdown.values) == {"Total": 5, "Ethnicity": 31, "Gender": 6, "Age at 31 March": 10}  # London's too
    assert report.rates_of == "population"  # it has no denominators: its rates are of the children's population


# Children looked after -------------------------------------------------------------------------------------------


def test_looked_after_children_by_characteristic_loads_its_ethnicity_rows_and_their_total():
    """Copies "CLA on 31 March by characteristics - LA" from "Children looked after in England including
    adoptions", reporting year 2022 (DfE, EES data catalogue). Documented (the data set's preview and variables):
    its columns in its own order (old_la_code, la_name, new_la_code), cla_group naming each breakdown (Age group, …)
    with its own Total row, characteristic, number and percentage; national and regional numbers rounded to the
    nearest 10; c suppressed and k for a percentage below 0.5% (England's refused, here). Assumed: the cla_group of
    ethnicity is spelled "Ethnicity"; its labels are those of the release's ethnicity tables (from its data set of
    children looked after by placement distance and ethnicity)."""
    load(CLA)
    assert cells("Hackney", "looked-after") == {
        None: (360, ""),
        "white": (110, ""),
        "mixed": (70, ""),
        "asian": (30, ""),
        "black": (120, ""),
        "other": (20, ""),
    }
    assert cells("Redbridge", "looked-after")["other"] == (15, "")
    assert cells(None, "looked-after") == {None: (83630, "")}


def test_a_suppressed_looked_after_count_loads_as_suppressed():
    text = (FIXTURES / CLA).read_text().replace(",Other ethnic group,15,5", ",Other ethnic group,c,c")
    assert ",Other ethnic group,c,c" in text
    options = Options("dfe", LAYOUTS[CLA]["indicators"], labels=LAYOUTS[CLA]["labels"])
    load_dataset(io.BytesIO(text.encode()), options, provenance={"title": "CLA", "publisher": "DfE"})
    assert cells("Redbridge", "looked-after")["other"] == (None, "c")
    assert cells("Redbridge", "looked-after")[None] == (300, "")


def test_a_share_below_half_a_percent_is_not_read_as_a_breakdown():
    """England's "Refused or information not yet available" has a percentage of k: a symbol, not a filter's value,
    so the row is not left out as another breakdown and no 'percentage' breakdown is offered."""
    report = check(fixture(CLA), options(CLA))
    assert [breakdown.column for breakdown in report.breakdowns] == ["cla_group"]
    assert report.problems["left_out_group"] == 3  # England's, Hackney's, Redbridge's: as chosen
    assert report.problems["other_breakdown"] == 18  # both boroughs' age group and gender rows, with their totals
    assert report.rows == 15  # London's two regional rows among them, as London's own
    assert (report.problems["other_geography"], report.problems["outside London"]) == (0, 2)


def test_a_breakdowns_total_children_row_is_the_total():
    """The DfE's national CLA files call each breakdown's total "Total children" (CLA starting during the year by
    characteristics - NATIONAL, reporting year 2023)."""
    text = (FIXTURES / CLA).read_text().replace(",Ethnicity,Total,", ",Ethnicity,Total children,")
    assert ",Ethnicity,Total children," in text
    options = Options("dfe", LAYOUTS[CLA]["indicators"], labels=LAYOUTS[CLA]["labels"])
    load_dataset(io.BytesIO(text.encode()), options, provenance={"title": "CLA", "publisher": "DfE"})
    assert cells("Hackney", "looked-after")[None] == (360, "")


# The children's social work workforce ---------------------------------------------------------------------------


def test_the_workforce_by_ethnicity_and_role_loads_the_role_chosen_as_its_grade():
    """Copies "Children's social work workforce", reporting year 2024 (DfE, EES): its data set "2. Characteristics
    (in post, starters, leavers)". Documented (the data set's preview and the release's data guidance): the EES
    columns, breakdown_topic / breakdown, the indicators inpost_FTE, inpost_FTE_percentage, inpost_headcount and
    inpost_headcount_percentage, FTEs to one decimal place and headcounts whole, the symbols c, x, z, low, u (and ":"
    in earlier years), and England's 2024 total (34,328.2 FTE, 36,402 headcount, the publisher's figures). Assumed:
    the role column crossing ethnicity with role (the data set gives role and ethnicity as separate breakdowns; a
    borough's table by both is modelled here), the role names, and the ethnicity labels with "Known" and "Not known"
    as in its national cross-characteristics file."""
    load(CSWW)
    assert cells("Hackney", "senior-manager") == {
        None: (12, ""),
        "white": (8, ""),
        "mixed": (0, ""),  # a 0 is shown as 0
        "asian": (None, "c"),
        "black": (None, "c"),
        "other": (0, ""),
    }
    assert cells("Redbridge", "senior-manager")[None] == (9, "")
    assert not Observation.objects.filter(local_authority=None).exists()  # England's row is of every role


def test_the_workforce_file_lists_its_labels_roles_and_the_known_rows_it_skips():
    report = check(fixture(CSWW), options(CSWW, labels={}))
    assert set(report.unknown_labels) == {
        "Asian / Asian British",
        "Black / African / Caribbean / Black British",
        "Not known",
    }
    report = check(fixture(CSWW), options(CSWW))
    assert report.can_load and report.rows == 12
    assert report.problems["subtotal"] == 2  # each borough's "Known": neither a group nor the total
    topic, role = report.breakdowns
    assert (topic.column, topic.chosen, role.column, role.chosen) == (
        "breakdown_topic",
        "Ethnicity",
        "role",
        "Senior manager",
    )
    assert dict(role.values) == {"Total": 26, "Case holder": 16, "Senior manager": 16}  # London's row too


def test_full_time_equivalents_are_refused_as_counts_saying_no_rate_can_be_made_of_them():
    report = check(fixture(CSWW), options(CSWW, indicators={"inpost_FTE": "social-care-workforce/senior-manager"}))
    assert not report.can_load and not report.can_choose
    [example, *_] = report.examples["not_a_number"]
    assert example.detail.startswith("inpost_fte: “11.2” is a fraction or a percentage, not a count")
    assert "rates cannot be worked out from it" in example.detail


# Education, health and care plans --------------------------------------------------------------------------------


def test_ehc_plans_by_ethnicity_load_as_their_own_measure():
    """Copies "Caseload - characteristics" from "Education, health and care plans", reporting year 2023 (DfE, EES
    data catalogue). Documented (the data set's preview, variables and footnotes): its columns, Calendar year,
    breakdown_topic "Ethnicity major" with its labels (Asian/Asian British, …, Unknown, White), num_caseload and
    pc_caseload, x for a borough's figures not shown, no suppression or rounding (the SEN2 data guidance), and
    England's counts for Asian, Black, Mixed, Other and Unknown (the publisher's figures; England's total is worked
    out from them and their percentages, and White as what remains). Assumed: the Total row's breakdown_topic and
    breakdown ("Total"); the borough figures."""
    load(EHC)
    assert cells("Hackney", "ehc-plan") == {
        None: (3120, ""),
        "asian": (310, ""),
        "black": (980, ""),
        "mixed": (420, ""),
        "other": (260, ""),
        "white": (1000, ""),
    }
    assert cells("Redbridge", "ehc-plan")["other"] == (None, "x")
    assert cells(None, "ehc-plan")[None] == (514013, "")
    assert cells(None, "ehc-plan")["asian"] == (41444, "")


def test_ehc_plans_gender_rows_are_left_out_and_their_percentages_refused_as_counts():
    report = check(fixture(EHC), options(EHC))
    assert report.can_load and report.rows == 19  # London's regional row among them
    [topic] = report.breakdowns
    assert (topic.column, topic.chosen) == ("breakdown_topic", "Ethnicity major")
    assert report.problems["other_breakdown"] == 4
    assert (report.problems["other_geography"], report.problems["outside London"]) == (0, 1)
    shares = check(fixture(EHC), options(EHC, indicators={"pc_caseload": "ehc-plans/ehc-plan"}))
    assert not shares.can_load and "not a count" in shares.examples["not_a_number"][0].detail


def test_a_total_named_all_ehc_plans_is_the_total():
    """The 2025 release names its total row "All EHC plans" in both breakdown_topic and breakdown."""
    text = (FIXTURES / EHC).read_text().replace(",Total,Total,", ",All EHC plans,All EHC plans,")
    load_dataset(io.BytesIO(text.encode()), options(EHC), provenance={"title": "EHC", "publisher": "DfE"})
    assert cells("Hackney", "ehc-plan")[None] == (3120, "")


# Youth justice -----------------------------------------------------------------------------------------------------


def test_youth_justice_ethnicity_tables_load_cautions_or_sentences_and_custody():
    """Copies the ethnicity tables of "Youth justice statistics: 2022 to 2023" (Youth Justice Board and Ministry of
    Justice, January 2024): children cautioned or sentenced, first time entrants and children sentenced to custody by
    ethnicity (White, Black, Asian, Mixed, Other, Unknown) for each youth justice service, with England and Wales's
    and England's figures. Documented: the measures and the ethnicity groups the release reports. Assumed: the
    supporting CSV's layout (financial_year, yjs_name, la_code with each service's local authority code, sex,
    ethnicity, one column per measure), and the DfE's symbols in it. The figures are invented."""
    dataset = load(YJB)
    assert cells("Hackney", "caution-or-court") == {
        None: (88, ""),
        "white": (25, ""),
        "black": (40, ""),
        "asian": (6, ""),
        "mixed": (12, ""),
        "other": (None, "c"),
    }
    assert cells("Hackney", "custody") == {
        None: (6, ""),
        "white": (None, "c"),
        "black": (None, "c"),
        "asian": (0, ""),
        "mixed": (None, "c"),
        "other": (0, ""),
    }
    assert cells("Redbridge", "caution-or-court")["other"] == (5, "")
    assert cells(None, "caution-or-court")[None] == (12960, "")
    assert cells("London", "caution-or-court")[None] == (2310, "")  # the YJB's own London figure
    assert (dataset.source, dataset.rates_of) == ("yjb", "population")


def test_youth_justice_rows_of_other_areas_are_counted_and_a_sex_chosen_loads_its_rows():
    report = check(fixture(YJB), options(YJB))
    assert report.problems["other_geography"] == 1  # England and Wales (K04000001); London's (E12000007) loads
    assert report.problems["outside London"] == 2  # Essex, and Cardiff (W06000015)
    assert report.problems["other_breakdown"] == 4
    load(YJB, breakdowns={"sex": "Male"})
    assert Observation.objects.filter(ethnic_group__isnull=False).count() == 0  # groups are given for all sexes only
    assert cells("Hackney", "caution-or-court") == {None: (76, "")}
    assert cells("Redbridge", "custody") == {None: (3, "")}


def test_first_time_entrants_are_no_stage_the_portal_has():
    indicators = {"first_time_entrants": "youth-justice/first-time-entrant"}
    report = check(fixture(YJB), options(YJB, indicators=indicators))
    assert not report.can_load
    assert "not a measure/stage the portal knows: youth-justice/first-time-entrant" in (
        report.examples["wrong_header"][0].detail
    )


# The command and the load pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_command_loads_each_layout_with_the_analysts_choices(tmp_path, name):
    layout = LAYOUTS[name]
    user = analyst(email="analyst@example.org")
    arguments = [str(FIXTURES / name), f"--source={layout['source']}", "--publisher=Publisher", f"--by={user.email}"]
    arguments += [f"--indicator={column}={target}" for column, target in layout["indicators"].items()]
    for label, group in layout["labels"].items():
        arguments += ["--leave-out", label] if group == LEAVE_OUT else ["--map", f"{label}={group}"]
    arguments += [f"--breakdown={column}={value}" for column, value in layout["breakdowns"].items()]
    out = io.StringIO()
    call_command("load_dataset", *arguments, stdout=out)
    assert f"Loaded {layout['rows']} rows" in out.getvalue()
    area, group, stage, count = layout["cell"]
    assert cells(area, stage)[group] == (count, "")


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_load_pages_preview_each_layout_take_the_choices_and_load_it(client, name):
    layout = LAYOUTS[name]
    client.force_login(analyst())
    upload = SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), "text/csv")
    indicators = "\n".join(f"{column} = {target}" for column, target in layout["indicators"].items())
    fields = {"title": name, "publisher": "Publisher", "source": layout["source"], "indicators": indicators}
    page = client.post(reverse("evidence:load"), {"file": upload, **fields})
    assert "Say what the file's labels and breakdowns are" in page.content.decode()
    listed = {row.label: row.index for row in page.context["unknown_labels"]}
    assert set(listed) == set(layout["labels"])  # each label it does not know, for the analyst to map
    choices = {"token": page.context["token"]}
    for label, group in layout["labels"].items():
        choices |= {f"label-{listed[label]}": label, f"group-{listed[label]}": group}
    for row in page.context["breakdowns"]:
        column = row["breakdown"].column
        choices |= {f"breakdown-{row['index']}": column, f"value-{row['index']}": layout["breakdowns"].get(column, "")}
    checked = client.post(reverse("evidence:load_choices"), choices)
    text = checked.content.decode()
    assert f'<button type="submit" class="btn btn-primary">Load {layout["rows"]} rows</button>' in text
    client.post(reverse("evidence:load_confirm"), {"token": checked.context["token"]})
    assert Dataset.objects.get().row_count == layout["rows"]
    area, group, stage, count = layout["cell"]
    assert cells(area, stage)[group] == (count, "")
