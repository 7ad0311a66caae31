"""An action of a plan citing a measure: the plan's editors cite the view they are looking at in one of its open
actions; the action's page shows it to the plan's readers and the pack shows its figures under the action; its
editors take it away; a coordinator of another sub-region can do neither, and nobody gets an error page."""

import pytest
from django.urls import reverse

from evidence.models import ActionCitation, Measure
from plans.models import Action, PlanEvent
from tests import factories
from tests.evidence.factories import youth_justice_world
from tests.plans import world

pytestmark = pytest.mark.django_db

VIEW = {"area": "hackney", "period": "2022", "level": "detailed", "comparison": "white-british"}
MEASURE_PAGE = "/evidence/measures/youth-justice/?area=hackney"


@pytest.fixture
def ncl():
    youth_justice_world()
    return world.north_central()


@pytest.fixture
def action(ncl):
    return Action.objects.filter(area__plan=ncl).open().first()


@pytest.fixture
def coordinator(client, ncl):
    user = world.coordinator("North Central London")
    client.force_login(user)
    return user


def cite(client, action, **changes):
    data = {**VIEW, "action": str(action if isinstance(action, str) else action.pk), **changes}
    return client.post(reverse("evidence:cite_action", args=["youth-justice"]), data, follow=True)


def action_citation_of(action, by=None, measure=None):
    return ActionCitation.objects.create(
        action=action,
        measure=measure or Measure.objects.get(slug="youth-justice"),
        area="hackney",
        area_name="Hackney",
        year=2022,
        period="2022/23",
        comparison="white-british",
        added_by=by,
    )


def test_a_coordinator_cites_the_view_they_are_looking_at_in_an_action_of_their_plan(client, action, coordinator):
    page = cite(client, action)
    said = f"Action {action.number} of ‘{action.area.plan.title}’ now cites Youth justice: Hackney, 2022/23."
    assert said in world.html_of(page)
    assert page.redirect_chain[-1][0].startswith("/evidence/measures/youth-justice/?area=hackney&period=2022")
    citation = ActionCitation.objects.get()
    assert (citation.action, citation.area, citation.year, citation.added_by) == (action, "hackney", 2022, coordinator)
    assert "Actions of your plans that cite this measure" in page.content.decode()
    event = PlanEvent.objects.get(description__startswith="Evidence cited")
    assert (event.plan, event.action, event.actor) == (action.area.plan, action, coordinator)
    assert event.description == "Evidence cited: Youth justice: Hackney, 2022/23"


def test_citing_the_same_view_again_changes_nothing(client, action, coordinator):
    cite(client, action)
    page = cite(client, action)
    assert "already cites" in page.content.decode()
    assert ActionCitation.objects.count() == 1
    assert PlanEvent.objects.filter(description__startswith="Evidence cited").count() == 1


def test_the_measure_page_offers_a_coordinator_their_plans_open_actions_under_their_plan(client, ncl, coordinator):
    done = Action.objects.filter(area__plan=ncl).open().last()
    Action.objects.filter(pk=done.pk).update(status="done")
    east_action = Action.objects.filter(area__plan=world.east()).first()
    text = world.html_of(client.get(MEASURE_PAGE))
    assert "Cite these figures in an action of your plans" in text
    assert f'<optgroup label="{ncl.title}">' in text
    offered = [action for action in Action.objects.filter(area__plan=ncl) if f'value="{action.pk}"' in text]
    assert offered == list(Action.objects.filter(area__plan=ncl).open())
    assert f'value="{done.pk}"' not in text and f'value="{east_action.pk}"' not in text
    first = offered[0]
    assert f'<option value="{first.pk}">{first.number} {first.what[:40]}' in text


@pytest.mark.parametrize("who", ["lead", "dcs"])
def test_the_measure_page_offers_those_who_change_no_plan_no_action(client, ncl, who):
    client.force_login(getattr(factories, who)())
    world.director("North Central London", email="someone.else@example.org")
    assert "in an action of your plans" not in client.get(MEASURE_PAGE).content.decode()


def test_a_coordinator_of_another_sub_region_cannot_cite_in_this_plan(client, action):
    client.force_login(world.coordinator("East London"))
    world.east()
    page = cite(client, action)
    assert page.status_code == 200
    assert "Choose an open action of a plan you may change" in page.content.decode()
    assert not ActionCitation.objects.exists()


@pytest.mark.parametrize("value", ["", "not-a-number", "99999999999999999999", "-1"])
def test_an_action_that_is_not_one_is_refused_without_an_error(client, action, coordinator, value):
    page = cite(client, value)
    assert page.status_code == 200 and not ActionCitation.objects.exists()


def test_a_view_the_page_would_not_offer_is_refused_and_nothing_is_saved(client, action, coordinator):
    page = cite(client, action, period="1900")
    assert "These figures could not be cited." in page.content.decode()
    assert not ActionCitation.objects.exists()


def test_a_closed_action_cannot_cite(client, action, coordinator):
    Action.objects.filter(pk=action.pk).update(status="dropped")
    cite(client, action)
    assert not ActionCitation.objects.exists()


@pytest.mark.parametrize("who", ["director", "lead", "dcs"])
def test_those_who_change_no_plan_are_refused(client, action, who):
    user = world.director("North Central London") if who == "director" else getattr(factories, who)()
    client.force_login(user)
    assert (
        client.post(reverse("evidence:cite_action", args=["youth-justice"]), {**VIEW, "action": action.pk}).status_code
        == 403
    )
    assert not ActionCitation.objects.exists()


def test_anonymous_visitors_are_asked_to_sign_in_to_cite_in_an_action(client, action):
    page = client.post(reverse("evidence:cite_action", args=["youth-justice"]), {**VIEW, "action": action.pk})
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_the_action_page_shows_the_plans_readers_what_it_cites_and_its_editors_remove(client, action, coordinator):
    citation = action_citation_of(action)
    text = world.html_of(client.get(action.get_absolute_url()))
    assert "Evidence this action cites" in text and citation.get_absolute_url() in text
    assert reverse("evidence:action_citation_remove", args=[citation.pk]) in text
    client.force_login(world.director("North Central London"))
    text = world.html_of(client.get(action.get_absolute_url()))
    assert "Evidence this action cites" in text
    assert reverse("evidence:action_citation_remove", args=[citation.pk]) not in text


def test_an_owner_who_does_not_read_the_plan_does_not_see_what_it_cites(client, ncl):
    owner = factories.UserFactory()
    action = world.owned_action(ncl, owner)
    action_citation_of(action)
    client.force_login(owner)
    page = client.get(action.get_absolute_url())
    assert page.status_code == 200 and "Evidence this action cites" not in page.content.decode()


def remove(client, citation, **data):
    return client.post(reverse("evidence:action_citation_remove", args=[citation.pk]), data)


def test_the_coordinator_removes_a_citation_and_the_plans_history_says_so(client, action, coordinator):
    citation = action_citation_of(action)
    page = remove(client, citation, next=MEASURE_PAGE)
    assert (page.status_code, page["Location"]) == (302, MEASURE_PAGE)
    assert not ActionCitation.objects.exists()
    event = PlanEvent.objects.get(description__startswith="Evidence no longer cited")
    assert (event.action, event.actor) == (action, coordinator)


@pytest.mark.parametrize("who", ["east coordinator", "director", "lead"])
def test_others_cannot_remove_a_citation(client, action, who):
    citation = action_citation_of(action)
    users = {
        "east coordinator": lambda: world.coordinator("East London"),
        "director": lambda: world.director("North Central London"),
        "lead": lambda: factories.lead("Camden"),
    }
    client.force_login(users[who]())
    assert remove(client, citation).status_code == 404
    assert ActionCitation.objects.exists()


def test_deleting_an_action_or_a_measure_deletes_its_citations(action):
    action_citation_of(action)
    action.delete()
    assert not ActionCitation.objects.exists()
    exclusions = Measure.objects.create(slug="not-loaded-yet", name="A measure not loaded yet")
    action_citation_of(Action.objects.first(), measure=exclusions)
    exclusions.delete()
    assert not ActionCitation.objects.exists()
