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


@pytest.mark.parametrize("query", ["theme=no-such-theme", "count=7", "count=%EF%BC%95", "count=99999999999999999999"])
def test_an_unknown_filter_or_count_is_not_found(client, query):
    assert client.get(f"/embed/practice/?{query}").status_code == 404


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
