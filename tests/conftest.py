import io
import tempfile

import pytest
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from accounts import audit
from reference import cached, generation
from reference.models import LocalAuthority
from submissions.models import Resource
from tests import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def quick_settings(folder):
    """Uploads go to a temporary folder, static files are served without a collectstatic
    manifest, and passwords are hashed quickly."""
    return {
        "MEDIA_ROOT": folder / "media",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "STORAGES": {
            **django_settings.STORAGES,
            "backups": {
                **django_settings.STORAGES["backups"],
                "OPTIONS": {**django_settings.STORAGES["backups"]["OPTIONS"], "location": folder / "backups"},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Every test runs with quick_settings, and nothing cached survives from another test."""
    for name, value in quick_settings(tmp_path).items():
        setattr(settings, name, value)
    cache.clear()  # cached facet counts and page fragments belong to another test's database
    cached.forget_here()
    generation.forget_here()


MIGRATED = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the test database is migrated, note what its migrations loaded, for load_migrated_data."""
    with django_db_blocker.unblock():
        data = io.StringIO()
        exclude = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
        call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=exclude, stdout=data)
        MIGRATED["data"] = data.getvalue()


@pytest.fixture
def reference_data(transactional_db):
    """For tests in real transactions: each one's flush removes what the migrations loaded, so reload it."""
    if not LocalAuthority.objects.exists():
        load_migrated_data()


def load_migrated_data():
    """What the migrations put in a new database (the 33 LAs and other reference data, roles and
    their permissions), as django_db_setup noted it. Loaded with the audit paused, as the
    migrations' own historical models do not trigger it."""
    ContentType.objects.clear_cache()  # a flush gives content types new ids
    with tempfile.NamedTemporaryFile("w", suffix=".json") as fixture, audit.paused():
        fixture.write(MIGRATED["data"])
        fixture.flush()
        call_command("loaddata", fixture.name, verbosity=0)


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
