"""What a moderator reads on the calls pages: what happened, what will happen, and what to do, in plain words."""

import re

import pytest
from django.urls import reverse

from reference.models import LocalAuthority
from tests import factories

pytestmark = pytest.mark.django_db

JARGON = re.compile(r"daily job|Django admin|cron|management command", re.I)


@pytest.fixture
def moderator_client(client):
    client.force_login(factories.moderator())
    return client


@pytest.fixture
def east_london(db):
    return [la.name for la in LocalAuthority.objects.filter(sub_region__slug="east-london").order_by("name")]


def test_the_calls_pages_say_what_to_do_without_jargon(moderator_client, east_london):
    factories.lead("Redbridge")
    unopened = factories.call(east_london, opened=False)
    opened = factories.call(east_london)
    for url in [
        reverse("call_create"),
        reverse("call_list"),
        reverse("call_returns", args=[unopened.pk]),
        reverse("call_returns", args=[opened.pk]),
    ]:
        page = moderator_client.get(url).content.decode()
        assert not JARGON.search(page), (url, JARGON.search(page).group())
    page = moderator_client.get(reverse("call_returns", args=[opened.pk])).content.decode()
    assert "Ask the portal's administrators to add an account for each of their leads" in page


def test_opening_a_call_says_whom_it_emailed_and_which_authorities_have_no_lead(moderator_client, east_london):
    factories.lead("Redbridge")
    factories.lead("Newham")
    call = factories.call(east_london, opened=False)
    response = moderator_client.post(reverse("call_open", args=[call.pk]), follow=True)
    others = ", ".join(name for name in east_london if name not in {"Newham", "Redbridge"})
    assert (
        f"The call is open. Emailed 2 leads in 2 local authorities; {len(east_london) - 2} local authorities have "
        f"no lead account: {others} (an administrator adds them in Administration, Users; reminders then reach them)."
    ) in response.content.decode()


def test_the_reminders_box_counts_what_the_tracker_counts(moderator_client, east_london):
    factories.lead("Redbridge")
    call = factories.call(east_london)
    page = moderator_client.get(reverse("call_returns", args=[call.pk])).content.decode()
    not_started = re.search(r'count-summary__number">(\d+)</span> not started', page).group(1)
    assert f"{not_started} of the {len(east_london)} local authorities have not submitted a return" in page


def test_after_reminding_the_button_is_disabled_with_the_reason(moderator_client, east_london):
    factories.lead("Redbridge")
    call = factories.call(east_london)
    page = moderator_client.get(reverse("call_returns", args=[call.pk])).content.decode()
    assert '<button type="submit" class="btn btn-secondary">Remind 1 local authority now</button>' in page

    page = moderator_client.post(reverse("call_remind", args=[call.pk]), follow=True).content.decode()

    assert "Reminded the leads of 1 local authority: Redbridge." in page
    assert "Reminding now would email nobody: Redbridge was reminded today. You can remind it again tomorrow." in page
    assert 'disabled aria-describedby="remind-reason"' in page
    assert 'action="/calls/' not in page.split("Reminders</h2>")[1]


def call_form_post(moderator_client, **fields):
    data = {"title": "Exclusions round", "message": "Please share.", "audience": "london", **fields}
    return moderator_client.post(reverse("call_create"), data)


@pytest.mark.parametrize(
    ("opens_on", "message"),
    [
        ({"opens_on_day": "12", "opens_on_year": "2031"}, "The opening date must include a month"),
        (
            {"opens_on_day": "31", "opens_on_month": "2", "opens_on_year": "2031"},
            "The opening date must be a real date",
        ),
        ({"opens_on_day": "x", "opens_on_month": "2", "opens_on_year": "2031"}, "The opening date must be a real date"),
        ({"opens_on_day": "1", "opens_on_month": "2", "opens_on_year": "31"}, "must include 4 numbers"),
        ({}, "Enter the opening date"),
    ],
)
def test_the_date_input_says_what_is_wrong_with_a_date(moderator_client, opens_on, message):
    response = call_form_post(moderator_client, **opens_on)
    assert response.status_code == 200
    assert re.search(rf'<a href="#id_opens_on_0">[^<]*{message}', response.content.decode())


def test_the_date_input_is_three_labelled_boxes_that_keep_what_was_typed(moderator_client):
    page = call_form_post(moderator_client, opens_on_day="12", opens_on_year="2031").content.decode()
    assert 'type="date"' not in page
    for number, (part, value) in enumerate([("Day", "12"), ("Month", ""), ("Year", "2031")]):
        assert f'<label class="form-label" for="id_opens_on_{number}">{part}</label>' in page
        assert f'id="id_opens_on_{number}" value="{value}"' in page


def test_each_audience_reveals_its_own_fields_and_all_show_without_javascript(moderator_client):
    page = moderator_client.get(reverse("call_create")).content.decode()
    assert 'value="sub_region" id="id_audience_0" data-aria-controls="conditional-sub-region"' in page
    assert 'data-aria-controls="conditional-authorities"' in page
    sub_region = page.split('id="conditional-sub-region"')[1].split("</div>\n")[0]
    assert 'name="sub_region"' in sub_region
    assert " hidden" not in page.split('data-module="conditional-reveal"')[1].split("</fieldset>")[0]
