"""
Backing up and restoring everything the portal holds: the database's content (as Django
fixtures with natural keys, so it loads into any freshly migrated database: operations/portable.py)
and the uploaded files, in one zip. The database is read as it was at one moment, however many
people save meanwhile (docs/decisions/0012). Derived data (the search index) is left out and
rebuilt on restore. People erased after a backup was made are erased again when it is restored
(erasure.reapply).
"""

import io
import json
import zipfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from accounts import audit
from operations import portable
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


# Files copied at once: object storage takes a few milliseconds to answer each, which a thread waits out.
COPYING = 8


class RestoreError(Exception):
    pass


def counted(manifest):
    """ "3 entries and 1 file", for the commands' output."""
    entries, files = manifest["entries"], manifest["files"]
    return f"{entries} entr{pluralize(entries, 'y,ies')} and {files} file{pluralize(files)}"


@contextmanager
def one_moment():
    """A transaction that reads the whole database as it was when it began, while people go on saving.
    PostgreSQL: repeatable read and read only, as pg_dump reads; SQLite: the portal's transactions take
    the write lock as they begin (settings.DATABASES), so a save waits for the dump to end."""
    nested = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not nested:  # within a transaction already (a test's), its own
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def backup(path):
    """Write the whole portal to a zip at `path`; returns what it holds, as counts. The rows, their counts
    and the list of files are read in one moment; the files are copied after it (a stored file never
    changes, and one deleted since is noted in the manifest, not copied)."""
    made_at = timezone.now()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with one_moment():
            with archive.open("data.json", "w", force_zip64=True) as raw, io.TextIOWrapper(raw, "utf-8") as out:
                rows = portable.dump(out, EXCLUDED)
            files = sorted(files_in_use())
        gone = []
        with ThreadPoolExecutor(COPYING) as pool:
            for batch in portable.batched(files, COPYING * 8):
                for name, content in zip(batch, pool.map(stored_file, batch), strict=True):
                    if content is None:
                        gone.append(name)
                    else:
                        archive.writestr(f"media/{name}", content)
        manifest = {
            "made_at": made_at.isoformat(),
            "entries": rows[Practice._meta.label_lower],
            "files": len(files) - len(gone),
            "files_gone": gone,
            "rows": rows,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return manifest


def stored_file(name):
    """The file's content, or None if it was deleted since the backup's moment."""
    try:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def store_file(name, content):
    """Under its own name, replacing a file of that name."""
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(content))


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
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        objects = with_current_labels(json.loads(archive.read("data.json")))
        in_zip = set(archive.namelist())
        try:
            with transaction.atomic(), audit.paused():
                portable.load(objects)
                # Only the files the restored resources name, under their own names (never a path from the zip);
                # a file deleted between the backup's moment and its copy stays missing, as it was.
                names = [name for name in sorted(files_in_use()) if f"media/{name}" in in_zip]
                with ThreadPoolExecutor(COPYING) as pool:
                    for batch in portable.batched(names, COPYING * 8):
                        list(pool.map(store_file, batch, [archive.read(f"media/{name}") for name in batch]))
                engine.rebuild()
        except IntegrityError as broken:
            raise RestoreError(
                f"This backup's rows do not fit together, so nothing was restored ({broken})."
            ) from broken
    manifest["erasures_reapplied"] = erasure.reapply(since=manifest["made_at"])
    return manifest
