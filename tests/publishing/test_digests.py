"""Email digests: what each subscriber gets, never twice, and unsubscribing without signing in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutgoingEmail
from publishing import digests
from publishing.models import DigestSubscription
from reference.models import SubRegion, Theme
from tests import factories
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


def published(days_ago, **kwargs):
    return PracticeFactory(status="published", published_at=timezone.now() - timedelta(days=days_ago), **kwargs)


def subscribe(user, frequency="weekly", days_ago=7, sub_regions=(), themes=()):
    subscription = DigestSubscription.objects.create(
        user=user, frequency=frequency, covered_until=timezone.now() - timedelta(days=days_ago, minutes=1)
    )
    subscription.sub_regions.set(SubRegion.objects.filter(slug__in=sub_regions))
    subscription.themes.set(Theme.objects.filter(slug__in=themes))
    return subscription


def digest_bodies(to):
    return [email.body for email in OutgoingEmail.objects.filter(to=to, subject__contains="newly published")]


def test_a_weekly_digest_lists_what_was_published_since_the_last_one(db):
    dcs = factories.dcs(email="dcs@example.org")
    subscribe(dcs)
    published(3, title="Reverse mentoring", local_authority=authority("Redbridge"))
    published(10, title="Published before the last digest")
    assert digests.send_due_digests() == (1, 0)
    [body] = digest_bodies("dcs@example.org")
    assert "Reverse mentoring (Redbridge)" in body
    assert "Published before the last digest" not in body
    assert "EAST LONDON" in body


def test_running_the_job_twice_sends_nothing_twice(db):
    subscribe(factories.dcs(email="dcs@example.org"))
    published(1, title="Reverse mentoring")
    call_command("send_digests", stdout=None)
    call_command("send_digests", stdout=None)
    assert len(digest_bodies("dcs@example.org")) == 1
    assert len(mail.outbox) == 1
    # Next week, only what is new by then.
    later = timezone.now() + timedelta(days=7, minutes=1)
    published(-1, title="Published after the first digest")
    digests.send_due_digests(now=later)
    assert len(digest_bodies("dcs@example.org")) == 2
    assert "Reverse mentoring" not in digest_bodies("dcs@example.org")[1]


def test_a_digest_is_not_sent_before_it_is_due(db):
    subscribe(factories.dcs(email="dcs@example.org"), frequency="monthly", days_ago=10)
    published(1)
    assert digests.send_due_digests() == (0, 0)
    assert digests.add_month(timezone.datetime(2027, 1, 31)) == timezone.datetime(2027, 2, 28)


def test_a_digest_keeps_to_the_chosen_sub_regions_and_themes(db):
    subscribe(factories.dcs(email="dcs@example.org"), sub_regions=["east-london"], themes=["school-exclusions"])
    published(1, title="East London exclusions", local_authority=authority("Newham"))
    published(1, title="Camden exclusions", local_authority=authority("Camden"))
    other = published(1, title="East London youth justice", local_authority=authority("Newham"), complete=False)
    other.themes.add(Theme.objects.get(slug="youth-justice"))
    digests.send_due_digests()
    [body] = digest_bodies("dcs@example.org")
    assert "East London exclusions" in body
    assert "Camden exclusions" not in body and "East London youth justice" not in body


def test_nothing_new_sends_nothing_but_moves_on(db):
    subscription = subscribe(factories.dcs(email="dcs@example.org"))
    assert digests.send_due_digests() == (0, 1)
    assert not OutgoingEmail.objects.exists()
    subscription.refresh_from_db()
    assert subscription.covered_until > timezone.now() - timedelta(minutes=1)


def test_unsubscribing_from_the_link_needs_no_sign_in(client, db):
    subscription = subscribe(factories.dcs(email="dcs@example.org"))
    published(1)
    digests.send_due_digests()
    email = OutgoingEmail.objects.get()
    url = reverse("digest_unsubscribe", args=[subscription.unsubscribe_token])
    assert url in email.body
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page = client.get(url)  # a mail scanner following the link changes nothing
    assert "Stop the weekly emails" in page.content.decode()
    assert DigestSubscription.objects.exists()
    client.post(url, {"List-Unsubscribe": "One-Click"})  # as a mail client's one-click button does
    assert not DigestSubscription.objects.exists()
    assert "No subscription uses this link" in client.get(url).content.decode()


def test_a_made_up_unsubscribe_link_says_no_subscription_uses_it_and_unsubscribes_nobody(client, db):
    subscribe(factories.dcs(email="dcs@example.org"))
    url = reverse("digest_unsubscribe", args=["made-up-token"])
    assert "No subscription uses this link" in client.get(url).content.decode()
    client.post(url)
    assert DigestSubscription.objects.count() == 1


def test_signed_in_users_subscribe_and_change_what_they_get(client, db):
    user = factories.dcs()
    client.force_login(user)
    response = client.post(reverse("digest_settings"), {"frequency": "monthly", "sub_regions": ["1"]}, follow=True)
    assert "You will get a monthly email" in response.content.decode()
    subscription = DigestSubscription.objects.get(user=user)
    assert subscription.frequency == "monthly"
    response = client.post(reverse("digest_settings"), {"frequency": ""})
    assert response.context["errors"] == [("id_frequency_0", "Select how often you want an email")]
    client.post(reverse("digest_settings"), {"unsubscribe": "1"})
    assert not DigestSubscription.objects.exists()


def test_no_frequency_is_chosen_for_a_new_subscriber_and_subscribing_with_none_is_an_error(client, db):
    client.force_login(factories.dcs())
    page = client.get(reverse("digest_settings")).content.decode()
    assert 'name="frequency"' in page and "checked" not in page
    response = client.post(reverse("digest_settings"), {})
    assert '<a href="#id_frequency_0">Select how often you want an email</a>' in response.content.decode()
    assert not DigestSubscription.objects.exists()


def test_theme_la_sub_region_and_browse_pages_link_to_email_updates_with_their_choices(client, db):
    client.force_login(factories.dcs())
    expected = {
        reverse("theme_detail", args=["school-exclusions"]): "?theme=school-exclusions",
        reverse("sub_region_detail", args=["east-london"]): "?sub_region=east-london",
        reverse("local_authority_detail", args=["redbridge"]): "?sub_region=east-london",
        reverse("practice_list") + "?theme=workforce": "?theme=workforce",
    }
    for page, query in expected.items():
        link = f'<a href="{reverse("digest_settings")}{query}">Get email updates</a>'
        assert link in client.get(page).content.decode(), page
    form = client.get(reverse("digest_settings") + "?theme=school-exclusions&sub_region=east-london").content.decode()
    ticked = re.findall(r'id="(id_\w+)" checked> <label for="\1" class="form-check-label">([^<]+)</label>', form)
    assert [label for _, label in ticked] == ["East London", "School exclusions"]
