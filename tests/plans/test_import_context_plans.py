"""Both sub-regions' plans as written today import to exactly what a person reads in them."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from plans.models import Action, Area, Owner, Plan, Update
from reference.models import SubRegion

FIXTURES = Path(__file__).resolve().parents[2] / "plans" / "data"  # the two context plans, also the demo's
EAST = FIXTURES / "east-london-areas-for-collaboration.txt"
NORTH_CENTRAL = FIXTURES / "north-central-london-areas-for-collaboration-v2.txt"


def import_file(path, sub_region):
    call_command("import_plan", str(path), sub_region=sub_region)
    return Plan.objects.get(sub_region__name=sub_region)


def counts(plan):
    actions = Action.objects.filter(area__plan=plan)
    return {
        "areas": plan.areas.count(),
        "actions": actions.count(),
        "updates": Update.objects.filter(action__in=actions).count(),
        "owners": Owner.objects.filter(action__in=actions).count(),
    }


def owners(action):
    return [(owner.kind, str(owner)) for owner in action.owners.all()]


@pytest.mark.django_db
def test_east_london_plan_imports_three_areas_four_actions_five_owners_and_no_updates():
    plan = import_file(EAST, "East London")
    assert plan.title == (
        "Tackling racial disparities and developing anti-racist approaches: "
        "Proposed areas for collaboration in East London"
    )
    assert counts(plan) == {"areas": 3, "actions": 4, "updates": 0, "owners": 5}
    assert list(plan.areas.values_list("number", "title")) == [
        (1, "Understanding and analysing the scale of the challenge in East London."),
        (2, "Capturing existing good practice and emerging approaches across East London"),
        (
            3,
            "Contribute to and draw from ALDCS adolescent safeguarding and workforce (including BAME leadership) "
            "priorities to support work in East London",
        ),
    ]
    assert plan.versions.get().number == 1


@pytest.mark.django_db
def test_east_london_actions_read_field_by_field():
    plan = import_file(EAST, "East London")
    first, circulate, leads, pan_london = Action.objects.filter(area__plan=plan)
    assert first.activity.startswith("Commission LIIA data analysis of racial disparities")
    assert first.activity.endswith("at each level of children’s services organisation")  # its second paragraph
    assert first.what.startswith("Ben to bring back initial cut of data to DCS’s in September")
    assert owners(first) == [("named", "Ben")]
    assert first.status == Action.Status.NOT_STARTED
    assert (circulate.area.number, circulate.what) == (
        2,
        "Ben to circulate pro-forma and provide collation upon return.",
    )
    assert leads.activity.startswith("More ambitiously staff from across East London")
    assert owners(leads) == [("leads", "Each East London local authority's lead")]
    # "Action / Owners: DCSs / LIIA." names only owners: the activity above is what is to be done.
    assert pan_london.what.startswith("actively seek to draw from pan-London priority work")
    assert pan_london.activity == ""
    assert owners(pan_london) == [("directors", "All East London DCSs"), ("named", "LIIA")]
    assert pan_london.owners_text == "DCSs / LIIA."


@pytest.mark.django_db
def test_north_central_plan_imports_five_areas_six_actions_five_dated_updates_and_six_owners_as_v2():
    plan = import_file(NORTH_CENTRAL, "North Central London")
    assert plan.title == "Racism and disproportionality: Proposed areas for collaboration in North-Central London"
    assert counts(plan) == {"areas": 5, "actions": 6, "updates": 5, "owners": 6}
    assert plan.versions.get().number == 2  # the file is "v.2"
    assert list(Area.objects.filter(plan=plan).values_list("number", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
def test_north_central_actions_owners_and_updates_read_field_by_field():
    plan = import_file(NORTH_CENTRAL, "North Central London")
    data, youth_justice, competence, ofsted, pan_london, forward_plan = Action.objects.filter(area__plan=plan)
    assert data.what.startswith("Commission LIIA data analysis of disproportionality")
    assert owners(data) == [("named", "Ben")]
    assert data.owners_text.startswith("Ben to bring back to DCS’s in September")
    [update] = data.updates.all()
    assert update.written_on == date(2020, 7, 16)
    assert update.text.startswith("Analysis needs to be granular and descriptive not ‘BAME catch all’.")
    assert update.text.endswith("Ben to follow up.")  # the paragraph under it belongs to the same update
    assert data.status == Action.Status.IN_PROGRESS
    assert owners(youth_justice) == [("named", "Tony"), ("named", "Martin")]
    assert "Tony to organise YOS HoS meeting" in youth_justice.updates.get().text
    assert competence.what.endswith("DCSs to review and discuss cultural competence framework")
    assert owners(competence) == [("directors", "All North Central London DCSs")]
    assert owners(ofsted) == [("named", "Anne")]
    assert owners(pan_london) == [("directors", "All North Central London DCSs")]
    assert pan_london.updates.get().text.endswith(
        "Anne to update on developments from pan-London adolescent safeguarding work."
    )
    assert forward_plan.area.number == 5
    assert forward_plan.what.startswith("Agreement to put a further themed discussion")
    assert (owners(forward_plan), forward_plan.updates.count()) == ([], 0)


@pytest.mark.django_db
def test_dry_run_shows_the_plan_and_saves_nothing(capsys):
    call_command("import_plan", str(NORTH_CENTRAL), sub_region="North Central London", dry_run=True)
    out = capsys.readouterr().out
    assert "5 areas, 6 actions, 5 dated updates, 6 owners" in out
    assert "2. Youth justice responses" in out
    assert "Dry run: nothing was saved." in out
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_a_sub_region_that_does_not_exist_is_named_with_the_ones_that_do():
    with pytest.raises(Exception, match="No sub-region is called ‘Narnia’.*East London"):
        call_command("import_plan", str(EAST), sub_region="Narnia")
    assert SubRegion.objects.exists() and not Plan.objects.exists()


@pytest.mark.django_db
def test_the_command_asks_which_before_importing_a_file_that_looks_imported_already(capsys):
    plan = import_file(NORTH_CENTRAL, "North Central London")
    with pytest.raises(CommandError, match="--new-version-of PLAN .* or --separate-plan"):
        call_command("import_plan", str(NORTH_CENTRAL), sub_region="North Central London")
    assert f"It may be imported already: plan {plan.pk}" in capsys.readouterr().out
    call_command("import_plan", str(NORTH_CENTRAL), new_version_of=plan.pk)
    assert "Nothing in the file differs from v.2" in capsys.readouterr().out
    call_command("import_plan", str(NORTH_CENTRAL), sub_region="North Central London", separate_plan=True)
    assert Plan.objects.filter(sub_region__name="North Central London").count() == 2


@pytest.mark.django_db
def test_a_file_that_cannot_be_imported_shows_no_plan_before_its_errors(tmp_path, capsys):
    path = tmp_path / "plan.txt"
    path.write_text("Notes from the meeting, with no numbered areas\n")
    with pytest.raises(CommandError):
        call_command("import_plan", str(path), dry_run=True)
    assert "0 areas" not in capsys.readouterr().out
