"""Both sub-regions' plans as written today import to exactly what a person reads in them, from the text file and
from the Word document alike."""

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
WORD = Path(__file__).resolve().parents[1] / "fixtures" / "plans"  # the same documents saved from Word
EAST_FILES = pytest.mark.parametrize("path", [EAST, WORD / f"{EAST.stem}.docx"], ids=["txt", "docx"])
NORTH_CENTRAL_FILES = pytest.mark.parametrize(
    "path", [NORTH_CENTRAL, WORD / f"{NORTH_CENTRAL.stem}.docx"], ids=["txt", "docx"]
)


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
@EAST_FILES
def test_east_london_plan_imports_three_areas_four_actions_five_owners_and_no_updates(path):
    plan = import_file(path, "East London")
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
@EAST_FILES
def test_east_london_actions_read_field_by_field(path):
    plan = import_file(path, "East London")
    assert plan.introduction == "Areas for initial attention:"
    first, circulate, leads, pan_london = Action.objects.filter(area__plan=plan)
    assert first.activity.startswith("Commission LIIA data analysis of racial disparities")
    assert first.activity.endswith("at each level of children’s services organisation")  # its second paragraph
    assert first.what.startswith("Ben to bring back initial cut of data to DCS’s in September")
    assert first.owners_text == first.what  # "Action / Owner: Ben to …": one line, kept as written
    assert owners(first) == [("named", "Ben")]
    assert first.status == Action.Status.NOT_STARTED
    assert (first.due_on, first.due_by_meeting) == (None, "September")  # no dated update to tell the year
    assert circulate.owners_text == "Ben to circulate pro-forma and provide collation upon return."
    assert (circulate.due_on, circulate.due_by_meeting) == (None, "")
    assert (circulate.area.number, circulate.what) == (
        2,
        "Ben to circulate pro-forma and provide collation upon return.",
    )
    assert leads.activity.startswith("More ambitiously staff from across East London")
    assert leads.owners_text == "lead from each LA to be identified to drive these cross-borough conversations"
    assert owners(leads) == [("leads", "Each East London local authority's lead")]
    # "Action / Owners: DCSs / LIIA." names only owners: the activity above is what is to be done.
    assert pan_london.what.startswith("actively seek to draw from pan-London priority work")
    assert pan_london.activity == ""
    assert owners(pan_london) == [("directors", "All East London DCSs"), ("named", "LIIA")]
    assert pan_london.owners_text == "DCSs / LIIA."


@pytest.mark.django_db
@NORTH_CENTRAL_FILES
def test_north_central_plan_imports_five_areas_five_actions_five_dated_updates_and_six_owners_as_v2(path):
    plan = import_file(path, "North Central London")
    assert plan.title == "Racism and disproportionality: Proposed areas for collaboration in North-Central London"
    assert plan.introduction == "Areas for initial attention:"
    assert counts(plan) == {"areas": 5, "actions": 5, "updates": 5, "owners": 6}  # and a plan-level item
    assert plan.versions.get().number == 2  # the file is "v.2"
    assert list(Area.objects.filter(plan=plan).values_list("number", flat=True)) == [1, 2, 3, 4, 5]


@pytest.mark.django_db
@NORTH_CENTRAL_FILES
def test_north_central_actions_owners_and_updates_read_field_by_field(path):
    plan = import_file(path, "North Central London")
    data, youth_justice, competence, ofsted, pan_london = Action.objects.filter(area__plan=plan)
    assert data.what.startswith("Commission LIIA data analysis of disproportionality")
    assert data.what.endswith("DCSs to identify a point of contact in their LA to support work with LIIA.")
    assert owners(data) == [("named", "Ben")]
    assert data.owners_text == (
        "Ben to bring back to DCS’s in September in order to inform discussion about further focussing the work in NCL."
    )
    assert (data.due_on, data.due_by_meeting) == (date(2020, 9, 30), "")  # September after the update of 16/07/20
    [update] = data.updates.all()
    assert update.written_on == date(2020, 7, 16)
    assert update.text.startswith("Analysis needs to be granular and descriptive not ‘BAME catch all’.")
    assert update.text.endswith("Ben to follow up.")  # the paragraph under it belongs to the same update
    assert data.status == Action.Status.IN_PROGRESS
    assert (youth_justice.owners_text, owners(youth_justice)) == (
        "Tony / Martin to engage NCL YOS HoS",
        [("named", "Tony"), ("named", "Martin")],
    )
    youth_justice_update = youth_justice.updates.get().text
    assert youth_justice_update.startswith("Carmel to share research undertaken by City University")
    assert "\n\nAnn to share Haringey work" in youth_justice_update  # three paragraphs, kept apart
    assert youth_justice_update.endswith(
        "Tony to organise YOS HoS meeting to kick off their work together on "
        "disproportionality. Ben to provide ToR for the work."
    )
    assert competence.what.endswith("DCSs to review and discuss cultural competence framework")
    assert (competence.owners_text, owners(competence)) == (
        "all NCL DCSs",
        [("directors", "All North Central London DCSs")],
    )
    assert (ofsted.owners_text, owners(ofsted)) == ("Anne (through NCL HOSI)", [("named", "Anne")])
    assert ofsted.updates.get().text.startswith("Ofsted post-16 work and transitions work will be shared")
    assert pan_london.owners_text.startswith("all DCS, with particular reference to input from Anne and Ben")
    assert owners(pan_london) == [("directors", "All North Central London DCSs")]
    assert pan_london.updates.get().text.endswith(
        "Anne to update on developments from pan-London adolescent safeguarding work."
    )
    assert [action.due_text for action in (youth_justice, competence, ofsted, pan_london)] == ["", "", "", ""]
    # The forward plan line stands at plan level, not as action 5.2:
    assert list(pan_london.area.actions.values_list("position", flat=True)) == [1]
    assert not Action.objects.filter(what__contains="forward plan").exists()


@pytest.mark.django_db
def test_dry_run_shows_the_plan_and_saves_nothing(capsys):
    call_command("import_plan", str(NORTH_CENTRAL), sub_region="North Central London", dry_run=True)
    out = capsys.readouterr().out
    assert "5 areas, 5 actions, 5 dated updates, 6 owners" in out
    assert "Warning: 1 plan-level item was read, and kept out of the areas: ‘Agreement to put" in out
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
