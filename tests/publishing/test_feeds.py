"""Atom feeds and the sitemap: published practice only, and nothing when browsing needs signing in."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from submissions.models import Practice
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def entries(db):
    return {
        "redbridge": PracticeFactory(local_authority=authority("Redbridge"), status="published", title="Mentoring"),
        "camden": PracticeFactory(local_authority=authority("Camden"), status="published", title="Camden youth"),
        "draft": PracticeFactory(local_authority=authority("Redbridge"), title="Draft secret"),
        "submitted": PracticeFactory(status=Practice.Status.SUBMITTED, title="Submitted secret"),
    }


def entry_titles(client, url):
    feed = ET.fromstring(client.get(url).content)
    return sorted(entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry"))


def test_the_feed_lists_newly_published_practice_only(client, entries):
    assert entry_titles(client, reverse("feed")) == ["Camden youth (Camden)", "Mentoring (Redbridge)"]


def test_feeds_per_sub_region_local_authority_and_theme(client, entries):
    assert entry_titles(client, reverse("sub_region_feed", args=["east-london"])) == ["Mentoring (Redbridge)"]
    assert entry_titles(client, reverse("local_authority_feed", args=["camden"])) == ["Camden youth (Camden)"]
    assert len(entry_titles(client, reverse("theme_feed", args=["school-exclusions"]))) == 2
    assert entry_titles(client, reverse("theme_feed", args=["youth-justice"])) == []


def test_pages_link_to_their_feeds(client, entries):
    page = client.get(reverse("sub_region_detail", args=["east-london"])).content.decode()
    feed = reverse("sub_region_feed", args=["east-london"])
    assert f'type="application/atom+xml" title="Sharing Practice: East London" href="{feed}">' in page
    assert f'href="{reverse("feed")}"' in client.get(reverse("home")).content.decode()


def test_the_sitemap_lists_published_entries_and_collection_pages(client, entries):
    index = client.get(reverse("sitemap_index")).content.decode()
    assert "sitemap-practice.xml" in index
    practice = client.get(reverse("django.contrib.sitemaps.views.sitemap", args=["practice"])).content.decode()
    assert entries["redbridge"].get_absolute_url() in practice
    assert entries["draft"].get_absolute_url() not in practice
    assert entries["submitted"].get_absolute_url() not in practice
    collections = client.get(reverse("django.contrib.sitemaps.views.sitemap", args=["collections"])).content.decode()
    assert reverse("theme_detail", args=["youth-justice"]) in collections


def test_nothing_is_listed_when_browsing_needs_signing_in(client, entries, settings):
    settings.PORTAL_BROWSE_REQUIRES_SIGN_IN = True
    assert entry_titles(client, reverse("feed")) == []
    practice = client.get(reverse("django.contrib.sitemaps.views.sitemap", args=["practice"])).content.decode()
    assert entries["redbridge"].get_absolute_url() not in practice
