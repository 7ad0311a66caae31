"""The JSON API: it keeps to its OpenAPI description, agrees with the browse page, and guards contacts."""

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

from portal.wsgi import application
from publishing.api_keys import hash_key
from publishing.models import ApiToken
from submissions.models import Practice
from tests import factories
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
KEY = "a-test-api-key-0123456789"


@pytest.fixture(autouse=True)
def _keep_the_test_database_open():
    """Called as a WSGI app, Django closes the database connection after each request; the test client
    stops it doing so, and so must we, or the test's transaction is lost."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def entries(db):
    return {
        "redbridge": PracticeFactory(local_authority=authority("Redbridge"), status="published", title="Mentoring"),
        "newham": PracticeFactory(local_authority=authority("Newham"), status="published", title="Youth justice"),
        "camden": PracticeFactory(local_authority=authority("Camden"), status="published", title="Camden youth"),
        "draft": PracticeFactory(local_authority=authority("Redbridge"), title="Draft secret"),
        "rejected": PracticeFactory(status=Practice.Status.REJECTED, title="Rejected secret"),
    }


@pytest.fixture
def key(db):
    ApiToken.objects.create(user=factories.dcs(), name="LIIA website", key_hash=hash_key(KEY))
    return {"HTTP_AUTHORIZATION": f"Bearer {KEY}"}


@schema.parametrize()
@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture, hypothesis.HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_openapi_description(case, entries):
    case.call_and_validate(headers={"Accept-Encoding": "identity"})  # as sent: pages are gzipped when asked


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"q": "exclusion"},
        {"sub_region": "east-london"},
        {"theme": "school-exclusions", "local_authority": ["redbridge", "camden"]},
        {"q": "youth -camden", "sort": "title"},
        {"q": '"Black Caribbean pupils"'},
    ],
)
def test_filters_give_the_same_entries_as_the_browse_page(client, entries, query):
    api = client.get(reverse("api_practice_list"), query).json()
    page = client.get(reverse("practice_list"), query).context["results"]
    assert [entry["id"] for entry in api["results"]] == [hit.pk for hit in page.hits]
    assert api["count"] == page.total


def test_unpublished_entries_are_never_given(client, entries):
    listed = {
        entry["title"] for entry in client.get(reverse("api_practice_list"), {"page_size": 100}).json()["results"]
    }
    assert listed == {"Mentoring", "Youth justice", "Camden youth"}
    for name in ("draft", "rejected"):
        response = client.get(reverse("api_practice_detail", args=[entries[name].pk]))
        assert response.status_code == 404
        assert response.json() == {"error": "There is no published practice with this id."}


def test_contacts_emails_and_phones_need_an_api_key(client, entries, key):
    url = reverse("api_practice_detail", args=[entries["redbridge"].pk])
    assert client.get(url).json()["contacts"] == [{"name": "Lisa Aldridge", "role": "Head of Safeguarding"}]
    with_key = client.get(url, **key).json()["contacts"]
    assert with_key == [
        {"name": "Lisa Aldridge", "role": "Head of Safeguarding", "email": "lisa@example.org", "phone": ""}
    ]
    assert ApiToken.objects.get().last_used_at is not None


def test_a_wrong_key_is_refused_not_treated_as_anonymous(client, entries):
    response = client.get(reverse("api_practice_list"), HTTP_AUTHORIZATION="Bearer not-a-key")
    assert response.status_code == 401
    assert "not valid" in response.json()["error"]


def test_a_portal_for_signed_in_users_needs_a_key(client, entries, key, settings):
    settings.PORTAL_BROWSE_REQUIRES_SIGN_IN = True
    assert client.get(reverse("api_practice_list")).status_code == 401
    assert client.get(reverse("api_practice_list"), **key).json()["count"] == 3


def test_pages_link_to_each_other(client, entries):
    first = client.get(reverse("api_practice_list"), {"page_size": 2, "sort": "title"}).json()
    assert (first["count"], first["pages"], first["previous"]) == (3, 2, None)
    second = client.get(first["next"]).json()
    titles = [entry["title"] for entry in first["results"] + second["results"]]
    assert titles == ["Camden youth", "Mentoring", "Youth justice"]
    assert second["next"] is None


def test_reference_lists_count_published_practice(client, entries):
    authorities = {la["slug"]: la for la in client.get(reverse("api_local_authority_list")).json()["results"]}
    assert len(authorities) == 33
    assert authorities["redbridge"] | {"practice": ""} == {
        "slug": "redbridge",
        "name": "Redbridge",
        "gss_code": "E09000026",
        "sub_region": "east-london",
        "published_count": 1,
        "practice": "",
    }
    sub_regions = {
        s["slug"]: s["published_count"] for s in client.get(reverse("api_sub_region_list")).json()["results"]
    }
    assert sub_regions["east-london"] == 2
    themes = {t["slug"]: t["published_count"] for t in client.get(reverse("api_theme_list")).json()["results"]}
    assert themes["school-exclusions"] == 3


def test_cors_is_off_unless_an_origin_is_allowed(client, entries, settings):
    origin = {"HTTP_ORIGIN": "https://www.liia.london"}
    assert "Access-Control-Allow-Origin" not in client.get(reverse("api_theme_list"), **origin)
    settings.PORTAL_API_CORS_ORIGINS = ["https://www.liia.london"]
    response = client.get(reverse("api_theme_list"), **origin)
    assert response["Access-Control-Allow-Origin"] == "https://www.liia.london"
    assert "Access-Control-Allow-Headers" not in response  # keys are for servers: a browser may not send one


def test_the_apis_address_answers_with_an_index_of_its_endpoints(client, db):
    response = client.get("/api/v1/")
    assert response["Content-Type"] == "application/json"
    index = response.json()
    assert index["practice"] == "http://testserver/api/v1/practice/"
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert {"themes", "local_authorities", "sub_regions"} <= index.keys()


@pytest.mark.parametrize("name", ["theme", "local_authority", "sub_region", "category"])
def test_an_unknown_filter_value_matches_nothing_rather_than_everything(client, entries, name):
    response = client.get("/api/v1/practice/", {name: ["no-such-slug", "east-london", "redbridge"]})
    assert response.status_code == 200
    assert response.json()["count"] == 0 and response.json()["results"] == []


def test_a_very_long_search_is_answered_in_json(client, entries):
    response = client.get("/api/v1/practice/", {"q": "exclusions " * 500})
    assert response["Content-Type"] == "application/json"
    assert response.status_code in {200, 400}
