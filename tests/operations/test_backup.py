"""Backing up and restoring: everything comes back in an empty database, files included."""

import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models.query import QuerySet

from accounts.models import AccountEvent, DeletionRequest, Membership
from calls.models import Call, CallReminder
from outbox.models import OutgoingEmail
from privacy import erasure
from privacy.models import Erasure, InactivityWarning
from publishing.models import ApiToken, DigestSubscription
from search import engine
from submissions import services
from submissions.models import Contact, Event, Practice, Resource, Snapshot, ThemeSuggestion
from tests import factories
from tests.conftest import PDF_BYTES, attach_pdf, load_migrated_data
from tests.planted import EMAIL, NAME, NEEDLES, published_entry_naming, tables_holding

pytestmark = pytest.mark.django_db(transaction=True)
FIXTURES = Path(__file__).parent.parent / "fixtures"
BEFORE_THE_SPLIT = [
    Membership,
    DeletionRequest,
    Call,
    CallReminder,
    OutgoingEmail,
    Erasure,
    InactivityWarning,
    ApiToken,
]
BEFORE_THE_SPLIT += [DigestSubscription, Practice, Contact, Resource, ThemeSuggestion]
COUNTED = [User, Membership, Practice, Contact, Resource, Event, Snapshot, Call, OutgoingEmail, AccountEvent]


@pytest.fixture
def portal(reference_data):
    """A portal in use: a published entry with a file, changes to it in progress, a submission and a call."""
    lead, moderator = factories.lead("Hackney", email="lead@example.org"), factories.moderator()
    published = factories.PracticeFactory(title="Governors and exclusions")
    attach_pdf(published)
    published = services.submit_practice(practice=published, by=lead)
    published = services.publish_practice(practice=published, by=moderator, seen_version=published.version)
    revision = services.start_revision(practice=published, by=lead)
    submitted = factories.PracticeFactory(title="Inclusion panels")
    services.submit_practice(practice=submitted, by=lead)
    factories.call(["Hackney"])
    return {"published": published, "revision": revision}


def test_a_backup_restored_into_an_empty_database_has_every_entry_revision_event_and_file(portal, tmp_path, settings):
    before = {model.__name__: model.objects.count() for model in COUNTED}
    files = {
        name: default_storage.open(name).read() for name in Resource.objects.values_list("file", flat=True) if name
    }
    assert (before["Practice"], before["Event"], before["Snapshot"], len(files)) == (3, 4, 3, 1)
    call_command("backup", str(tmp_path / "portal.zip"), stdout=None)

    call_command("flush", interactive=False, verbosity=0)  # a new, empty database ...
    load_migrated_data()  # ... with what its migrations load
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Practice.objects.exists()

    call_command("restore", str(tmp_path / "portal.zip"), stdout=None)
    assert {model.__name__: model.objects.count() for model in COUNTED} == before
    assert Practice.objects.get(pk=portal["revision"].pk).revision_of_id == portal["published"].pk
    assert {name: default_storage.open(name).read() for name in files} == files
    assert [hit.title for hit in engine.run("exclusions").hits] == ["Governors and exclusions"]
    assert User.objects.get(email="lead@example.org").check_password("a-long-test-password")


class Writer:
    """A lead saving a draft with a file from its own connection, as a request in another process would."""

    def __init__(self):
        self.saved, self.thread = [], threading.Thread(target=self.save)

    def save(self):
        try:
            with transaction.atomic():
                draft = factories.PracticeFactory(title="Saved while the backup ran")
                attach_pdf(draft, title="Report saved while the backup ran")
            self.saved.append(draft.pk)
        finally:
            connection.close()

    def finished(self):
        self.thread.join()
        return self.saved


@pytest.fixture
def saved_during_the_backup(monkeypatch):
    """The lead saves just after the backup has read the entries, before it reads their resources: the
    moment a save during a backup used to leave a resource without its entry in the zip."""
    writer, reading = Writer(), QuerySet.iterator

    def read(queryset, *args, **kwargs):
        if queryset.model is Resource and writer.thread.ident is None:  # not started yet
            writer.thread.start()
            writer.thread.join(timeout=2)  # PostgreSQL: it commits now; SQLite: it waits for the backup's lock
        return reading(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "iterator", read)
    yield writer
    writer.finished()


def entries_and_their_resources():
    return {p.pk: (p.title, sorted(r.title for r in p.resources.all())) for p in Practice.objects.all()}


def test_a_backup_taken_while_a_lead_saves_restores_every_entry_with_its_resources(
    portal, saved_during_the_backup, tmp_path, settings
):
    before = entries_and_their_resources()
    call_command("backup", str(tmp_path / "portal.zip"), stdout=None)
    assert saved_during_the_backup.finished() and Practice.objects.count() == len(before) + 1

    call_command("flush", interactive=False, verbosity=0)
    load_migrated_data()
    shutil.rmtree(settings.MEDIA_ROOT)
    call_command("restore", str(tmp_path / "portal.zip"), stdout=None)

    assert entries_and_their_resources() == before  # the portal as it was when the backup began
    assert not Resource.objects.filter(practice=None).exists()
    assert all(resource.file.open("rb").read() == PDF_BYTES for resource in Resource.objects.exclude(file=""))


def test_the_manifest_counts_what_the_backup_holds_even_while_a_lead_saves(portal, saved_during_the_backup, tmp_path):
    call_command("backup", str(tmp_path / "portal.zip"), stdout=None)
    with zipfile.ZipFile(tmp_path / "portal.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        dumped = [item["model"] for item in json.loads(archive.read("data.json"))]
        files = [name for name in archive.namelist() if name.startswith("media/")]
    assert manifest["entries"] == dumped.count("submissions.practice") == 3
    assert manifest["files"] == len(files) == 1
    assert manifest["rows"] == {label: dumped.count(label) for label in manifest["rows"]}
    assert sum(manifest["rows"].values()) == len(dumped)


def test_a_file_deleted_before_the_backup_copied_it_is_named_in_the_manifest_and_the_rest_restores(
    portal, tmp_path, settings
):
    """Its resource was removed after the backup's moment (the file goes when the change commits)."""
    [name] = set(Resource.objects.exclude(file="").values_list("file", flat=True))  # the entry's and its revision's
    default_storage.delete(name)
    call_command("backup", str(tmp_path / "portal.zip"), stdout=None)
    with zipfile.ZipFile(tmp_path / "portal.zip") as archive:
        assert json.loads(archive.read("manifest.json"))["files_gone"] == [name]

    call_command("flush", interactive=False, verbosity=0)
    load_migrated_data()
    call_command("restore", str(tmp_path / "portal.zip"), stdout=None)
    assert Practice.objects.count() == 3
    assert set(Resource.objects.values_list("file", flat=True)) == {name}
    assert not default_storage.exists(name)


def test_a_backup_is_never_restored_over_a_portal_in_use(portal, tmp_path):
    call_command("backup", str(tmp_path / "portal.zip"), stdout=None)
    with pytest.raises(CommandError, match="restore only into a new, empty database"):
        call_command("restore", str(tmp_path / "portal.zip"), stdout=None)


def test_a_restore_erases_again_everyone_erased_after_the_backup_was_made(reference_data, tmp_path, capsys):
    lead, moderator = factories.lead("Hackney", email=EMAIL, first_name="Dionne"), factories.moderator()
    kept = factories.lead("Hackney", email="kept@example.org")
    published_entry_naming(lead, moderator)
    call_command("backup", str(tmp_path / "portal.zip"), stdout=None)
    erasure.erase_person(term=NAME, by=None, at_council=True)  # after the backup: it is in the erasure log
    assert tables_holding(NEEDLES) == set()

    call_command("flush", interactive=False, verbosity=0)
    load_migrated_data()
    call_command("restore", str(tmp_path / "portal.zip"))

    assert "Erased again 1 person erased since the backup was made." in capsys.readouterr().out
    assert tables_holding(NEEDLES) == set()
    assert [c.name for c in Contact.objects.all()] == ["a former contact at Hackney"]
    assert list(User.objects.filter(email=EMAIL)) == [] and User.objects.filter(email=kept.email).exists()
    assert engine.run("employers").total == 1


def test_an_erasure_made_before_the_backup_is_not_applied_again(reference_data, tmp_path):
    factories.lead("Hackney", email="gone@example.org")
    erasure.erase_person(term="gone@example.org", by=None)
    factories.PracticeFactory()
    call_command("backup", str(tmp_path / "portal.zip"), stdout=None)
    call_command("flush", interactive=False, verbosity=0)
    load_migrated_data()
    call_command("restore", str(tmp_path / "portal.zip"), stdout=None)
    assert Erasure.objects.count() == 1  # the one restored from the backup; nothing was erased again


def test_a_backup_made_before_the_split_into_apps_restores_after_it(reference_data, settings):
    """tests/fixtures/backup-before-apps.zip was made by `manage.py backup` at commit bc8e1b0, when every
    model was the submissions app's, from the demo data with a row in every model and a stored file."""
    call_command("flush", interactive=False, verbosity=0)
    load_migrated_data()

    call_command("restore", str(FIXTURES / "backup-before-apps.zip"), stdout=None)

    counts = {model._meta.label: model.objects.count() for model in BEFORE_THE_SPLIT}
    assert counts == {
        "accounts.Membership": 2,
        "accounts.DeletionRequest": 1,
        "calls.Call": 1,
        "calls.CallReminder": 1,
        "outbox.OutgoingEmail": 3,
        "privacy.Erasure": 1,
        "privacy.InactivityWarning": 1,
        "publishing.ApiToken": 1,
        "publishing.DigestSubscription": 1,
        "submissions.Practice": 3,
        "submissions.Contact": 4,
        "submissions.Resource": 3,
        "submissions.ThemeSuggestion": 1,
    }
    assert DigestSubscription.objects.get().themes.count() == 1
    assert Call.objects.get().local_authorities.exists()
    report = Resource.objects.get(title="Report before the move")
    assert report.file.open("rb").read().startswith(b"%PDF-1.4")
    assert "Reflective Race and Identity Circles" in [hit.title for hit in engine.run("identity circles").hits]


def test_a_backup_kept_on_local_disk_is_readable_by_its_owner_only(portal, settings, capsys):
    call_command("backup", "portal-2026-12-01.zip", in_storage=True)
    assert "Backed up 3 entries and 1 file to portal-2026-12-01.zip." in capsys.readouterr().out
    kept = Path(settings.STORAGES["backups"]["OPTIONS"]["location"])
    assert (kept / "portal-2026-12-01.zip").stat().st_mode & 0o777 == 0o600
    assert kept.stat().st_mode & 0o777 == 0o700


def test_the_erasure_log_on_local_disk_is_readable_by_its_owner_only(reference_data, settings):
    factories.lead("Hackney", email="gone@example.org")
    erasure.erase_person(term="gone@example.org", by=None)
    [logged] = (Path(settings.STORAGES["backups"]["OPTIONS"]["location"]) / "erasures").iterdir()
    assert logged.stat().st_mode & 0o777 == 0o600
