"""What validators and search engines read in every page: times HTML accepts, and a description."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

# HTML's global date and time: to the second, or to the millisecond at most, with an offset.
VALID_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2}))?$")


def test_every_time_element_has_a_datetime_html_accepts(client):
    published = PracticeFactory(status="published", title="Reverse mentoring")
    lead = factories.lead("Hackney")
    client.force_login(lead)
    pages = [
        reverse("practice_list"),
        reverse("home"),
        published.get_absolute_url(),
        reverse("my_submissions"),
        reverse("submission_detail", args=[published.pk]),
    ]
    found = []
    for url in pages:
        found += re.findall(r'<time datetime="([^"]*)"', client.get(url).content.decode())
    assert len(found) >= 4
    assert all(VALID_DATETIME.match(value) for value in found), found


def test_every_page_has_a_meta_description_and_an_entry_uses_its_summary(client):
    published = PracticeFactory(status="published", summary="Black staff act as critical friends.")
    for url in [reverse("home"), reverse("practice_list"), reverse("theme_list"), reverse("login")]:
        assert re.search(r'<meta name="description" content="[^"]{40,}">', client.get(url).content.decode()), url
    entry = client.get(published.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Black staff act as critical friends.">' in entry
