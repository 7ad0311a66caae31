"""
Every write with consequences: saving, submitting and withdrawing a proforma,
the moderators' decisions, revisions of published entries and imports.
Each checks the change is allowed against the database as it is now, records it
in the audit trail and commits as one transaction; emails go after the commit.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from reference.models import Theme
from submissions import notifications, signals, uploads
from submissions.models import (
    IMPORTED_FROM,
    TEXT_LIMITS,
    Contact,
    Event,
    Practice,
    Resource,
    Snapshot,
    ThemeSuggestion,
)
from submissions.pieces import joined, pieces_of
from submissions.revisions import content_of
from submissions.texts import is_vague_title, repeats_description, suggested_title, summary_from

STALE_PAGE = "Someone else has changed this entry since you opened the page. Check it as it is now and try again."


class TransitionNotAllowed(Exception):
    """The entry is not in a state from which this change can be made."""


class StaleEntry(TransitionNotAllowed):
    """The entry has changed since the page making this change was loaded."""

    def __init__(self, message, current_version):
        super().__init__(message)
        self.current_version = current_version


def _locked(practice, seen_version=None):
    """The entry as it is in the database now, locked until the transaction ends."""
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    if seen_version is not None and current.version != seen_version:
        raise StaleEntry(STALE_PAGE, current.version)
    return current


def save_proforma(*, proforma, by, seen_version=None, round_trip=False):
    """
    Save a lead's proforma (new, a draft, or changes to a published entry) without submitting it.
    If the entry has changed since the lead's page was loaded (seen_version), nothing is saved.
    A round trip (a button that adds a contact or resource row) saves without an "Edited" event:
    the history records what the lead did, not each button.
    All or nothing: if any part fails (a full disk, the database), no row is left half made
    and the files this save stored are deleted again.
    """
    try:
        return _save_proforma(proforma, by, seen_version, round_trip)
    except BaseException:
        uploads.discard_stored(proforma.stored_files())
        raise


@transaction.atomic
def _save_proforma(proforma, by, seen_version, round_trip):
    instance = proforma.form.instance
    is_new = instance.pk is None
    if is_new:
        instance.created_by = by
    else:
        current = _locked(instance, seen_version)
        if not current.is_editable:
            raise TransitionNotAllowed(f"This entry is {current.get_status_display().lower()} and cannot be changed.")
        instance.version = current.version + 1
    practice = proforma.save()
    if is_new or not round_trip:
        Event.objects.create(
            practice=practice,
            actor=by,
            action=Event.Action.CREATED if is_new else Event.Action.EDITED,
            to_status=practice.status,
        )
    if suggestion := proforma.form.cleaned_data.get("suggested_theme"):
        ThemeSuggestion.objects.update_or_create(
            practice=practice,
            status=ThemeSuggestion.Status.PENDING,
            defaults={"name": suggestion, "suggested_by": by},
        )
    _delete_unused_files_on_commit(proforma.discarded_files())
    return practice


def _delete_unused_files_on_commit(names):
    def delete():
        still_used = set(Resource.objects.filter(file__in=names).values_list("file", flat=True))
        uploads.discard_stored(set(names) - still_used)

    if names:
        transaction.on_commit(delete)


def _change_status(practice, *, by, allowed, to, action, comment="", seen_version=None, **fields):
    """Move the entry to a new status if it is still in one of the allowed ones; record who and why."""
    current = _locked(practice, seen_version)
    # The status and version are part of the update's condition too, for databases that do not lock rows.
    changed = current.status in allowed and Practice.objects.filter(
        pk=practice.pk, status=current.status, version=current.version
    ).update(status=to, version=F("version") + 1, updated_at=timezone.now(), **fields)
    if not changed:
        raise TransitionNotAllowed(
            f"This entry is {current.get_status_display().lower()}, so it cannot be {action.label.lower()}."
        )
    practice.refresh_from_db()
    event = Event.objects.create(
        practice=practice, actor=by, action=action, from_status=current.status, to_status=to, comment=comment
    )
    return practice, event


@transaction.atomic
def submit_practice(*, practice, by, message=""):
    """Send a complete draft, or an entry returned for changes, to the moderators, with the lead's message if any."""
    missing = practice.missing_answers()
    if missing:
        raise TransitionNotAllowed("Answer every question before you submit: " + "; ".join(m for _, m in missing))
    practice, _ = _change_status(
        practice,
        by=by,
        allowed=Practice.EDITABLE_STATUSES,
        to=Practice.Status.SUBMITTED,
        action=Event.Action.SUBMITTED,
        comment=message.strip(),
        submitted_at=timezone.now(),
    )
    Snapshot.objects.create(
        practice=practice, kind=Snapshot.Kind.SUBMITTED, content=content_of(practice), created_by=by
    )
    notifications.submission_received(practice, by, message.strip())
    return practice


@transaction.atomic
def withdraw_practice(*, practice, by, reason=""):
    """Take an entry, or changes to a published one, out of the process before publication."""
    practice, _ = _change_status(
        practice,
        by=by,
        allowed=Practice.WITHDRAWABLE_STATUSES,
        to=Practice.Status.WITHDRAWN,
        action=Event.Action.WITHDRAWN,
        comment=reason,
    )
    return practice


@transaction.atomic
def delete_draft(*, practice, by):
    """Delete a draft that was never submitted, with its contacts, resources and their files."""
    current = _locked(practice)
    if not current.can_be_deleted:
        raise TransitionNotAllowed(
            f"This entry is {current.get_status_display().lower()}, so it cannot be deleted. You can withdraw it."
        )
    files = list(current.resources.exclude(file="").values_list("file", flat=True))
    current.delete()
    _delete_unused_files_on_commit(files)


@transaction.atomic
def publish_practice(*, practice, by, seen_version, note="", theme_decisions=()):
    """Publish a submitted entry; for changes to a published entry, they replace the live version.
    theme_decisions: (suggestion, existing theme or None to add it as new) for the lead's suggested themes."""
    practice, event = _change_status(
        practice,
        by=by,
        allowed={Practice.Status.SUBMITTED},
        to=Practice.Status.PUBLISHED,
        action=Event.Action.PUBLISHED,
        comment=note,
        seen_version=seen_version,
        published_at=Coalesce(F("published_at"), timezone.now()),
    )
    for suggestion, theme in theme_decisions:
        decide_theme_suggestion(suggestion=suggestion, by=by, theme=theme)
    if practice.revision_of_id:
        practice = _replace_live_with_revision(practice)
    signals.practice_published.send(sender=Practice, practice=practice)
    Snapshot.objects.create(
        practice=practice, kind=Snapshot.Kind.PUBLISHED, content=content_of(practice), created_by=by
    )
    notifications.decision_made(practice, event)
    return practice


# What a revision copies from its published entry, and gives back once approved.
COPIED_FIELDS = ("local_authority", "call", "title", "summary", "description", "impact")
RESOURCE_FIELDS = ("title", "url", "file", "original_filename", "content_type", "size")  # a resource's copy


def _replace_live_with_revision(revision):
    """Copy an approved revision onto its published entry, move its history across, and remove it."""
    live = _locked(revision.revision_of)
    for field in COPIED_FIELDS:
        setattr(live, field, getattr(revision, field))
    live.version += 1
    live.save()
    live.categories.set(revision.categories.all())
    live.themes.set(revision.themes.all())
    replaced_files = list(live.resources.exclude(file="").values_list("file", flat=True))
    live.contacts.all().delete()
    live.resources.all().delete()
    for related in (Contact, Resource, Event, Snapshot, ThemeSuggestion):
        related.objects.filter(practice=revision).update(practice=live)
    revision.delete()
    _delete_unused_files_on_commit(replaced_files)
    return live


def _decide(practice, *, by, seen_version, to, action, comment, allowed=frozenset({Practice.Status.SUBMITTED})):
    """A moderator's decision: change the status, record why, and tell the entry's leads."""
    practice, event = _change_status(
        practice, by=by, allowed=allowed, to=to, action=action, comment=comment, seen_version=seen_version
    )
    notifications.decision_made(practice, event)
    return practice


@transaction.atomic
def request_changes(*, practice, by, seen_version, comment):
    """Return a submitted entry to its lead, saying what must change."""
    return _decide(
        practice,
        by=by,
        seen_version=seen_version,
        to=Practice.Status.CHANGES_REQUESTED,
        action=Event.Action.CHANGES_REQUESTED,
        comment=comment,
    )


@transaction.atomic
def reject_practice(*, practice, by, seen_version, reason):
    """Decide not to publish a submitted entry (or submitted changes, leaving the live version as it is)."""
    return _decide(
        practice,
        by=by,
        seen_version=seen_version,
        to=Practice.Status.REJECTED,
        action=Event.Action.REJECTED,
        comment=reason,
    )


@transaction.atomic
def unpublish_practice(*, practice, by, seen_version, reason):
    """Take a published entry off the portal; changes in progress to it are withdrawn too."""
    if practice.revision_of_id:
        raise TransitionNotAllowed("Only a published entry can be unpublished.")
    practice = _decide(
        practice,
        by=by,
        seen_version=seen_version,
        allowed={Practice.Status.PUBLISHED},
        to=Practice.Status.WITHDRAWN,
        action=Event.Action.UNPUBLISHED,
        comment=reason,
    )
    practice.revisions.filter(status__in=Practice.OPEN_REVISION_STATUSES).update(
        status=Practice.Status.WITHDRAWN, version=F("version") + 1
    )
    signals.practice_unpublished.send(sender=Practice, practice=practice)
    return practice


@transaction.atomic
def start_revision(*, practice, by):
    """A working copy of a published entry for its lead to change; the live version stays as it is."""
    live = _locked(practice)
    if live.status != Practice.Status.PUBLISHED or live.revision_of_id:
        raise TransitionNotAllowed("Only a published entry can be changed this way.")
    if revision := live.open_revision:
        return revision
    revision = Practice.objects.create(
        revision_of=live,
        created_by=by,
        **{field: getattr(live, field) for field in COPIED_FIELDS},
    )
    revision.categories.set(live.categories.all())
    revision.themes.set(live.themes.all())
    Contact.objects.bulk_create(
        Contact(practice=revision, name=c.name, role=c.role, email=c.email, phone=c.phone) for c in live.contacts.all()
    )
    # The copies share the stored files; a file is deleted only once no resource uses it.
    Resource.objects.bulk_create(
        Resource(practice=revision, **{f: getattr(r, f) for f in RESOURCE_FIELDS}) for r in live.resources.all()
    )
    Event.objects.create(practice=revision, actor=by, action=Event.Action.REVISION_STARTED, to_status=revision.status)
    return revision


@dataclass
class Part:
    """One new entry of a split return: its name, its themes, and what of the return goes to it."""

    title: str
    themes: list
    pieces: list  # pieces.Piece of the return's description
    resources: list = ()
    contacts: list = ()
    impact: bool = False  # the return's impact goes to it too


@transaction.atomic
def split_practice(*, practice, by, seen_version, parts, kept_title=""):
    """
    Split a return describing several pieces of work into separate entries of the same LA, each linked to it
    (split_from), and record it on each. New entries are submitted if the return was (a moderator's split: each is
    then reviewed as any entry), drafts otherwise. The return keeps the paragraphs, resources and contacts not
    moved, under kept_title; if every paragraph moved it is withdrawn, as it was, for the record.
    """
    current = _locked(practice, seen_version)
    if not Practice.objects.splittable_by(by).filter(pk=current.pk).exists():
        raise TransitionNotAllowed(f"This entry is {current.get_status_display().lower()}, so it cannot be split.")
    submitted = current.status == Practice.Status.SUBMITTED
    now = timezone.now()
    entries = [_entry_from(current, part, by, now if submitted else None) for part in parts]
    names = "; ".join(f"‘{entry.title}’" for entry in entries)
    moved = {piece.number for part in parts for piece in part.pieces}
    kept = [piece for piece in pieces_of(current.description) if piece.number not in moved]
    from_status = current.status
    if kept:
        if repeats_description(current.summary, current.description):
            current.summary = summary_from(joined(kept), TEXT_LIMITS["summary"])
        current.description = joined(kept)
        current.title = kept_title or current.title
        current.resources.filter(pk__in=[r.pk for part in parts for r in part.resources]).delete()
        current.contacts.filter(pk__in=[c.pk for part in parts for c in part.contacts]).delete()
        comment = f"Split into {names}. This entry keeps the rest."
    else:
        current.status = Practice.Status.WITHDRAWN
        comment = f"Split into {names}. Everything moved to them, so this return is withdrawn, as it was."
    current.version += 1
    current.save()
    Event.objects.create(
        practice=current,
        actor=by,
        action=Event.Action.SPLIT,
        from_status=from_status,
        to_status=current.status,
        comment=comment,
    )
    return entries


def _entry_from(original, part, by, submitted_at):
    description = joined(part.pieces)
    entry = Practice.objects.create(
        local_authority=original.local_authority,
        call=original.call,
        split_from=original,
        title=part.title,
        summary=summary_from(description, TEXT_LIMITS["summary"]),
        description=description,
        impact=original.impact if part.impact else "",
        status=Practice.Status.SUBMITTED if submitted_at else Practice.Status.DRAFT,
        submitted_at=submitted_at,
        created_by=by,
    )
    entry.categories.set(original.categories.all())
    entry.themes.set(part.themes)
    Contact.objects.bulk_create(
        Contact(practice=entry, name=c.name, role=c.role, email=c.email, phone=c.phone) for c in part.contacts
    )
    # Copies share the stored files, as revisions' do: a file is deleted only once no resource uses it.
    Resource.objects.bulk_create(
        Resource(practice=entry, **{f: getattr(r, f) for f in RESOURCE_FIELDS}) for r in part.resources
    )
    Event.objects.create(
        practice=entry,
        actor=by,
        action=Event.Action.SPLIT,
        to_status=entry.status,
        comment=f"Split from ‘{original.title}’.",
    )
    if submitted_at:
        Snapshot.objects.create(practice=entry, kind=Snapshot.Kind.SUBMITTED, content=content_of(entry), created_by=by)
    return entry


@transaction.atomic
def decide_theme_suggestion(*, suggestion, by, theme=None):
    """Add a lead's suggested theme to the list, or match it to an existing theme (`theme`)."""
    suggestion = ThemeSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != ThemeSuggestion.Status.PENDING:
        raise TransitionNotAllowed("This suggestion has already been decided.")
    if theme is None:
        theme = Theme.objects.filter(name__iexact=suggestion.name).first() or Theme.objects.create(
            name=suggestion.name, slug=_unique_theme_slug(suggestion.name)
        )
        suggestion.status = ThemeSuggestion.Status.ACCEPTED
        comment = f"Suggested theme ‘{suggestion.name}’ added to the list."
    else:
        suggestion.status = ThemeSuggestion.Status.MAPPED
        comment = f"Suggested theme ‘{suggestion.name}’ matched to ‘{theme.name}’."
    suggestion.theme, suggestion.decided_by = theme, by
    suggestion.save()
    suggestion.practice.themes.add(theme)
    Event.objects.create(practice=suggestion.practice, actor=by, action=Event.Action.THEME_DECIDED, comment=comment)
    return theme


def _unique_theme_slug(name):
    base = slugify(name)[:40] or "theme"
    slug, number = base, 2
    while Theme.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def title_of(parsed):
    """An imported entry's title: the return's own, or for one that names no work ('Various') or gives no title, a
    name from its description; only a return with neither is named for its authority."""
    if parsed.title and not is_vague_title(parsed.title):
        return parsed.title
    return (
        suggested_title(parsed.description, parsed.local_authority)
        or parsed.title
        or f"Practice from {parsed.local_authority.name}"
    )


@transaction.atomic
def import_proforma(*, parsed, fingerprint, source, by=None, publish=False):
    """
    A draft (or, for the alliance's back catalogue, a published entry) from a parsed proforma.
    The same file imported again returns the entry it made the first time, and None is returned
    with nothing saved when the proforma names no local authority we know or has an answer longer
    than the proforma takes (nothing is cut: parsed.overlong says what to shorten).
    """
    if existing := Practice.objects.filter(source_fingerprint=fingerprint).first():
        return existing, False
    if parsed.local_authority is None or parsed.overlong:
        return None, False
    now = timezone.now()
    practice = Practice.objects.create(
        local_authority=parsed.local_authority,
        title=title_of(parsed),
        summary=parsed.summary,
        description=parsed.description,
        impact=parsed.impact,
        created_by=by,
        source_fingerprint=fingerprint,
        status=Practice.Status.PUBLISHED if publish else Practice.Status.DRAFT,
        submitted_at=now if publish else None,
        published_at=now if publish else None,
    )
    practice.categories.set(parsed.categories)
    Contact.objects.bulk_create(Contact(practice=practice, **contact) for contact in parsed.contacts)
    Resource.objects.bulk_create(
        Resource(practice=practice, title=link["title"], url=link["url"]) for link in parsed.links
    )
    Event.objects.create(
        practice=practice,
        actor=by,
        action=Event.Action.PUBLISHED if publish else Event.Action.CREATED,
        to_status=practice.status,
        comment=f"{IMPORTED_FROM}{source}",
    )
    if publish:
        signals.practice_published.send(sender=Practice, practice=practice)
        Snapshot.objects.create(
            practice=practice, kind=Snapshot.Kind.PUBLISHED, content=content_of(practice), created_by=by
        )
    return practice, True
