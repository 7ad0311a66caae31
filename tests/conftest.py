import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from submissions import audit, reference
from submissions.models import LocalAuthority, Resource
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads go to a temporary folder, static files are served without a collectstatic
    manifest, passwords are hashed quickly, and nothing cached survives from another test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PORTAL_ERASURE_LOG = tmp_path / "erasures.jsonl"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()  # cached facet counts and page fragments belong to another test's database
    reference.forget_here()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def reference_data(transactional_db):
    """For tests in real transactions: each one's flush removes what the migrations loaded, so reload it."""
    if not LocalAuthority.objects.exists():
        load_migrated_data()


def load_migrated_data():
    """What the migrations put in a new database: the 33 LAs and other reference data, roles and permissions.
    (Run with the real models, not the migrations' historical ones, so the audit is paused as it would not see them.)"""
    ContentType.objects.clear_cache()  # a flush gives content types new ids
    reference = importlib.import_module("submissions.migrations.0002_reference_data")
    with audit.paused():
        reference.load_reference_data(apps, None)
        reference.create_groups(apps, None)
        for migration in (
            "0004_admins_manage_moderation_records",
            "0008_admins_correct_calls",
            "0010_api_tokens",
            "0012_admins_see_sign_ins",
            "0013_account_events",
            "0017_personal_data",
        ):
            importlib.import_module(f"submissions.migrations.{migration}").grant(apps, None)


@pytest.fixture
def lead_a(db):
    return factories.lead("Hackney", email="lead.a@example.org")


@pytest.fixture
def lead_b(db):
    return factories.lead("Redbridge", email="lead.b@example.org")


@pytest.fixture
def pdf_bytes():
    return PDF_BYTES


def attach_pdf(practice, title="Evaluation report"):
    """A stored PDF resource on the entry, as the proforma would leave it."""
    name = default_storage.save("resources/test.pdf", ContentFile(PDF_BYTES))
    return Resource.objects.create(
        practice=practice,
        title=title,
        file=name,
        original_filename="evaluation.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
