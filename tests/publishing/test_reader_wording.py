"""Pages for readers describe an entry in the third person: the template's "your organisation" speaks to the borough."""

import pytest
from django.urls import reverse

from reference.models import SharingCategory
from search import engine
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_within_and_with_families(db):
    practice = PracticeFactory(status="published", complete=False)
    practice.categories.set(
        SharingCategory.objects.filter(slug__in=["within-your-organisation", "with-children-and-families"])
    )
    engine.index(practice)  # again, with its categories
    return practice


def test_an_entry_says_it_is_shared_with_its_own_organisation(client, shared_within_and_with_families):
    page = client.get(shared_within_and_with_families.get_absolute_url()).content.decode()
    assert "Shared with its own organisation, with children and families." in page
    assert "your organisation" not in page


def test_browse_filters_and_coverage_speak_to_the_reader(client, shared_within_and_with_families):
    for url in [reverse("practice_list"), reverse("coverage") + "?by=category"]:
        page = client.get(url).content.decode()
        assert "With its own organisation" in page, url
        assert "your organisation" not in page.lower(), url
