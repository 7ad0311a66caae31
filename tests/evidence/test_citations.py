"""A practice entry citing a measure: the lead cites the view they are looking at in one of their own entries; the
entry's pages and the measure page show it; the lead or a moderator takes it away; nobody else can do either."""

import pytest
from django.urls import reverse

from evidence.models import Citation, Measure
from submissions.models import Event, Practice
from tests import factories
from tests.evidence.factories import youth_justice_world

pytestmark = pytest.mark.django_db

VIEW = {"area": "hackney", "period": "2022", "level": "detailed", "comparison": "white-british"}


@pytest.fixture
def world():
    youth_justice_world()


@pytest.fixture
def lead(client):
    user = factories.lead("Hackney")
    client.force_login(user)
    return user


def cite(client, practice, **changes):
    data = {**VIEW, "practice": str(practice if isinstance(practice, str) else practice.pk), **changes}
    return client.post(reverse("evidence:cite", args=["youth-justice"]), data, follow=True)


def citation_of(practice, by=None, measure=None, **view):
    view = {
        "area": "hackney",
        "area_name": "Hackney",
        "year": 2022,
        "period": "2022/23",
        "comparison": "white-british",
        **view,
    }
    return Citation.objects.create(
        practice=practice,
        measure=measure or Measure.objects.get(slug="youth-justice"),
        added_by=by,
        **view,
    )


def test_a_lead_cites_the_view_they_are_looking_at_in_their_own_draft(client, world, lead):
    draft = factories.PracticeFactory(title="Mentoring at the youth offending service")
    page = cite(client, draft)
    assert (
        "‘Mentoring at the youth offending service’ now cites Youth justice: Hackney, 2022/23." in page.content.decode()
    )
    assert page.redirect_chain[-1][0].startswith("/evidence/measures/youth-justice/?area=hackney&period=2022")
    citation = Citation.objects.get()
    assert (citation.practice, citation.area, citation.year, citation.added_by) == (draft, "hackney", 2022, lead)
    assert "Your entries that cite this measure" in page.content.decode()


def test_citing_is_in_the_entrys_history_and_raises_its_version_but_is_not_said_in_the_conversation(
    client, world, lead
):
    draft = factories.PracticeFactory()
    cite(client, draft)
    event = Event.objects.get(practice=draft)
    assert (event.action, event.actor, event.comment) == ("evidence_cited", lead, "Youth justice: Hackney, 2022/23")
    draft.refresh_from_db()
    assert draft.version == 2
    assert list(draft.conversation) == []
    text = client.get(reverse("submission_detail", args=[draft.pk])).content.decode()
    assert "Cited evidence" in text and "Evidence this practice cites" in text


def test_citing_the_same_view_again_changes_nothing(client, world, lead):
    draft = factories.PracticeFactory()
    cite(client, draft)
    page = cite(client, draft)
    assert "already cites Youth justice: Hackney, 2022/23" in page.content.decode()
    assert Citation.objects.count() == 1 and Event.objects.count() == 1


def test_a_lead_cannot_cite_in_another_boroughs_entry(client, world, lead):
    theirs = factories.PracticeFactory(local_authority=factories.authority("Redbridge"))
    page = cite(client, theirs)
    assert "Choose one of your own local authority’s entries" in page.content.decode()
    assert not Citation.objects.exists() and not Event.objects.exists()


@pytest.mark.parametrize("value", ["", "x", "-1", "99999999999999999999999", "٣"])
def test_an_entry_that_is_not_one_is_refused_without_an_error(client, world, lead, value):
    assert cite(client, value).status_code == 200
    assert not Citation.objects.exists()


def test_a_withdrawn_entry_cannot_cite(client, world, lead):
    withdrawn = factories.PracticeFactory(status=Practice.Status.WITHDRAWN)
    cite(client, withdrawn)
    assert not Citation.objects.exists()


def test_a_view_that_is_not_understood_is_not_cited(client, world, lead):
    page = cite(client, factories.PracticeFactory(), area="nowhere")
    assert "These figures could not be cited" in page.content.decode()
    assert not Citation.objects.exists()


def test_a_citation_says_the_comparison_group_it_points_at_when_not_the_default(client, world, lead):
    draft = factories.PracticeFactory(title="Mentoring")
    page = cite(client, draft, comparison="black-caribbean")
    said = "Youth justice: Hackney, 2022/23, compared with Black Caribbean"
    assert f"‘Mentoring’ now cites {said}." in page.content.decode()
    assert (
        f'<a href="{Citation.objects.get().get_absolute_url().replace("&", "&amp;")}">Hackney, 2022/23, compared'
        in (page.content.decode())
    )
    assert Event.objects.get(practice=draft).comment == said


@pytest.mark.parametrize(
    ("view", "said"),
    [
        ({}, "Hackney, 2022/23"),
        ({"comparison": "indian"}, "Hackney, 2022/23, compared with Indian"),
        ({"level": "high", "comparison": "white"}, "Hackney, 2022/23, 5 high-level groups"),
        ({"level": "high", "comparison": "black"}, "Hackney, 2022/23, 5 high-level groups, compared with Black"),
    ],
)
def test_an_entry_says_the_groups_and_comparison_each_citation_points_at_when_not_the_default(
    client, world, view, said
):
    published = factories.PracticeFactory(status=Practice.Status.PUBLISHED)
    citation_of(published, **view)
    text = client.get(published.get_absolute_url()).content.decode()
    assert f"Youth justice</a>: {said}\n" in text


@pytest.mark.parametrize(
    "forged",
    [
        {"comparison": "bangladeshi"},  # a group with no figures there: the page does not offer it
        {"comparison": "white"},  # a high-level group among the detailed ones
        {"level": "middle"},
        {"period": "2019"},
        {"area": "redbridge", "period": "2030"},
    ],
)
def test_a_view_the_page_would_not_offer_is_refused_and_nothing_is_saved(client, world, lead, forged):
    draft = factories.PracticeFactory()
    page = cite(client, draft, **forged)
    assert "These figures could not be cited." in page.content.decode()
    assert not Citation.objects.exists() and not Event.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("dcs", 403), ("moderator", 403), ("admin", 403)])
def test_only_leads_can_cite(client, world, who, status):
    client.force_login(getattr(factories, who)())
    assert client.post(reverse("evidence:cite", args=["youth-justice"]), VIEW).status_code == status


def test_anonymous_visitors_are_asked_to_sign_in_to_cite(client, world):
    page = client.post(reverse("evidence:cite", args=["youth-justice"]), VIEW)
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]


def test_the_measure_page_offers_a_lead_their_entries_and_nobody_else_anything(client, world):
    factories.PracticeFactory(title="Our draft")
    factories.PracticeFactory(title="Redbridge draft", local_authority=factories.authority("Redbridge"))
    url = reverse("evidence:measure", args=["youth-justice"]) + "?area=hackney"
    assert "Cite these figures" not in client.get(url).content.decode()
    client.force_login(factories.lead("Hackney"))
    text = client.get(url).content.decode()
    assert "Cite these figures" in text and "Our draft" in text and "Redbridge draft" not in text


def test_a_published_entry_shows_the_evidence_it_cites_to_everyone(client, world):
    published = factories.PracticeFactory(status=Practice.Status.PUBLISHED)
    citation_of(published)
    text = client.get(published.get_absolute_url()).content.decode()
    assert "Evidence this practice cites" in text
    assert f'<a href="{Citation.objects.get().get_absolute_url().replace("&", "&amp;")}">Youth justice</a>' in text
    assert "Hackney, 2022/23" in text and "Remove" not in text


def test_the_measure_page_lists_published_practice_that_cites_it_and_not_drafts(client, world):
    citation_of(factories.PracticeFactory(title="Published and citing", status=Practice.Status.PUBLISHED))
    citation_of(factories.PracticeFactory(title="A draft citing"))
    text = client.get(reverse("evidence:measure", args=["youth-justice"])).content.decode()
    assert "Practice that cites this measure" in text
    assert "Published and citing" in text and "A draft citing" not in text


def test_a_citation_shows_on_the_measure_page_at_once_though_the_page_is_kept(client, world):
    url = reverse("evidence:measure", args=["youth-justice"])
    assert "No published practice cites this measure yet" in client.get(url).content.decode()
    citation_of(factories.PracticeFactory(title="Newly citing", status=Practice.Status.PUBLISHED))
    assert "Newly citing" in client.get(url).content.decode()


def remove(client, citation, **data):
    return client.post(reverse("evidence:citation_remove", args=[citation.pk]), data)


def test_the_lead_removes_a_citation_from_their_entry_and_its_history_says_so(client, world, lead):
    citation = citation_of(factories.PracticeFactory(status=Practice.Status.PUBLISHED))
    page = remove(client, citation, next="/evidence/measures/youth-justice/")
    assert (page.status_code, page["Location"]) == (302, "/evidence/measures/youth-justice/")
    assert not Citation.objects.exists()
    assert Event.objects.get().action == "evidence_uncited"


def test_another_boroughs_lead_cannot_remove_a_citation(client, world):
    citation = citation_of(factories.PracticeFactory())
    client.force_login(factories.lead("Redbridge"))
    assert remove(client, citation).status_code == 404
    assert Citation.objects.exists()


def test_a_moderator_removes_a_citation_and_goes_back_to_the_entry_not_elsewhere(client, world):
    published = factories.PracticeFactory(status=Practice.Status.PUBLISHED)
    citation = citation_of(published)
    client.force_login(factories.moderator())
    assert "Remove" in client.get(published.get_absolute_url()).content.decode()
    page = remove(client, citation, next="https://elsewhere.example/")
    assert page["Location"] == published.get_absolute_url()
    assert not Citation.objects.exists()


def test_a_director_cannot_remove_a_citation(client, world):
    citation = citation_of(factories.PracticeFactory(status=Practice.Status.PUBLISHED))
    client.force_login(factories.dcs())
    assert remove(client, citation).status_code == 404


def test_deleting_an_entry_or_a_measure_deletes_its_citations(world):
    citation_of(factories.PracticeFactory()).practice.delete()
    assert not Citation.objects.exists()
    exclusions = Measure.objects.create(slug="not-loaded-yet", name="A measure not loaded yet")
    citation_of(factories.PracticeFactory(), measure=exclusions)
    exclusions.delete()
    assert not Citation.objects.exists()


def test_the_admin_lists_citations_and_changes_none(client, world):
    citation_of(factories.PracticeFactory(title="Cited in the admin"))
    client.force_login(factories.admin())
    page = client.get(reverse("admin:evidence_citation_changelist"))
    assert "Cited in the admin" in page.content.decode() and "Hackney" in page.content.decode()
    assert client.get(reverse("admin:evidence_citation_add")).status_code == 403


def test_the_measure_page_lists_each_citing_entry_once_those_citing_the_area_in_view_first(client, world):
    both = factories.PracticeFactory(title="Cites both boroughs", status=Practice.Status.PUBLISHED)
    citation_of(both)
    citation_of(both, comparison="black-caribbean")
    citation_of(both, area="redbridge", area_name="Redbridge", year=2021, period="2021/22")
    newer = factories.PracticeFactory(title="Cites Hackney only", status=Practice.Status.PUBLISHED)
    citation_of(newer)
    url = reverse("evidence:measure", args=["youth-justice"])
    redbridge = client.get(url, {"area": "redbridge", "period": "2021"}).content.decode()
    cited = redbridge.split("Practice that cites this measure")[1].split("</section>")[0]
    assert cited.count("Cites both boroughs") == 1 and cited.count("Cites Hackney only") == 1
    assert cited.index("Cites both boroughs") < cited.index("Cites Hackney only")  # cites Redbridge
    assert cited.index("Redbridge, 2021/22") < cited.index("Hackney, 2022/23, compared with Black Caribbean")
    hackney = client.get(url, {"area": "hackney", "period": "2022"}).content.decode()
    cited = hackney.split("Practice that cites this measure")[1].split("</section>")[0]
    assert cited.index("Cites Hackney only") < cited.index("Cites both boroughs")  # newest first, both cite Hackney


def test_an_entry_citing_more_views_costs_no_more_queries_to_show(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    published = factories.PracticeFactory(status=Practice.Status.PUBLISHED)
    citation_of(published, comparison="indian")

    def queries():
        with CaptureQueriesContext(connection) as done:
            assert "compared with" in client.get(published.get_absolute_url()).content.decode()
        return len(done)

    one = queries()
    for comparison in ("black-caribbean", "black-african", "pakistani"):
        citation_of(published, comparison=comparison)
    assert queries() == one


def test_the_cite_form_is_not_offered_on_a_view_comparing_with_a_group_without_figures(client, world, lead):
    factories.PracticeFactory(title="Our draft")
    url = reverse("evidence:measure", args=["youth-justice"])
    assert 'name="practice"' in client.get(url, {"area": "hackney", "comparison": "indian"}).content.decode()
    text = client.get(url, {"area": "hackney", "comparison": "bangladeshi"}).content.decode()
    assert "choose another group to compare with" in text and 'name="practice"' not in text


def test_a_population_is_cited_as_shown_and_never_with_a_comparison_its_page_does_not_offer(client, world, lead):
    draft = factories.PracticeFactory()
    url = reverse("evidence:cite", args=["population"])
    client.post(url, {**VIEW, "period": "2021", "practice": draft.pk, "comparison": "indian"})
    assert not Citation.objects.exists()
    client.post(url, {**VIEW, "period": "2021", "practice": draft.pk})
    assert str(Citation.objects.get()) == "Population: Hackney, 2021"
