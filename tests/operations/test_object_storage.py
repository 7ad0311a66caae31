"""Uploads and backups on S3-compatible object storage (PORTAL_STORAGE=s3), against moto's server on loopback."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from privacy.retention import orphan_uploads
from submissions.models import Practice, Resource
from tests.conftest import PDF_BYTES
from tests.factories import PracticeFactory
from tests.operations.buckets import client, keys
from tests.submissions.test_proforma import proforma_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_with_draft(client, lead_a, bucket, django_capture_on_commit_callbacks):
    client.force_login(lead_a)
    upload = SimpleUploadedFile("evaluation.pdf", PDF_BYTES, content_type="application/pdf")
    data = proforma_data(
        local_authority=str(lead_a.memberships.get().local_authority_id),
        **{"resources-0-title": "Evaluation", "resources-0-file": upload},
    )
    assert client.post(reverse("practice_create"), data).status_code == 302
    return client


def test_an_upload_is_kept_in_the_bucket_not_on_disk(lead_with_draft, bucket, s3_endpoint, settings):
    stored = Resource.objects.get().file.name
    assert keys(s3_endpoint, bucket["PORTAL_S3_BUCKET"]) == [stored]
    assert not (settings.MEDIA_ROOT / stored).exists()


def test_a_file_in_the_bucket_is_downloaded_through_the_permission_check(lead_with_draft, client):
    url = reverse("resource_download", args=[Resource.objects.get().pk])
    download = lead_with_draft.get(url)
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"
    assert download.status_code == 200  # streamed by the portal, not a redirect to the bucket
    lead_with_draft.logout()
    assert client.get(url).status_code == 404  # a draft's file, to someone signed out


def test_deleting_a_draft_deletes_its_object(lead_with_draft, bucket, s3_endpoint, django_capture_on_commit_callbacks):
    practice = Practice.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        lead_with_draft.post(reverse("practice_delete", args=[practice.pk]))
    assert keys(s3_endpoint, bucket["PORTAL_S3_BUCKET"]) == []


def test_orphan_clean_up_removes_only_objects_no_entry_uses(lead_with_draft, bucket, s3_endpoint):
    name = bucket["PORTAL_S3_BUCKET"]
    client(s3_endpoint).put_object(Bucket=name, Key="resources/never-saved.pdf", Body=PDF_BYTES)
    kept = Resource.objects.get().file.name
    outcome = orphan_uploads(timezone.now() + timedelta(days=3), dry_run=False)
    assert outcome.count == 1
    assert keys(s3_endpoint, name) == [kept]


def test_a_backup_kept_in_the_bucket_restores_entries_and_files(bucket, s3_endpoint, capsys):
    from tests.conftest import attach_pdf

    practice = PracticeFactory(title="Reflective circles", status=Practice.Status.PUBLISHED)
    stored = attach_pdf(practice).file.name
    call_command("backup", "portal-2026-12-01.zip", in_storage=True)
    assert "backups/portal-2026-12-01.zip" in keys(s3_endpoint, bucket["PORTAL_S3_BUCKET"])

    Practice.objects.all().delete()  # the disaster: entries and files gone
    client(s3_endpoint).delete_object(Bucket=bucket["PORTAL_S3_BUCKET"], Key=stored)
    call_command("restore", "portal-2026-12-01.zip", in_storage=True)

    assert Practice.objects.get().title == "Reflective circles"
    assert stored in keys(s3_endpoint, bucket["PORTAL_S3_BUCKET"])
    assert "Restored 1 entry and 1 file" in capsys.readouterr().out


def test_readyz_writes_to_the_bucket(client, bucket):
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"
