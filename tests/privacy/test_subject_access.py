"""Subject access: one zip of everything held about a person, made by an admin and audited."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from accounts.models import AccountEvent
from tests import factories
from tests.conftest import PDF_BYTES
from tests.planted import EMAIL, NAME, NEEDLES, plant_everywhere

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted(django_capture_on_commit_callbacks):
    return plant_everywhere(django_capture_on_commit_callbacks)


@pytest.fixture
def export(client, planted):
    client.force_login(factories.admin(email="admin@example.org"))
    response = client.post(reverse("person_export"), {"q": EMAIL})
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name) for name in archive.namelist()}


def rows(export, name):
    return json.loads(export[f"{name}.json"])


def test_the_export_has_her_contacts_account_and_every_version_that_names_her(export):
    assert [
        (c["name"], c["email"], c["phone"]) for c in rows(export, "contacts-on-entries-and-changes-in-progress")
    ] == [(NAME, EMAIL, "020 7946 0321")] * 2
    [account] = rows(export, "accounts")
    assert (account["email"], account["first_name"], account["last_name"]) == (EMAIL, "Dionne", "Achterberg")
    versions = rows(export, "versions-kept-for-history")
    assert len(versions) == 6
    assert all(
        v["content"]["contacts"]
        == [{"name": NAME, "role": "Participation lead", "email": EMAIL, "phone": "020 7946 0321"}]
        for v in versions
    )


def test_the_export_has_every_log_and_email_that_holds_her(export):
    for name in (
        "emails-in-the-outbox",
        "sign-in-log",
        "failed-sign-ins",
        "sign-in-lockouts",
        "account-audit-trail",
        "entries-audit-trail-comments",
        "calls-for-practice",
        "api-keys",
        "memberships",
        "email-update-subscriptions",
        "requests-to-be-deleted",
        "inactivity-warnings",
        "their-actions-on-entries",
        "browser-sessions",
        "entries-whose-text-names-them",
        "resources-whose-title-or-file-name-names-them",
    ):
        assert rows(export, name), f"{name} is empty"
    assert {email["to"] for email in rows(export, "emails-in-the-outbox")} >= {EMAIL, "other.lead@example.org"}


def test_the_export_has_her_actions_updates_meetings_and_roles_in_the_plans(export, planted):
    assert [(o["kind"], o["name"]) for o in rows(export, "plan-actions-they-own")] == [("person", ""), ("named", NAME)]
    assert [a["what"] for a in rows(export, "plan-actions-whose-text-names-them")] == [planted["action"].what]
    assert [u["text"] for u in rows(export, "plan-updates-they-recorded-or-that-name-them")] == [
        f"{NAME} shared the first figures"
    ]
    assert [m["other_attendees"] for m in rows(export, "plan-meetings-they-attended")] == [f"{NAME} (Hackney)"]
    [version] = rows(export, "plan-versions-kept-for-history")
    assert version["plan"] == "Areas for collaboration" and NAME in json.dumps(version["content"], ensure_ascii=False)
    for name in ("plans-whose-text-names-them", "plan-areas-whose-text-names-them", "plans-audit-trail", "plan-roles"):
        assert rows(export, name), f"{name} is empty"
    assert [r["kind"] for r in rows(export, "plan-reminders-sent")] == ["due_soon"]
    [setting] = rows(export, "plan-reminder-settings")
    assert "token" not in setting and setting["user_id"] == planted["her"].pk


def test_the_export_has_the_files_she_uploaded_and_no_passwords_or_keys(export, planted):
    files = {name: content for name, content in export.items() if name.startswith("files/")}
    assert list(files.values()) == [PDF_BYTES]
    assert list(files)[0].endswith(f"-{NAME} evaluation.pdf")
    everything = b"".join(export.values()).decode()
    assert '"password":' not in everything and '"key_hash":' not in everything
    assert planted["her"].password not in everything


def test_making_an_export_is_recorded_in_the_audit_trail_without_a_copy_of_the_data(export):
    event = AccountEvent.objects.get(description__startswith="Subject access export")
    assert event.actor.email == "admin@example.org"
    assert not any(needle in event.description.casefold() for needle in NEEDLES)


@pytest.mark.parametrize("q", ["", "ab", "x" * 300])
def test_an_export_without_a_usable_name_or_email_goes_back_to_the_page(client, db, q):
    client.force_login(factories.admin())
    response = client.post(reverse("person_export"), {"q": q})
    assert response.status_code == 302 and response["Location"] == reverse("person")
    assert not AccountEvent.objects.filter(description__startswith="Subject access export").exists()


def test_versions_a_lead_made_are_exported_without_other_peoples_contact_details(client, db):
    from privacy import subject_access
    from privacy.finding import identify
    from submissions.models import Contact, Snapshot
    from submissions.revisions import content_of

    lead = factories.lead("Hackney", email="lead.hackney@example.org")
    practice = factories.PracticeFactory(local_authority=factories.authority("Hackney"))
    Contact.objects.create(
        practice=practice, name="Other Person", email="other.person@example.org", phone="020 7946 0999"
    )
    Snapshot.objects.create(practice=practice, kind="published", content=content_of(practice), created_by=lead)

    data = subject_access.data_of(identify(lead.email))

    assert data["versions-they-made"]
    assert "other.person@example.org" not in json.dumps(data["versions-they-made"], default=str)


def test_the_evidence_a_lead_cited_in_entries_is_exported_and_stays_on_the_entry_when_their_account_goes(db):
    from evidence.models import Citation, Measure
    from privacy import subject_access
    from privacy.finding import identify

    lead = factories.lead("Hackney", email="lead.citing@example.org")
    measure = Measure.objects.create(slug="exclusions-cited", name="Exclusions cited")
    practice = factories.PracticeFactory()
    Citation.objects.create(practice=practice, measure=measure, area="hackney", area_name="Hackney", year=2022)
    Citation.objects.create(practice=practice, measure=measure, area="london", year=2022, added_by=lead)

    data = subject_access.data_of(identify(lead.email))

    assert [row["area"] for row in data["evidence-they-cited-in-entries"]] == ["london"]
    lead.delete()
    assert Citation.objects.filter(practice=practice, added_by=None).count() == 2


def test_the_evidence_a_coordinator_cited_in_plan_actions_is_exported_and_stays_when_their_account_goes(db):
    from evidence.models import ActionCitation, Measure
    from privacy import subject_access
    from privacy.finding import identify
    from tests.plans import world

    coordinator = world.coordinator(email="coordinator.citing@example.org")
    measure = Measure.objects.create(slug="exclusions-cited", name="Exclusions cited")
    action = world.first_action(world.north_central())
    ActionCitation.objects.create(action=action, measure=measure, area="hackney", year=2022)
    ActionCitation.objects.create(action=action, measure=measure, area="london", year=2022, added_by=coordinator)

    data = subject_access.data_of(identify(coordinator.email))

    assert [row["area"] for row in data["evidence-they-cited-in-plan-actions"]] == ["london"]
    coordinator.delete()
    assert ActionCitation.objects.filter(action=action, added_by=None).count() == 2
