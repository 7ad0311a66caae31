"""Retention: each kind of personal data is removed a day after its period, and kept a day before."""

import os
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from accounts.models import AccountEvent
from outbox.models import OutgoingEmail
from privacy.models import InactivityWarning
from privacy.retention import apply_retention
from submissions.models import Practice
from tests import factories
from tests.conftest import attach_pdf

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def ago(days):
    return NOW - timedelta(days=days)


def period(name):
    from django.conf import settings

    return settings.PORTAL_RETENTION_DAYS[name]


def sign_in_records(days_ago):
    where = {
        "username": "lisa@example.org",
        "ip_address": f"192.0.2.{days_ago % 250}",
        "user_agent": "Firefox",
        "path_info": "/",
    }
    made = [
        AccessLog.objects.create(**where, http_accept="*/*"),
        AccessFailureLog.objects.create(**where, http_accept="*/*"),
        AccessAttempt.objects.create(**where, http_accept="*/*", get_data="", post_data="", failures_since_start=1),
    ]
    for record in made:
        type(record).objects.filter(pk=record.pk).update(attempt_time=ago(days_ago))
    return lambda: all(type(record).objects.filter(pk=record.pk).exists() for record in made)


def sent_email(days_ago):
    email = OutgoingEmail.objects.create(to="lisa@example.org", subject="Published", body="…", sent_at=ago(days_ago))
    return OutgoingEmail.objects.filter(pk=email.pk).exists


def unsent_email(days_ago):
    email = OutgoingEmail.objects.create(to="lisa@example.org", subject="Published", body="…", attempts=3)
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=ago(days_ago))
    return OutgoingEmail.objects.filter(pk=email.pk).exists


def orphan_upload(days_ago):
    name = default_storage.save("resources/never-saved.pdf", ContentFile(b"%PDF-1.4"))
    moment = ago(days_ago).timestamp()
    os.utime(default_storage.path(name), (moment, moment))
    return lambda: default_storage.exists(name)


def closed_entry(status):
    def make(days_ago):
        practice = factories.PracticeFactory(status=status)
        stored = attach_pdf(practice).file.name
        Practice.objects.filter(pk=practice.pk).update(updated_at=ago(days_ago))
        return lambda: Practice.objects.filter(pk=practice.pk).exists() and default_storage.exists(stored)

    return make


def unused_account(days_ago, warned_days_ago=None):
    user = factories.lead("Hackney", last_login=ago(days_ago))
    if warned_days_ago is not None:
        InactivityWarning.objects.create(user=user, warned_at=ago(warned_days_ago))
    return lambda: User.objects.get(pk=user.pk).is_active


def unwarned_account(days_ago):
    user = factories.lead("Hackney", last_login=ago(days_ago))
    return lambda: not InactivityWarning.objects.filter(user=user).exists()


def warned_long_enough_ago(days_ago):
    return unused_account(days_ago, warned_days_ago=period("inactivity_warning") + 1)


def account_unused_long_enough(days_ago):
    return unused_account(period("inactive_accounts") + 1, warned_days_ago=days_ago)


# what the rule reports -> (its period in days, something kept for `days` ago -> "is it still there?")
RULES = {
    "sign-in records": (lambda: period("sign_in_logs"), sign_in_records),
    "sent emails": (lambda: period("sent_emails"), sent_email),
    "emails never sent": (lambda: period("failed_emails"), unsent_email),
    "uploaded files no entry uses": (lambda: period("orphan_uploads"), orphan_upload),
    "withdrawn and rejected entries": (lambda: period("closed_entries"), closed_entry(Practice.Status.WITHDRAWN)),
    "withdrawn and rejected entries ": (lambda: period("closed_entries"), closed_entry(Practice.Status.REJECTED)),
    "unused accounts closed": (lambda: period("inactive_accounts"), warned_long_enough_ago),
    "unused accounts closed ": (lambda: period("inactivity_warning"), account_unused_long_enough),
    "people warned their unused account will be closed": (
        lambda: period("inactive_accounts") - period("inactivity_warning"),
        unwarned_account,
    ),
}


def counts(outcomes):
    return {outcome.what: outcome.count for outcome in outcomes if outcome.count}


@pytest.mark.parametrize("rule", RULES)
def test_a_dry_run_reports_what_is_a_day_past_its_period_and_changes_nothing(rule):
    days, make = RULES[rule]
    a_day_before, a_day_after = make(days() - 1), make(days() + 1)
    found = 3 if rule == "sign-in records" else 1  # one in each of django-axes's three logs
    assert counts(apply_retention(dry_run=True, now=NOW)) == {rule.strip(): found}
    assert a_day_before() and a_day_after()
    assert not AccountEvent.objects.filter(description__startswith="Retention").exists()


@pytest.mark.parametrize("rule", RULES)
def test_the_real_run_removes_what_is_a_day_past_its_period_and_keeps_what_is_a_day_short(
    rule, django_capture_on_commit_callbacks
):
    days, make = RULES[rule]
    a_day_before, a_day_after = make(days() - 1), make(days() + 1)
    found = 3 if rule == "sign-in records" else 1  # one in each of django-axes's three logs
    with django_capture_on_commit_callbacks(execute=True):
        assert counts(apply_retention(now=NOW)) == {rule.strip(): found}
    assert a_day_before() and not a_day_after()
    assert AccountEvent.objects.filter(description=f"Retention applied: {found} {rule.strip()}").exists()
    assert counts(apply_retention(now=NOW)) == {}  # nothing left to do


def test_a_warned_person_who_signs_in_again_keeps_their_account():
    user = factories.lead("Hackney", last_login=ago(period("inactive_accounts") + 1))
    InactivityWarning.objects.create(user=user, warned_at=ago(period("inactivity_warning") + 1))
    User.objects.filter(pk=user.pk).update(last_login=ago(1))
    apply_retention(now=NOW)
    assert User.objects.get(pk=user.pk).is_active


def test_the_warning_email_says_when_the_account_closes_and_how_to_keep_it(settings):
    user = factories.lead("Hackney", first_name="Lisa", last_login=ago(period("inactive_accounts")))
    apply_retention(now=NOW)
    email = OutgoingEmail.objects.get(to=user.email)
    closes_on = timezone.localdate(NOW) + timedelta(days=period("inactivity_warning"))
    assert email.subject == "Your Sharing Practice account will be closed"
    assert "Hello Lisa,\n\nYou have not used your account" in email.body
    assert f"we will close it on {closes_on:%-d %B %Y}" in email.body
    assert "http://testserver/accounts/login/" in email.body


def test_the_command_prints_each_rule_with_what_a_dry_run_would_do(capsys):
    sent_email(period("sent_emails") + 1)
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Would remove or do: 1 sent emails\n" in out
    assert "Would remove or do: 0 sign-in records\n" in out
    assert OutgoingEmail.objects.count() == 1
