"""A plan imported again: the page names the plan already there and asks whether the file is its new version
or a separate plan; a new version adds only what is new."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plans.models import Action, Area, Plan, Update
from tests import factories
from tests.plans import world
from tests.plans.test_import_context_plans import EAST, NORTH_CENTRAL

pytestmark = pytest.mark.django_db


def upload(client, content, sub_region="North Central London", name="ncl-v2.txt", **confirmed):
    return client.post(
        reverse("plans:plan_import"),
        {
            "file": SimpleUploadedFile(name, content, content_type="text/plain"),
            "sub_region": world.region(sub_region).pk,
            **confirmed,
        },
    )


@pytest.fixture
def coordinator(client):
    person = world.coordinator(first_name="Carla", last_name="Jones")
    client.force_login(person)
    return person


def test_the_same_file_again_names_the_plan_already_imported_and_saves_nothing_until_chosen(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    page = world.html_of(upload(client, NORTH_CENTRAL.read_bytes()))
    plan = Plan.objects.get()
    assert "This plan may have been imported already" in page
    assert f"‘{plan.title}’</a> (North Central London), v.2, imported" in page and "by Carla Jones" in page
    assert "Save it as a new version of ‘" in page and "Import it as a separate plan" in page
    assert Plan.objects.count() == 1


def test_the_same_text_under_another_sub_region_is_noticed_too(client):
    client.force_login(world.coordinator("East London"))
    upload(client, EAST.read_bytes(), sub_region="East London")
    client.force_login(factories.moderator())
    page = world.html_of(upload(client, EAST.read_bytes(), other_region="on"))
    assert "This plan may have been imported already" in page and "(East London)" in page


@pytest.mark.parametrize(
    ("original", "changed"),
    [
        ("16/07/20: Carmel", "01/12/26: New\n\n16/07/20: Carmel"),  # the same areas: noticed by them
        ("2. Youth justice responses", "2. Youth justice"),  # other areas now: noticed by the first file remembered
    ],
)
def test_a_renamed_plan_is_noticed_whichever_file_it_was_last_imported_from(client, coordinator, original, changed):
    upload(client, NORTH_CENTRAL.read_bytes())
    plan = Plan.objects.get()
    upload(client, NORTH_CENTRAL.read_text().replace(original, changed, 1).encode())
    client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"})
    Plan.objects.filter(pk=plan.pk).update(title="NCL plan (renamed)")
    page = world.html_of(upload(client, NORTH_CENTRAL.read_bytes()))
    assert "This plan may have been imported already" in page and "‘NCL plan (renamed)’</a>" in page
    assert Plan.objects.count() == 1 and plan.versions.count() == 2


def test_a_choice_is_needed(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    upload(client, NORTH_CENTRAL.read_bytes())
    page = world.html_of(client.post(reverse("plans:plan_import"), {"choice": ""}))
    assert "Choose whether this is a new version of the plan or a separate plan" in page
    assert Plan.objects.count() == 1


def test_continue_with_nothing_chosen_asks_again_and_keeps_the_file(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    asked = world.html_of(upload(client, NORTH_CENTRAL.read_bytes()))
    sent = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', asked))  # as a browser sends it
    page = world.html_of(client.post(reverse("plans:plan_import"), sent))
    assert "There is a problem" in page and "This plan may have been imported already" in page
    assert "Choose whether this is a new version of the plan or a separate plan" in page
    assert "Choose the plan's file" not in page and "Select the sub-region" not in page
    assert (
        client.post(reverse("plans:plan_import"), {**sent, "choice": f"plan-{Plan.objects.get().pk}"}).status_code
        == 302
    )
    assert Plan.objects.count() == 1


def test_as_a_new_version_areas_and_actions_are_matched_and_only_new_updates_added(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    plan = Plan.objects.get()
    counts = (Area.objects.count(), Action.objects.count(), Update.objects.count())
    newer = NORTH_CENTRAL.read_text().replace(" v.2", " v.3")
    marker = "16/07/20: Carmel to share research"
    assert marker in newer
    yesterday = timezone.localdate() - timedelta(days=1)
    newer = newer.replace(marker, f"{yesterday:%d/%m/%y}: Research shared with every DCS\n\n" + marker, 1)
    upload(client, newer.encode())
    response = client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"})
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert Plan.objects.count() == 1
    assert (Area.objects.count(), Action.objects.count()) == counts[:2]
    assert Update.objects.count() == counts[2] + 1
    assert Update.objects.filter(text="Research shared with every DCS").exists()
    assert list(plan.versions.values_list("number", flat=True)) == [2, 3]


def test_the_same_file_again_as_a_new_version_saves_no_version_and_says_nothing_differs(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    plan, updates = Plan.objects.get(), Update.objects.count()
    upload(client, NORTH_CENTRAL.read_bytes())
    response = client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"}, follow=True)
    assert "Nothing in the file differs from v.2; no version is saved." in world.words_of(response)
    assert list(plan.versions.values_list("number", flat=True)) == [2] and Update.objects.count() == updates


def test_a_new_version_says_what_it_added_and_an_update_differing_only_in_spaces_is_not_added_twice(
    client, coordinator
):
    upload(client, NORTH_CENTRAL.read_bytes())
    plan, updates = Plan.objects.get(), Update.objects.count()
    typed_again = Update.objects.get(text__startswith="Carmel to share research")
    typed_again.text = typed_again.text.replace(" ", "  \n", 2)  # as retyped in the portal
    typed_again.save()
    marker = "16/07/20: Carmel to share research"
    yesterday = timezone.localdate() - timedelta(days=1)
    newer = NORTH_CENTRAL.read_text().replace(marker, f"{yesterday:%d/%m/%y}: Research shared\n\n{marker}", 1)
    upload(client, newer.encode())
    response = client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"}, follow=True)
    assert Update.objects.count() == updates + 1
    assert f"Imported as v.3 of ‘{plan.title}’: 1 new dated update." in world.words_of(response)


def test_a_new_version_names_the_actions_whose_words_the_file_changed(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    plan = Plan.objects.get()
    newer = NORTH_CENTRAL.read_text().replace(" v.2", " v.3")
    newer = newer.replace("Action: Commission LIIA data analysis", "Action: Commission LIIA's analysis", 1)
    newer = newer.replace("Action: use Ofsted work", "Action: use the Ofsted work", 1)
    upload(client, newer.encode())
    response = client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"}, follow=True)
    said = world.words_of(response)
    assert f"Imported as v.3 of ‘{plan.title}’: 0 new dated updates." in said
    assert "The file changed the words of 2 actions, 1.1 and 4.1; the versions page shows what was there." in said


def test_a_new_version_without_an_area_says_the_area_was_kept(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    plan = Plan.objects.get()
    without_area_5 = NORTH_CENTRAL.read_text().split("\n5. ")[0].replace(" v.2", " v.3")
    upload(client, without_area_5.encode())
    response = client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"}, follow=True)
    assert "Not in the file, so kept as they were: area 5." in world.words_of(response)
    assert plan.areas.filter(number=5).exists()


def retitled(content):
    """The file with another title (its first line), so that its areas alone say it may be imported already."""
    first, rest = content.split("\n", 1)
    return f"Another plan for {first}\n{rest}".encode()


def test_as_a_separate_plan_a_second_plan_is_made(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    upload(client, retitled(NORTH_CENTRAL.read_text()))
    response = client.post(reverse("plans:plan_import"), {"choice": "separate"})
    assert response.status_code == 302 and Plan.objects.count() == 2


def test_a_separate_plan_with_the_title_of_one_of_its_sub_region_is_refused_and_a_new_version_offered(
    client, coordinator
):
    upload(client, NORTH_CENTRAL.read_bytes())
    plan = Plan.objects.get()
    upload(client, NORTH_CENTRAL.read_bytes())
    response = client.post(reverse("plans:plan_import"), {"choice": "separate", "choosing": "1"})
    page = world.html_of(response)
    assert response.status_code == 200 and Plan.objects.count() == 1
    assert f"North Central London already has a plan called ‘{plan.title}’" in page
    assert f"save the file as a new version of ‘{plan.title}’" in page
    assert f"Save it as a new version of ‘{plan.title}’" in page  # still offered, and the file still kept
    assert client.post(reverse("plans:plan_import"), {"choice": f"plan-{plan.pk}"}).status_code == 302


def test_a_new_version_may_not_take_the_title_of_another_plan_of_its_sub_region(client, coordinator):
    upload(client, NORTH_CENTRAL.read_bytes())
    first = Plan.objects.get()
    upload(client, retitled(NORTH_CENTRAL.read_text()))
    client.post(reverse("plans:plan_import"), {"choice": "separate"})
    second = Plan.objects.exclude(pk=first.pk).get()
    upload(client, NORTH_CENTRAL.read_bytes())  # the first one's title: the second one is matched by its areas
    page = world.html_of(client.post(reverse("plans:plan_import"), {"choice": f"plan-{second.pk}"}))
    assert f"North Central London already has a plan called ‘{first.title}’" in page
    assert Plan.objects.get(pk=second.pk).title == second.title


def test_a_choice_with_nothing_waiting_asks_for_the_file(client, coordinator):
    page = world.html_of(client.post(reverse("plans:plan_import"), {"choice": "separate"}))
    assert "Choose the plan's file" in page and not Plan.objects.exists()


def test_a_document_naming_another_sub_region_is_imported_only_once_that_is_confirmed(client, coordinator):
    page = world.html_of(upload(client, EAST.read_bytes(), name="east.txt"))
    assert "There is a problem" in page and not Plan.objects.exists()
    assert "The plan's title names East London, not North Central London" in page
    assert "Import it into North Central London all the same" in page
    assert "DCSs will be owned by North Central London" in page  # not East London's
    confirmed = upload(client, EAST.read_bytes(), name="east.txt", other_region="on")
    assert confirmed.status_code == 302 and Plan.objects.get().sub_region.name == "North Central London"


def test_a_document_naming_its_own_sub_region_is_imported_at_once(client, coordinator):
    assert upload(client, NORTH_CENTRAL.read_bytes()).status_code == 302


def test_a_file_imported_already_too_long_to_keep_while_choosing_is_refused_not_imported_again(
    client, coordinator, monkeypatch
):
    upload(client, NORTH_CENTRAL.read_bytes())
    monkeypatch.setattr("plans.reimport.MAX_KEPT", 100)
    page = world.html_of(upload(client, NORTH_CENTRAL.read_bytes()))
    assert "There is a problem" in page and "looks imported already" in page
    assert Plan.objects.count() == 1
