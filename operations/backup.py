"""
Backing up and restoring everything the portal holds: the database's content (as Django
fixtures with natural keys, so it loads into any freshly migrated database) and the uploaded
files, in one zip. Derived data (the search index) is left out and rebuilt on restore.
People erased after a backup was made are erased again when it is restored (erasure.reapply).
"""

import io
import json
import tempfile
import zipfile

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from accounts import audit
from privacy import erasure
from privacy.retention import files_in_use
from search import engine
from submissions.models import Practice

# Derived or per-installation tables: rebuilt, or made by the migrations, on the other side.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "search.searchentry",
    "search.searchword",
    "reference.searchstate",
]


class RestoreError(Exception):
    pass


def counted(manifest):
    """ "3 entries and 1 file", for the commands' output."""
    entries, files = manifest["entries"], manifest["files"]
    return f"{entries} entr{pluralize(entries, 'y,ies')} and {files} file{pluralize(files)}"


def backup(path):
    """Write the whole portal to a zip at `path`; returns what it holds, as counts."""
    data = io.StringIO()
    call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED, indent=None, stdout=data)
    files = sorted(files_in_use())
    manifest = {
        "made_at": timezone.now().isoformat(),
        "entries": Practice.objects.count(),
        "files": len(files),
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", data.getvalue())
        for name in files:
            with default_storage.open(name, "rb") as stored:
                archive.writestr(f"media/{name}", stored.read())
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return manifest


def with_current_labels(objects):
    """A backup names each model by its app as it was then (everything was "submissions." before the
    split into one app per domain), in its rows and in the permissions granted on it; the table a
    label stands for says where that model lives now."""
    by_table = {model._meta.db_table: model._meta.label_lower for model in apps.get_models()}

    def current(label):
        try:
            apps.get_model(label)
        except LookupError:
            return by_table.get(label.replace(".", "_"), label)
        return label

    for item in objects:
        item["model"] = current(item["model"])
        for name in ("permissions", "user_permissions"):
            for permission in item["fields"].get(name, []):  # [codename, app label, model]
                permission[1:] = current(".".join(permission[1:])).split(".")
    return objects


def restore(path):
    """Load a backup into a freshly migrated, empty portal; returns the manifest it was made with."""
    if Practice.objects.exists():
        raise RestoreError("This portal already has entries: restore only into a new, empty database.")
    with zipfile.ZipFile(path) as archive, tempfile.NamedTemporaryFile(suffix=".json") as fixture:
        manifest = json.loads(archive.read("manifest.json"))
        fixture.write(json.dumps(with_current_labels(json.loads(archive.read("data.json")))).encode())
        fixture.flush()
        with transaction.atomic(), audit.paused():
            call_command("loaddata", fixture.name, verbosity=0)
            # Only the files the restored resources name, under their own names (never a path from the zip).
            for name in files_in_use():
                if default_storage.exists(name):
                    default_storage.delete(name)
                default_storage.save(name, ContentFile(archive.read(f"media/{name}")))
            engine.rebuild()
    manifest["erasures_reapplied"] = erasure.reapply(since=manifest["made_at"])
    return manifest
