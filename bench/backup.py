"""
`make bench`, backing up and restoring, on the database in DATABASE_URL. Prints one table: for N entries as
the portal holds them (each with two contacts, a web link and a stored file, its submitted and published events
and snapshots, one in ten with changes in progress, and the search index), the time `manage.py backup` takes,
and the time `manage.py restore` takes into a fresh, migrated database of the same engine with its own uploads
folder (the restore drill of docs/deploy.md), each beside the other in one run; and that the restored portal
has every entry, contact, resource and file.

    python -m bench.backup --entries 2000,10000
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
from bench import data
from operations.backup import backup, restore
from search import engine
from submissions.models import Contact, Event, Practice, Resource, Snapshot

ROOT = Path(__file__).resolve().parents[1]
COUNTED = {"entries": Practice, "contacts": Contact, "resources": Resource, "events": Event, "snapshots": Snapshot}


def prepare(entries):
    """The source portal with `entries` published entries, complete and indexed."""
    call_command("migrate", verbosity=0)
    missing = max(0, entries - Practice.objects.published().count())
    if missing:
        data.load(missing, description_size=2000)
        data.complete()
        engine.rebuild()
    return {name: model.objects.count() for name, model in COUNTED.items()}


@contextmanager
def fresh_database(name):
    """A new, empty database on the same server (PostgreSQL) or beside the source's file (SQLite), as a URL;
    removed afterwards."""
    if connection.vendor == "sqlite":
        path = ROOT / "var" / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    yield urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE {name}")


def restored_elsewhere(zip_path, entries):
    """Migrate a fresh database, then time the restore in its own process, as the drill runs it."""
    with tempfile.TemporaryDirectory() as media, fresh_database(f"bench_restore_{entries}") as url:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_MEDIA_ROOT": media}
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        done = subprocess.run(
            [sys.executable, "-m", "bench.backup", "--restore", str(zip_path)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def restore_here(zip_path):
    """(In the fresh database's process) restore, and say how long it took and what the portal then holds."""
    start = time.perf_counter()
    restore(zip_path)
    seconds = time.perf_counter() - start
    held = {name: model.objects.count() for name, model in COUNTED.items()}
    files = sum(1 for r in Resource.objects.exclude(file="") if default_storage.exists(r.file.name))
    print(json.dumps({"seconds": seconds, "held": held, "files": files}))


def measure(entries, folder):
    held = prepare(entries)
    zip_path = Path(folder) / f"portal-{entries}.zip"
    start = time.perf_counter()
    manifest = backup(zip_path)
    backed_up = time.perf_counter() - start
    restored = restored_elsewhere(zip_path, entries)
    intact = restored["held"] == held and restored["files"] == manifest["files"] and not manifest.get("files_gone")
    return backed_up, restored["seconds"], zip_path.stat().st_size, held, intact


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", default="2000,10000", help="comma-separated entry counts, ascending")
    parser.add_argument("--media", default=ROOT / "var" / "bench-backup-media", help="the source's uploads folder")
    parser.add_argument("--restore", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.restore:
        return restore_here(options.restore)
    counts = [int(n) for n in options.entries.split(",")]
    print(f"\nBackup and restore on {connection.vendor} (seconds; a fresh, migrated database for each restore)")
    print(f"{'entries':>8} {'backup':>8} {'restore':>8} {'zip MB':>7}  rows  intact")
    with tempfile.TemporaryDirectory() as folder, override_settings(MEDIA_ROOT=Path(options.media)):
        for entries in counts:
            backed_up, restored, size, held, intact = measure(entries, folder)
            rows = ", ".join(f"{count} {name}" for name, count in held.items())
            print(
                f"{entries:>8} {backed_up:>8.1f} {restored:>8.1f} {size / 1e6:>7.1f}  {rows}  "
                f"{'yes' if intact else 'NO'}",
                flush=True,
            )
    return None


if __name__ == "__main__":
    sys.exit(main())
