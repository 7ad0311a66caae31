"""Erasing a person: found everywhere first, then nowhere (pages, API, downloads, feeds, search, database)."""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountEvent, DeletionRequest, Membership
from plans import services as plan_services
from plans.models import Meeting, Owner, Plan, PlanContact, Reminder, ReminderSetting, SubRegionRole
from privacy import erasure, finding
from privacy.models import Erasure, InactivityWarning
from publishing.models import ApiToken, DigestSubscription
from search import engine
from submissions.models import Contact, Snapshot
from tests import factories
from tests.planted import EMAIL, NAME, NEEDLES, plant_everywhere, tables_holding

pytestmark = pytest.mark.django_db


def today():
    return f"{timezone.localdate():%-d %B %Y}"


@pytest.fixture
def planted(django_capture_on_commit_callbacks):
    return plant_everywhere(django_capture_on_commit_callbacks)


EVERY_TABLE = {
    "auth_user",
    "submissions_contact",
    "submissions_snapshot",
    "submissions_practice",
    "submissions_resource",
    "submissions_event",
    "submissions_accountevent",
    "submissions_outgoingemail",
    "submissions_call",
    "submissions_apitoken",
    "axes_accesslog",
    "axes_accessfailurelog",
    "axes_accessattempt",
    "django_session",
    "plans_owner",
    "plans_action",
    "plans_update",
    "plans_meeting",
    "plans_area",
    "plans_planversion",
    "plans_planevent",
}


def text_of(response):
    """A response's text; for a Word or Excel file, the text of every part of it."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", "replace").casefold()


def everything_public_and_signed_in(client, planted):
    """What the portal shows of her entry, signed in as a director (who sees contacts' details)."""
    live = planted["live"]
    urls = [
        reverse("practice_detail", args=[live.pk]),
        reverse("practice_list") + "?q=apprenticeships",
        reverse("practice_list") + "?q=employers",  # her name was in the text this finds
        reverse("api_practice_detail", args=[live.pk]),
        reverse("api_practice_list"),
        reverse("feed"),
        reverse("local_authority_feed", args=["hackney"]),
        *(reverse("practice_export", args=[kind]) for kind in ("csv", "xlsx", "docx")),
    ]
    client.force_login(factories.dcs())
    pages = {url: text_of(client.get(url)) for url in urls}
    client.force_login(planted["moderator"])
    for snapshot in Snapshot.objects.filter(practice=live, kind="published"):
        pages[reverse("version", args=[snapshot.pk])] = text_of(client.get(reverse("version", args=[snapshot.pk])))
    return pages


def showing(pages):
    return sorted(url for url, text in pages.items() if any(needle in text for needle in NEEDLES))


def test_an_admin_sees_every_place_a_person_is_held_before_erasing(planted):
    found = {place.label: place.found for place in finding.places(finding.identify(EMAIL))}
    assert found["Contacts on entries and changes in progress"] == [
        f"{NAME} on ‘Mentoring Black boys into apprenticeships’ (published)",
        f"{NAME} on ‘Youth panels’ (draft)",
    ]
    assert len(found["Submitted and published versions kept for history"]) == 6  # three submitted, three published
    assert found["Accounts"] == [f"{NAME} <{EMAIL}>"]
    assert found["Memberships"] == [f"{EMAIL} leads for Hackney"]
    assert found["Email update subscriptions"] == [f"Weekly digest for {EMAIL}"]
    assert found["Requests to be deleted"] and found["Sign-in log"] and found["Browser sessions"]
    assert found["Plan actions they own"] == [NAME, NAME]  # her account, and her name typed as an owner
    assert found["Plan meetings they attended"] == ["North Central London meeting, 16 July 2026"]
    assert found["Plan versions kept for history"] == [f"v.1 of ‘Areas for collaboration’, {today()}"]
    assert found["Plan roles"] == [f"{EMAIL} is director of children's services for North Central London"]
    assert all(found[label] for label in found), [label for label in found if not found[label]]


def test_erasing_a_person_leaves_them_nowhere_in_the_database_pages_api_downloads_feeds_or_search(
    client, planted, django_capture_on_commit_callbacks
):
    assert tables_holding(NEEDLES) >= EVERY_TABLE | {"submissions_searchword"}
    before = everything_public_and_signed_in(client, planted)
    assert len(showing(before)) >= 8  # her name is on the page, in versions, the API, downloads and search

    admin = factories.admin(email="admin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        done = erasure.erase_person(term=EMAIL, by=admin)

    assert tables_holding(NEEDLES) == set()
    assert showing(everything_public_and_signed_in(client, planted)) == []
    # Rows that point at her account hold no text to find: they went with it.
    assert [model.objects.count() for model in (DigestSubscription, ApiToken, DeletionRequest, InactivityWarning)] == [
        0
    ] * 4
    assert list(Membership.objects.values_list("user__email", flat=True)) == ["other.lead@example.org"]
    assert engine.run("achterberg").total == 0
    # In the plans, the action, update and meeting stay, with her name replaced; what pointed at her account went.
    assert list(planted["action"].owners.values_list("name", flat=True)) == ["a former contact"]
    meeting = Meeting.objects.get(pk=planted["meeting"].pk)
    assert (meeting.attendees.count(), meeting.other_attendees) == (0, "a former contact (Hackney)")
    assert [model.objects.count() for model in (SubRegionRole, Reminder, ReminderSetting)] == [0] * 3
    assert done.records > 20 and done.by == admin
    assert AccountEvent.objects.filter(
        description=f"A person's data was erased from {done.records} records (erasure {done.pk})"
    ).exists()


def test_published_versions_stay_readable_with_the_person_replaced(client, planted):
    erasure.erase_person(term=NAME, by=factories.admin(), at_council=True)  # she worked for Hackney
    live = planted["live"]
    assert list(live.contacts.values_list("name", "email", "phone")) == [("a former contact at Hackney", "", "")]
    versions = Snapshot.objects.filter(practice=live, kind="published")
    assert [v.content["contacts"] for v in versions] == [
        [{"name": "a former contact at Hackney", "role": "", "email": "", "phone": ""}]
    ] * 3
    assert [v.content["summary"] for v in versions][-1] == "Mentors from local firms, in every school and college."
    client.force_login(planted["moderator"])
    page = client.get(reverse("version", args=[versions.first().pk]))
    assert "a former contact at Hackney" in page.text


def test_a_person_can_be_removed_rather_than_replaced_with_a_description_of_their_choosing(planted):
    erasure.erase_person(term=EMAIL, by=factories.admin(), remove=True)
    assert not Contact.objects.filter(practice=planted["live"]).exists()
    assert all(v.content["contacts"] == [] for v in Snapshot.objects.filter(practice=planted["live"]))
    assert Erasure.objects.get().mode == Erasure.Mode.REMOVED


def logged_in_backups_storage():
    """The erasure log: one small object per erasure beside the backups (a folder, or the bucket)."""
    backups = storages["backups"]
    return [backups.open(f"erasures/{name}").read().decode() for name in backups.listdir("erasures")[1]]


def test_the_erasure_record_and_log_hold_fingerprints_not_the_data(planted):
    erasure.erase_person(term=EMAIL, by=factories.admin(), replacement="a former youth worker")
    record = Erasure.objects.get()
    [logged] = logged_in_backups_storage()  # written with the erasure, not after its commit
    assert erasure.fingerprint(EMAIL.upper()) in record.fingerprints
    assert erasure.fingerprint(NAME) in json.loads(logged)["fingerprints"]
    assert not any(needle in (logged + str(record.fingerprints)).casefold() for needle in NEEDLES)


def test_nobody_is_erased_when_the_erasure_log_cannot_be_written(planted, settings, tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {**settings.STORAGES["backups"], "OPTIONS": {"location": blocked}},
    }
    with pytest.raises(OSError):
        erasure.erase_person(term=EMAIL, by=factories.admin())
    assert User.objects.filter(email=EMAIL).exists()
    assert not Erasure.objects.exists()


def test_an_admin_cannot_erase_their_own_account(db):
    admin = factories.admin(email="only.admin@example.org")
    with pytest.raises(erasure.ErasureRefused, match="cannot erase your own account"):
        erasure.erase_person(term="only.admin@example.org", by=admin)


@pytest.mark.parametrize("term", ["", "   ", "Li", "x" * 5000, "nul\x00@example.org"])
def test_a_term_too_short_or_unknown_erases_nothing(db, term):
    with pytest.raises(erasure.ErasureRefused):
        erasure.erase_person(term=term, by=factories.admin())
    assert not Erasure.objects.exists()


def test_an_admin_who_is_not_a_superuser_cannot_erase_another_admin_or_a_superuser(db):
    ada = factories.admin(email="ada@example.org")
    for other in (factories.admin(email="other.admin@example.org"), factories.admin(email="root@example.org")):
        other.is_superuser = other.email == "root@example.org"
        other.save()
        with pytest.raises(erasure.ErasureRefused, match="Only a superuser can erase an admin's account"):
            erasure.erase_person(term=other.email, by=ada)
        assert User.objects.filter(pk=other.pk).exists()


def test_erasing_someone_changes_no_one_elses_text_that_merely_contains_theirs(db):
    lead = factories.lead("Hackney", email="lead.hackney@example.org")
    practice = factories.PracticeFactory(
        description="Ask Ann Lee (ann.lee@example.org) or Joann Leeson (lead.hackney@example.org).",
        local_authority=factories.authority("Hackney"),
    )
    Contact.objects.create(practice=practice, name="Ann Lee", email="ann.lee@example.org")

    erasure.erase_person(term="example.org", by=factories.admin(email="ada@example.org"))
    erasure.erase_person(term="Ann Lee", by=factories.admin(email="bea@example.org"))

    practice.refresh_from_db()
    assert "Joann Leeson (lead.hackney@example.org)" in practice.description
    assert "Ann Lee (" not in practice.description and "ann.lee@example.org" not in practice.description
    assert User.objects.filter(pk=lead.pk).exists()


def test_a_fingerprint_cannot_be_checked_against_a_guess_without_the_portals_secret(settings):
    import hashlib

    here = erasure.fingerprint(EMAIL)
    assert here != hashlib.sha256(f"sharing-practice-erasure:{EMAIL.casefold()}".encode()).hexdigest()
    settings.SECRET_KEY = "another portal's secret"
    assert erasure.fingerprint(EMAIL) != here


def test_someone_named_only_in_a_plan_is_found_and_erased_by_their_name(db):
    plan = Plan.objects.create(sub_region=None, title="London's plan")
    area = plan_services.add_area(plan=plan, by=None, title="Data")
    owner = plan_services.OwnerChoice(Owner.Kind.NAMED, name="Ben Okafor")
    action = plan_services.add_action(area=area, by=None, what="Share the data", owners=[owner])
    plan_services.add_update(action=action, by=None, seen_version=None, text="Ben Okafor presented it")
    found = {place.label: place.found for place in finding.places(finding.identify("ben okafor"))}
    assert found["Plan actions they own"] == ["Ben Okafor"]
    assert found["Plan updates they recorded or that name them"] == [
        f"{timezone.localdate():%d/%m/%y}: Ben Okafor presented it"
    ]
    erasure.erase_person(term="Ben Okafor", by=None, replacement="the data lead")
    assert list(action.owners.values_list("name", flat=True)) == ["the data lead"]
    assert list(action.updates.values_list("text", flat=True)) == ["the data lead presented it"]


def test_a_plan_contact_is_found_and_erased_and_their_actions_stay_owned_by_the_replacement(db):
    plan = Plan.objects.create(sub_region=None, title="London's plan")
    contact = PlanContact.objects.create(plan=plan, name="Ben Okafor", email="ben.okafor@example.org")
    area = plan_services.add_area(plan=plan, by=None, title="Data")
    owner = plan_services.OwnerChoice(Owner.Kind.CONTACT, contact=contact)
    action = plan_services.add_action(area=area, by=None, what="Share the data", owners=[owner])
    found = {place.label: place.found for place in finding.places(finding.identify("ben.okafor@example.org"))}
    assert found["Plan contacts"] == ["Ben Okafor"] and found["Plan actions they own"] == ["Ben Okafor"]
    erasure.erase_person(term="ben.okafor@example.org", by=None, replacement="the data lead")
    assert not PlanContact.objects.exists()
    assert list(action.owners.values_list("kind", "name")) == [("named", "the data lead")]
