"""The embeddable list for the LIIA website, and the moderators' page that makes its snippet."""

from datetime import timedelta

import pytest
from django.utils import timezone

from submissions.models import Practice
from tests import factories
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


def published(title, la="Hackney", days_ago=1, **kwargs):
    return PracticeFactory(
        title=title,
        local_authority=authority(la),
        status=Practice.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )


def test_the_list_shows_the_newest_published_practice_with_links_to_the_portal(client, settings):
    settings.PORTAL_BASE_URL = "https://practice.liia.london"
    published("Reflective circles", days_ago=3)
    newer = published("Black leadership group")
    PracticeFactory(title="A draft nobody should see")
    page = client.get("/embed/practice/").content.decode()
    assert page.index("Black leadership group") < page.index("Reflective circles")
    assert f'href="https://practice.liia.london/practice/{newer.pk}/"' in page
    assert "A draft nobody should see" not in page


def test_the_list_narrows_to_one_local_authority_and_a_count(client):
    published("Hackney circles", la="Hackney")
    published("Camden panel", la="Camden", days_ago=2)
    published("Camden older panel", la="Camden", days_ago=5)
    page = client.get("/embed/practice/?local_authority=camden&count=3").content.decode()
    assert "Camden panel" in page and "Camden older panel" in page and "Hackney circles" not in page
    page = client.get("/embed/practice/?count=3").content.decode()
    assert "Hackney circles" in page and "Camden older panel" in page


@pytest.mark.parametrize("query", ["theme=youth-justice-old", "local_authority=nowhere", "sub_region=%00"])
def test_an_unknown_filter_gives_a_short_note_the_website_may_still_frame(client, settings, query):
    settings.PORTAL_EMBED_ORIGINS = ["https://www.liia.london"]
    response = client.get(f"/embed/practice/?{query}")
    assert response.status_code == 404
    assert "frame-ancestors 'self' https://www.liia.london" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    page = response.content.decode()
    assert "This list is no longer available" in page and "embed.css" in page
    assert "More practice on the Sharing Practice portal" in page


@pytest.mark.parametrize(
    ("count", "shown"), [("4", 5), ("8", 10), ("21", 20), ("0", 3), ("-1", 5), ("1e9", 5), ("99999999999999999999", 20)]
)
def test_a_count_not_offered_shows_the_nearest_offered_or_the_default(client, count, shown):
    for day in range(21):
        published(f"Entry {day}", days_ago=day + 1)
    page = client.get(f"/embed/practice/?count={count}").content.decode()
    assert page.count('class="embed__item"') == shown


def test_more_practice_links_to_the_same_filters_on_the_portal(client, settings):
    settings.PORTAL_BASE_URL = "https://practice.liia.london"
    page = client.get("/embed/practice/?theme=youth-justice&count=3").content.decode()
    assert 'href="https://practice.liia.london/practice/?theme=youth-justice"' in page
    assert "More practice on Youth justice" in page


def test_the_list_may_be_cached_for_a_few_minutes(client):
    assert client.get("/embed/practice/")["Cache-Control"] == "public, max-age=300"


def test_a_repeated_parameter_is_read_as_the_builder_reads_it(client):
    published("Youth justice circles")
    client.force_login(factories.moderator())
    builder = client.get("/embed/?theme=send&theme=youth-justice&count=3").content.decode()
    assert "theme=youth-justice&amp;count=3" in builder  # the last one, as Django's forms read a query
    client.logout()
    assert client.get("/embed/practice/?theme=send&theme=youth-justice").status_code == 200


def test_the_builder_refuses_a_local_authority_outside_the_chosen_sub_region(client):
    client.force_login(factories.moderator())
    page = client.get("/embed/?local_authority=hackney&sub_region=south-west-london&count=20").content.decode()
    assert "There is a problem" in page
    assert "Hackney is not in South West London" in page
    assert "&lt;iframe" not in page


@pytest.mark.parametrize(("count", "height"), [("3", 990), ("20", 5750)])
def test_the_snippets_height_suits_the_count_and_the_builder_says_how_to_change_it(client, count, height):
    client.force_login(factories.moderator())
    page = client.get(f"/embed/?count={count}").content.decode()
    assert f'height="{height}"' in page
    assert "change the number after height=" in page


def test_only_the_portal_and_the_embed_origins_may_frame_the_list(client, settings):
    settings.PORTAL_EMBED_ORIGINS = ["https://www.liia.london"]
    response = client.get("/embed/practice/")
    assert "frame-ancestors 'self' https://www.liia.london" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert "frame-ancestors 'none'" in client.get("/practice/")["Content-Security-Policy"]  # every other page


def test_a_moderator_makes_the_snippet_for_one_theme(client, settings):
    settings.PORTAL_BASE_URL = "https://practice.liia.london"
    settings.PORTAL_EMBED_ORIGINS = ["https://www.liia.london"]
    client.force_login(factories.moderator())
    page = client.get("/embed/?theme=youth-justice&count=10").content.decode()
    assert '&lt;iframe src="https://practice.liia.london/embed/practice/?theme=youth-justice&amp;count=10"' in page
    assert 'src="/embed/practice/?theme=youth-justice&amp;count=10"' in page  # the preview
    assert "https://www.liia.london" in page


def test_the_builder_says_when_no_website_may_show_the_list(client, settings):
    settings.PORTAL_EMBED_ORIGINS = []
    client.force_login(factories.moderator())
    assert "No website may show the list yet" in client.get("/embed/").content.decode()
