"""Sign-in throttling (decision 0013): one account from one address, one account from any addresses and any
accounts from one address each have a limit; the address is the one nginx saw, believed only from nginx."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
OUTSIDE = "203.0.113.9"  # not a trusted proxy: what it says in X-Forwarded-For counts for nothing
OFFICE = "198.51.100.7"  # a borough's one outgoing address


def sign_in(client, email, password, **headers):
    return client.post(reverse("login"), {"username": email, "password": password}, **headers)


def test_a_changing_x_forwarded_for_from_an_untrusted_address_does_not_reset_the_throttle(client):
    user = factories.dcs(email="dele@example.org")
    answers = [
        sign_in(client, user.email, "wrong", REMOTE_ADDR=OUTSIDE, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(1, 6)
    ]
    assert answers == [200, 200, 200, 200, 429]
    spoofed = sign_in(client, user.email, PASSWORD, REMOTE_ADDR=OUTSIDE, HTTP_X_REAL_IP="10.9.9.9")
    assert spoofed.status_code == 429 and "_auth_user_id" not in client.session


def test_the_address_nginx_forwards_is_the_one_counted(client):
    """From nginx (loopback) each forwarded address has its own five tries; the person elsewhere is not locked."""
    user = factories.dcs(email="dele@example.org")
    for _ in range(5):
        sign_in(client, user.email, "wrong", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE)
    assert (
        sign_in(client, user.email, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE).status_code == 429
    )
    assert (
        sign_in(client, user.email, PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OFFICE).status_code == 302
    )


def test_a_password_spray_over_104_accounts_from_one_address_is_stopped(client):
    people = [factories.UserFactory(email=f"person{n}@example.org") for n in range(104)]
    answers = [sign_in(client, person.email, "Summer2024!", REMOTE_ADDR=OFFICE).status_code for person in people]
    assert answers[:29] == [200] * 29 and set(answers[29:]) == {429}  # the 30th failure from the address locks it
    locked = sign_in(client, people[0].email, PASSWORD, REMOTE_ADDR=OFFICE)
    assert locked.status_code == 429 and "from your organisation’s network" in locked.text
    assert sign_in(client, people[0].email, PASSWORD, REMOTE_ADDR=OUTSIDE).status_code == 302  # elsewhere: not


def test_signing_in_to_an_account_one_holds_does_not_clear_the_addresss_failures(client):
    own = factories.dcs(email="own@example.org")
    for n in range(29):
        sign_in(client, f"guess{n}@example.org", "wrong", REMOTE_ADDR=OFFICE)
    assert sign_in(client, own.email, PASSWORD, REMOTE_ADDR=OFFICE).status_code == 302
    client.logout()
    assert sign_in(client, "guess99@example.org", "wrong", REMOTE_ADDR=OFFICE).status_code == 429


def test_one_account_attacked_from_many_addresses_is_stopped(client):
    user = factories.dcs(email="dele@example.org")
    answers = [sign_in(client, user.email, "wrong", REMOTE_ADDR=f"192.0.2.{n}").status_code for n in range(1, 105)]
    assert answers[:9] == [200] * 9 and set(answers[9:]) == {429}  # the 10th failure for the account locks it
    locked = sign_in(client, user.email, PASSWORD, REMOTE_ADDR="192.0.2.200")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert "from more than one place" in locked.text and "choose a new one" in locked.text


def test_an_office_of_twenty_mistyping_now_and_then_all_sign_in(client):
    """Everyone in a borough office signs in within the same quarter of an hour: each mistypes once, five twice."""
    office = [factories.lead("Hackney", email=f"lead{n}@example.org") for n in range(20)]
    for n, person in enumerate(office):
        mistakes = 2 if n < 5 else 1
        for _ in range(mistakes):
            assert sign_in(client, person.email, "a-long-test-pasword", REMOTE_ADDR=OFFICE).status_code == 200
        assert sign_in(client, person.email, PASSWORD, REMOTE_ADDR=OFFICE).status_code == 302
        client.logout()


def test_one_person_locked_out_is_told_to_wait_or_choose_a_new_password(client):
    user = factories.dcs(email="dele@example.org")
    for _ in range(5):
        locked = sign_in(client, user.email, "wrong", REMOTE_ADDR=OFFICE)
    assert locked.status_code == 429
    assert "Wait 15 minutes, then try again" in locked.text and "choose a new one" in locked.text
