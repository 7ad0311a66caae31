"""Backups kept in the "backups" storage (a folder, or a bucket under backups/), not on one server's disk."""

import tempfile

from django.core.files import File
from django.core.files.storage import storages

from operations.backup import backup, restore


def backup_to_storage(name):
    """Back up to a temporary file, then store it as `name`; returns the manifest and the stored name."""
    with tempfile.NamedTemporaryFile(suffix=".zip") as local:
        manifest = backup(local.name)
        with open(local.name, "rb") as written:
            stored = storages["backups"].save(name, File(written))
    return manifest, stored


def restore_from_storage(name):
    with tempfile.NamedTemporaryFile(suffix=".zip") as local:
        with storages["backups"].open(name, "rb") as stored:
            for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                local.write(chunk)
        local.flush()
        return restore(local.name)
