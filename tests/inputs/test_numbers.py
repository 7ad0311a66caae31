"""Numbers read from requests: only ASCII digits within a range count, and nothing odd gets a server error."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from inputs.numbers import LARGEST_ID, whole_number, whole_numbers
from tests.portal.test_url_access import GET_TABLE, ROLES, make_world, url_for

# One of each way a number read without inputs.numbers breaks a view: int() refuses it although
# isdigit() accepts it ("²"), int() takes it but it is not ours ("١٢"), a slice or page below the
# first ("-1", "0"), too big for the database, and float() takes it but int() does not ("NaN").
# inputs.numbers itself is tested on every kind of text above.
ODD_NUMBERS = ["²", "١٢", "-1", "0", "99999999999999999999", "NaN"]
NUMBER_PARAMETERS = ["page", "page_size", "call", "year"]


@pytest.mark.parametrize(
    "value, expected",
    [("1", 1), ("0042", 42), ("²", None), ("١٢", None), (" 7", None), ("7 ", None), ("1_000", None), ("+1", None)]
    + [("-1", None), ("0", None), ("", None), ("1e3", None), (str(LARGEST_ID), LARGEST_ID), (str(LARGEST_ID + 1), None)]
    + [("9" * 5000, None), (None, None), (7, None)],
)
def test_a_whole_number_is_ascii_digits_within_its_range(value, expected):
    assert whole_number(value) == expected


def test_only_the_valid_numbers_of_a_list_are_kept_each_once():
    assert whole_numbers(["3", "²", "3", "12", "0"]) == [3, 12]
    assert whole_numbers(["1999", "99", "20245"], lowest=1000, highest=9999) == [1999]


@given(st.text(max_size=30))
def test_any_text_is_a_number_in_range_or_nothing(text):
    number = whole_number(text, highest=100_000)
    assert number is None or (1 <= number <= 100_000 and text.isascii() and text.isdigit())


@pytest.fixture
def world(db):
    return make_world()


@pytest.mark.parametrize("role", ["anonymous", "lead_a", "moderator"])
def test_no_url_answers_an_odd_number_with_a_server_error(client, world, role):
    users, objects = world
    if users[role]:
        client.force_login(users[role])
    client.raise_request_exception = False
    failures = []
    for entry in GET_TABLE:
        url = url_for(entry, objects)
        for value in ODD_NUMBERS:
            status = client.get(url, dict.fromkeys(NUMBER_PARAMETERS, value)).status_code
            if status >= 500:
                failures.append((url, value, status))
    assert failures == []


@pytest.mark.parametrize("role", ROLES)
def test_an_id_too_big_for_the_database_is_not_found(client, world, role):
    users, _ = world
    if users[role]:
        client.force_login(users[role])
    client.raise_request_exception = False
    huge = "99999999999999999999"
    answers = {
        entry: client.get(reverse(entry.split(" (")[0], kwargs=dict.fromkeys(kwargs, huge))).status_code
        for entry, (kwargs, _) in GET_TABLE.items()
        if "pk" in kwargs
    }
    assert answers and all(status in (302, 403, 404, 405) for status in answers.values()), answers


def test_the_api_refuses_an_odd_number_with_a_json_400(client, db):
    for name in NUMBER_PARAMETERS:
        for value in ODD_NUMBERS:
            response = client.get(reverse("api_practice_list"), {name: value})
            assert response.status_code == 400, (name, value)
            assert "must be a whole number" in response.json()["error"]


def test_the_browse_page_ignores_an_odd_page_and_shows_the_first(client, db):
    response = client.get(reverse("practice_list"), {"page": "²"})
    assert response.status_code == 200
    assert response.context["browse"].page == 1


def test_an_odd_seen_version_on_a_saved_proforma_is_no_server_error(client, lead_a):
    from tests.factories import PracticeFactory, authority

    practice = PracticeFactory(local_authority=authority("Hackney"), title="Mentoring")
    client.force_login(lead_a)
    client.raise_request_exception = False
    url = reverse("practice_edit", kwargs={"pk": practice.pk})
    for value in ODD_NUMBERS:
        response = client.post(url, {"form-title": "Mentoring", "seen_version": value, "action": "draft"})
        assert response.status_code < 500, value


def test_an_odd_version_on_a_moderators_decision_is_no_server_error(client, db):
    from submissions.models import Practice
    from tests.factories import PracticeFactory, moderator

    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    client.force_login(moderator())
    client.raise_request_exception = False
    for value in ODD_NUMBERS:
        response = client.post(reverse("review", kwargs={"pk": practice.pk}), {"decision": "publish", "version": value})
        assert response.status_code == 200, value  # the form comes back: nothing decided on a number it cannot read
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED


HUGE_IDS = ["99999999999999999999", "9223372036854775808", "-9223372036854775809", "²", "-1"]


def test_tick_boxes_posted_with_ids_no_database_can_hold_are_not_choices(client, lead_a):
    from tests.submissions.test_proforma import hackney_id, proforma_data

    client.force_login(lead_a)
    client.raise_request_exception = False
    for value in HUGE_IDS:
        for name in ("themes", "categories"):
            response = client.post(
                reverse("practice_create"), proforma_data(local_authority=hackney_id(), **{name: value})
            )
            assert response.status_code == 200, (name, value)
            assert "Select a valid choice" in response.content.decode()


def test_a_call_or_email_updates_posted_with_such_ids_are_no_server_error(client, db):
    from tests.factories import moderator

    client.force_login(moderator())
    client.raise_request_exception = False
    for value in HUGE_IDS:
        for name in ("chosen_authorities", "themes"):
            assert client.post(reverse("call_create"), {"audience": "authorities", name: value}).status_code == 200
        for name in ("sub_regions", "themes"):
            assert client.post(reverse("digest_settings"), {"frequency": "weekly", name: value}).status_code < 500
