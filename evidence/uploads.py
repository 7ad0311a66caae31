"""Files uploaded for a preview, kept only until the analyst loads or cancels (or a day, for the clean-up job)."""

from datetime import timedelta

from django.core.files.storage import default_storage

PENDING = "evidence-uploads/"
KEEP = timedelta(days=1)  # a preview's token lasts an hour: a day is well past any that could still be confirmed


def discard(name):
    """Remove a pending upload (a name from a signed token, so always under PENDING)."""
    if name.startswith(PENDING) and default_storage.exists(name):
        default_storage.delete(name)


def stale(now):
    """Pending uploads older than KEEP: previews never confirmed nor cancelled."""
    try:  # object storage has no folders to ask about: list the prefix, which may be empty
        _, files = default_storage.listdir(PENDING.rstrip("/"))
    except FileNotFoundError:
        return []
    names = (f"{PENDING}{file}" for file in files)
    return [name for name in names if default_storage.get_modified_time(name) < now - KEEP]
