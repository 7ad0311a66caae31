"""One person planted in every place the portal holds personal data, for the erasure and subject-access tests."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from accounts.models import DeletionRequest
from calls.models import Call
from outbox import mail
from outbox.models import OutgoingEmail
from privacy.models import InactivityWarning
from publishing import digests
from publishing.models import ApiToken, DigestSubscription
from reference.models import SharingCategory, Theme
from submissions import services
from submissions.models import Contact, Practice
from tests import factories
from tests.conftest import attach_pdf
from tests.planted_plans import plant_in_plans

EMAIL = "d.achterberg@hackney.example"
NAME = "Dionne Achterberg"
PHONE = "020 7946 0321"
# What must not be found anywhere afterwards: her surname (also the search engines' stem of it) and phone.
NEEDLES = ["achterberg", "7946 0321"]


def publish(practice, by, moderator):
    practice = services.submit_practice(practice=practice, by=by)
    return services.publish_practice(practice=practice, by=moderator, seen_version=practice.version)


def revise(live, by, moderator, summary):
    """Publish changes to a published entry: one more published version of it."""
    revision = services.start_revision(practice=live, by=by)
    Practice.objects.filter(pk=revision.pk).update(summary=summary)
    return publish(Practice.objects.get(pk=revision.pk), by, moderator)


def published_entry_naming(lead, moderator, title="Mentoring Black boys into apprenticeships"):
    """A published entry with her as its contact, published three times: the live one and two earlier versions."""
    practice = factories.PracticeFactory(
        title=title, complete=False, description=f"Set up by {NAME} with local employers and schools."
    )
    practice.categories.set(SharingCategory.objects.filter(slug="with-partners"))
    practice.themes.set(Theme.objects.filter(slug="school-exclusions"))
    Contact.objects.create(practice=practice, name=NAME, role="Participation lead", email=EMAIL, phone=PHONE)
    live = publish(practice, lead, moderator)
    live = revise(live, lead, moderator, "Mentors from local firms, now in every secondary school.")
    return revise(live, lead, moderator, "Mentors from local firms, in every school and college.")


def plant_everywhere(django_capture_on_commit_callbacks):
    """Her account, her contacts on a published entry (three versions) and a draft, and her in every log."""
    moderator = factories.moderator(email="moderator@example.org")
    other_lead = factories.lead("Hackney", email="other.lead@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        her = factories.lead("Hackney", email=EMAIL, username=EMAIL, first_name="Dionne", last_name="Achterberg")
        live = published_entry_naming(her, moderator)
        draft = factories.PracticeFactory(
            title="Youth panels", description=f"Run with {NAME} ({EMAIL}).", created_by=her
        )
        Contact.objects.create(practice=draft, name=NAME, email=EMAIL, phone=PHONE)
        file = attach_pdf(draft, title=f"Evaluation by {NAME}")
        file.original_filename = f"{NAME} evaluation.pdf"
        file.save()
        services.withdraw_practice(
            practice=factories.PracticeFactory(), by=other_lead, reason=f"Duplicate of {NAME}'s entry"
        )
        call = factories.call(["Hackney"], title="Youth work")
        Call.objects.filter(pk=call.pk).update(message=f"Questions to {EMAIL}, please.")
        subscription = DigestSubscription.objects.create(user=her)
        DigestSubscription.objects.filter(pk=subscription.pk).update(covered_until=live.published_at.replace(year=2000))
        digests.send_digest(DigestSubscription.objects.get(pk=subscription.pk))
        mail.queue([other_lead], f"About {NAME}", "emails/invitation.txt", {"user": her})
    plans = plant_in_plans(her, NAME)
    ApiToken.objects.create(user=her, name=f"{NAME}'s reporting", key_hash="0" * 64)
    DeletionRequest.objects.create(user=her, reason="I have left Hackney.")
    InactivityWarning.objects.create(user=her)
    where = {"username": EMAIL, "ip_address": "192.0.2.7", "user_agent": "Firefox", "path_info": "/accounts/login/"}
    AccessLog.objects.create(**where, http_accept="*/*")
    AccessFailureLog.objects.create(**where, http_accept="*/*")
    AccessAttempt.objects.create(**where, http_accept="*/*", get_data="", post_data="", failures_since_start=2)
    signed_in = SessionStore()
    signed_in.update({"_auth_user_id": str(her.pk)})
    signed_in.create()
    kept = SessionStore()
    kept.update({"kept-proforma-answers": {"path": "/submissions/new/", "answers": {"contacts-0-name": [NAME]}}})
    kept.create()
    assert OutgoingEmail.objects.filter(to=EMAIL).count() >= 3  # receipts, decisions and her digest
    return {"her": User.objects.get(email=EMAIL), "live": live, "draft": draft, "moderator": moderator, **plans}


def tables_holding(needles):
    """Every database table (search engines' own storage included) with a value that contains a needle."""
    from django.contrib.sessions.models import Session

    found = set()
    with connection.cursor() as cursor:
        for table in _all_tables(cursor):
            if table == "django_session":
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                if any(_holds(value, needles) for value in row):
                    found.add(table)
                    break
    for session in Session.objects.all():
        if _holds(str(session.get_decoded()), needles):
            found.add("django_session")
    return found


def _all_tables(cursor):
    if connection.vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [name for (name,) in cursor.fetchall()]
    return connection.introspection.table_names(cursor)


def _holds(value, needles):
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    text = str(value).casefold()
    return any(needle in text for needle in needles)
