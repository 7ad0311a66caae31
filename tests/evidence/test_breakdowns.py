"""Rows broken down by something besides ethnicity (school type, sex, age, a `*_group` column naming which
breakdown the `characteristic` column is) load by the analyst's choice of value for each such column, and the preview
lists the columns, their values and the rows each leaves out (issue 27: a looked-after children file with a
breakdown column had every ethnic-group row dropped while its report said "2 rows can be loaded").

dfe_cla_by_characteristic.csv copies the layout of "CLA on 31 March by characteristics - LA" from "Children looked
after in England including adoptions" (reporting year 2022, EES data catalogue): EES's geography columns in that file's
order (old_la_code, la_name, new_la_code), then `cla_group` (Age group, Gender, Ethnicity) naming which breakdown
`characteristic` is, each breakdown with its own Total row, `number` and `percentage` (k for a share below 0.5%); its
ethnicity rows are the five high-level groups as that release names them, with "Refused or information not yet
available". tests/evidence/test_real_layouts.py says what of it is documented and what assumed. The figures are
invented."""

import io

import pytest
from django.core.management import call_command

from evidence.loading import Options, check, load_dataset
from evidence.lookups import LEAVE_OUT
from evidence.models import Observation
from tests.evidence.factories import FIXTURES

pytestmark = pytest.mark.django_db

DFE_FILE = "dfe_ees_exclusions_by_ethnicity.csv"
CLA_FILE = "dfe_cla_by_characteristic.csv"
PERMANENT = {"perm_excl": "exclusions/permanent-exclusion"}
PRIMARY_2022_23 = next(
    line.split(",")[14]
    for line in (FIXTURES / DFE_FILE).read_text().splitlines()
    if line.startswith("202223") and ",State-funded primary," in line
)  # its perm_excl, read here from the file
CLA_LABELS = {
    "Black, African, Caribbean or Black British": "black",
    "Refused or information not yet available": LEAVE_OUT,
}


def fixture(name):
    return io.BytesIO((FIXTURES / name).read_bytes())


def test_a_breakdown_column_is_listed_with_its_values_and_total_is_chosen_where_it_has_one():
    report = check(fixture(DFE_FILE), Options("dfe", PERMANENT, "headcount"))
    [school_type] = report.breakdowns
    assert (school_type.column, school_type.chosen) == ("school_type", "Total")
    assert dict(school_type.values)["State-funded primary"] == 2  # Hackney's, in 2021/22 and 2022/23
    assert report.can_load and report.problems["other_breakdown"] == 2


def test_the_analysts_choice_of_value_decides_which_rows_load():
    options = Options("dfe", PERMANENT, "headcount", breakdowns={"school_type": "State-funded primary"})
    load_dataset(fixture(DFE_FILE), options, provenance={"title": "Primary", "publisher": "DfE"})
    assert sorted(Observation.objects.values_list("local_authority__name", "period", "ethnic_group", "count")) == [
        ("Hackney", "2021/22", None, 3),
        ("Hackney", "2022/23", None, int(PRIMARY_2022_23)),
    ]


SEX_FILE = """time_period,time_identifier,geographic_level,country_code,country_name,new_la_code,la_name,sex,\
ethnicity_major,ethnicity_minor,perm_excl
202223,Academic year,Local authority,E92000001,England,E09000012,Hackney,Boys,White,White - White British,40
202223,Academic year,Local authority,E92000001,England,E09000012,Hackney,Girls,White,White - White British,12
202223,Academic year,Local authority,E92000001,England,E09000012,Hackney,Boys,Black,Black - Black Caribbean,30
202223,Academic year,Local authority,E92000001,England,E09000012,Hackney,Girls,Black,Black - Black Caribbean,11
"""


def test_a_breakdown_without_a_total_stops_the_load_until_a_value_is_chosen():
    report = check(io.BytesIO(SEX_FILE.encode()), Options("dfe", PERMANENT))
    assert not report.can_load and report.problems["breakdown_unchosen"] == 1
    [sex] = report.breakdowns
    assert (sex.column, sex.chosen, dict(sex.values)) == ("sex", "", {"Boys": 2, "Girls": 2})
    options = Options("dfe", PERMANENT, breakdowns={"sex": "Girls"})
    load_dataset(io.BytesIO(SEX_FILE.encode()), options, provenance={"title": "Girls", "publisher": "DfE"})
    assert sorted(Observation.objects.values_list("ethnic_group__code", "count")) == [
        ("black-caribbean", 11),
        ("white-british", 12),
    ]


def test_a_looked_after_children_file_loads_its_ethnicity_rows_not_its_age_or_sex_rows():
    options = Options("dfe", {"number": "childrens-social-care/looked-after"}, labels=CLA_LABELS)
    report = check(fixture(CLA_FILE), options)
    [cla_group] = report.breakdowns
    assert (cla_group.column, cla_group.chosen) == ("cla_group", "Ethnicity")
    assert report.can_load, report.listed()
    assert report.rows == 15  # each borough's total and five groups, England's total, London's total and Black
    load_dataset(fixture(CLA_FILE), options, provenance={"title": "Looked after", "publisher": "DfE"})
    hackney = dict(
        Observation.objects.filter(local_authority__name="Hackney").values_list("ethnic_group__code", "count")
    )
    assert hackney == {None: 360, "white": 110, "mixed": 70, "asian": 30, "black": 120, "other": 20}


def test_the_command_takes_a_breakdown_choice(tmp_path):
    path = tmp_path / "sex.csv"
    path.write_text(SEX_FILE)
    out = io.StringIO()
    arguments = [str(path), "--source=dfe", "--indicator=perm_excl=exclusions/permanent-exclusion", "--check-only"]
    with pytest.raises(Exception, match="Nothing was loaded"):
        call_command("load_dataset", *arguments, stdout=out)
    assert "sex: Boys (2 rows), Girls (2 rows)" in out.getvalue() and "--breakdown" in out.getvalue()
    out = io.StringIO()
    call_command("load_dataset", *arguments, "--breakdown", "sex=Girls", stdout=out)
    assert "2 rows can be loaded" in out.getvalue() and "sex: Girls" in out.getvalue()
