"""However many rows a proforma POST claims, the page answers at once, with a message, and keeps what was typed."""

import re
import time

import pytest
from django.urls import reverse

from submissions.models import Practice
from tests.factories import PracticeFactory
from tests.submissions.test_proforma import hackney_id, proforma_data

pytestmark = pytest.mark.django_db

QUICK = 1.0  # seconds: a page a lead waits for; the probe's 100,000 rows took 30 s


def timed_post(client, url, data):
    start = time.perf_counter()
    response = client.post(url, data)
    return response, time.perf_counter() - start


def rows_on_page(page, prefix):
    return len(set(re.findall(rf'name="{prefix}-(\d+)-', page)))


@pytest.fixture
def signed_in_lead(client, lead_a):
    client.force_login(lead_a)
    client.get(reverse("practice_create"))  # the first page's one-off work (templates, imports) is not timed
    return client


@pytest.mark.parametrize(
    "name, count", [("contacts", "100000"), ("resources", "99999999999"), ("contacts", "9" * 5_000)]
)
def test_a_proforma_claiming_more_rows_than_it_holds_is_answered_at_once_and_keeps_what_was_typed(
    signed_in_lead, name, count
):
    data = proforma_data(local_authority=hackney_id(), **{f"{name}-TOTAL_FORMS": count})

    response, seconds = timed_post(signed_in_lead, reverse("practice_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert seconds < QUICK
    assert f'<a href="#{name}">You can add up to 20 {name}' in page
    assert 'value="Lisa Aldridge"' in page  # the contact typed is still there
    assert "Black leadership group" in page
    assert rows_on_page(page, name) <= 20
    assert f'name="{name}-TOTAL_FORMS" value="{count}"' not in page  # the claim is not sent back to be made again
    assert not Practice.objects.exists()


@pytest.mark.parametrize("count", ["abc", "-1", "1e9", "", " 1", "１", "1.0"])
def test_a_row_count_that_is_not_a_number_is_refused_and_the_rows_sent_are_kept(signed_in_lead, count):
    data = proforma_data(local_authority=hackney_id(), **{"contacts-TOTAL_FORMS": count})

    response, seconds = timed_post(signed_in_lead, reverse("practice_create"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert seconds < QUICK
    assert '<a href="#contacts">The contacts on the page could not all be read' in page
    assert 'value="Lisa Aldridge"' in page
    assert 'name="contacts-TOTAL_FORMS" value="1"' in page  # saving again sends a count that can be read
    assert not Practice.objects.exists()


def test_saved_rows_claimed_beyond_those_sent_are_refused_not_saved_again(signed_in_lead):
    practice = PracticeFactory(title="Youth justice disproportionality plan")  # a Hackney draft, lead A's
    data = proforma_data(local_authority=hackney_id(), **{"contacts-INITIAL_FORMS": "100000"})

    response, seconds = timed_post(signed_in_lead, reverse("practice_edit", args=[practice.pk]), data)

    assert seconds < QUICK
    assert "The contacts on the page could not all be read" in response.content.decode()
    practice.refresh_from_db()
    assert practice.title == "Youth justice disproportionality plan"


def test_twenty_contacts_still_save(signed_in_lead):
    rows = {}
    for number in range(20):
        rows[f"contacts-{number}-name"] = f"Contact {number}"
    data = proforma_data(local_authority=hackney_id(), **{"contacts-TOTAL_FORMS": "20"}, **rows)

    response = signed_in_lead.post(reverse("practice_create"), data)

    assert response.status_code == 302
    assert Practice.objects.get().contacts.count() == 20
