"""
Erasing a person: every place finding.py finds them is erased or replaced with a description
(‘a former contact’, or ‘a former contact at Hackney’ when the admin says they worked for the entry's council)
in one transaction, published versions stay readable with the
person taken out, the search index and cached pages follow at once, and an Erasure records that
it happened without keeping the data. The same erasure is re-applied after restoring a backup
older than it (operations/backup.py), from the Erasure rows and the erasure log kept beside the backups.
"""

import hashlib
import hmac
import json
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction

from accounts import audit
from accounts.rules import ERASE, refusals
from plans.models import Owner
from privacy.finding import (
    ACTION_TEXT,
    PRACTICE_TEXT,
    identify,
    is_their_contact,
    normalise,
    plan_versions_naming,
    querysets,
    sessions_naming,
    snapshots_naming,
)
from privacy.models import Erasure
from reference import generation
from search import engine
from submissions.models import Contact, Practice

FORMER_CONTACT = "a former contact"
DELETED_ACCOUNT = "a deleted account"


class ErasureRefused(Exception):
    pass


def fingerprint(identifier):
    """A hash that recognises an identifier again without keeping it. Keyed with the portal's secret, so
    that someone holding the log cannot confirm a guessed address (restore it with the same DJANGO_SECRET_KEY)."""
    key = f"sharing-practice-erasure:{settings.SECRET_KEY}".encode()
    return hmac.new(key, normalise(identifier).encode(), hashlib.sha256).hexdigest()


def former_contact(practice, replacement="", at_council=False):
    """What an entry shows instead of the person: the admin's description, else ‘a former contact’, naming the
    entry's council only when the admin said they worked for it (a police officer on Redbridge's entry is not
    ‘a former contact at Redbridge’)."""
    if replacement:
        return replacement
    return f"{FORMER_CONTACT} at {practice.local_authority.short_name}" if at_council else FORMER_CONTACT


def _scrub(text, pattern, replacement):
    return pattern.sub(replacement, text) if text else text


def _scrub_rows(queryset, fields, pattern, replacement):
    """Replace the person in these text fields of every row; returns how many rows changed."""
    changed = 0
    for row in queryset:
        for name in fields:
            setattr(row, name, _scrub(getattr(row, name), pattern, replacement(row)))
        row.save(update_fields=list(fields))
        changed += 1
    return changed


def _erase_from_content(content, person, pattern, replacement, remove):
    """A kept version's content with the person taken out of its contacts and its text."""
    contacts = []
    for contact in content.get("contacts", []):
        if not is_their_contact(contact, person.identifiers):
            contacts.append(contact)
        elif not remove:
            contacts.append({"name": replacement, "role": "", "email": "", "phone": ""})
    return _scrub_json({**content, "contacts": contacts}, pattern, replacement)


def _scrub_json(value, pattern, replacement):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_scrub_json(item, pattern, replacement) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_json(item, pattern, replacement) for key, item in value.items()}
    return value


@transaction.atomic
def erase_person(*, term, by, replacement="", remove=False, at_council=False, keep_log=True):
    """
    Erase everyone `term` (a name or email address) identifies, everywhere. Contacts are replaced
    by `replacement` (or ‘a former contact’, ‘… at <LA>’ if `at_council`), or taken off the entry if `remove`.
    Returns the Erasure recorded.
    """
    person = identify(term)
    if not person.identifiers:
        raise ErasureRefused("Enter a name or email address of at least 5 characters.")
    if by is not None and (refused := refusals(by, person.users, ERASE)):
        raise ErasureRefused(refused)
    pattern = person.pattern()
    changed_entries = set()
    records = 0
    with audit.paused():  # the account audit would otherwise write the person's name into new events
        for contact in Contact.objects.filter(pk__in=[c.pk for c in person.contacts]).select_related(
            "practice__local_authority"
        ):
            changed_entries.add(contact.practice_id)
            if remove:
                contact.delete()
            else:
                contact.name = former_contact(contact.practice, replacement, at_council)
                contact.role = contact.email = contact.phone = ""
                contact.save()
            records += 1
        for snapshot in snapshots_naming(person):
            snapshot.content = _erase_from_content(
                snapshot.content, person, pattern, former_contact(snapshot.practice, replacement, at_council), remove
            )
            snapshot.save(update_fields=["content"])
            records += 1
        for session in sessions_naming(person):
            session.delete()
            records += 1
        named = dict(querysets(person))
        records += _erase_accounts(person)
        emails = named["Emails in the outbox"]
        addressed = emails.filter(to__in=[i for i in person.identifiers if "@" in i])
        records += addressed.count()
        addressed.delete()
        records += _scrub_rows(emails, ["subject", "body"], pattern, lambda row: FORMER_CONTACT)
        practices = named["Entries whose text names them"].select_related("local_authority")
        changed_entries.update(practices.values_list("pk", flat=True))
        records += _scrub_rows(
            practices, PRACTICE_TEXT, pattern, lambda row: former_contact(row, replacement, at_council)
        )
        resources = named["Resources whose title or file name names them"].select_related("practice__local_authority")
        changed_entries.update(resources.values_list("practice_id", flat=True))
        records += _scrub_rows(resources, ["title", "original_filename"], pattern, lambda row: FORMER_CONTACT)
        records += _scrub_rows(named["Entries' audit trail comments"], ["comment"], pattern, lambda row: FORMER_CONTACT)
        records += _scrub_rows(named["Account audit trail"], ["description"], pattern, lambda row: DELETED_ACCOUNT)
        records += _scrub_rows(named["Calls for practice"], ["title", "message"], pattern, lambda row: FORMER_CONTACT)
        records += _scrub_rows(named["API keys"], ["name"], pattern, lambda row: DELETED_ACCOUNT)
        for label in ("Sign-in log", "Failed sign-ins", "Sign-in lockouts"):
            records += named[label].count()
            named[label].delete()
        records += _erase_from_plans(person, named, pattern, replacement or FORMER_CONTACT)
    if not records:
        raise ErasureRefused("Nothing was found for that name or email address, so nothing was erased.")
    for practice in Practice.objects.published().filter(pk__in=changed_entries):
        engine.index(practice)
    engine.purge()
    generation.bump()  # cached browse pages and counts are rebuilt
    erasure = Erasure.objects.create(
        fingerprints=sorted({fingerprint(i) for i in person.identifiers}),
        mode=Erasure.Mode.REMOVED if remove else Erasure.Mode.AT_COUNCIL if at_council else Erasure.Mode.REPLACED,
        replacement=replacement,
        records=records,
        by=by,
    )
    audit.record(f"A person's data was erased from {records} records (erasure {erasure.pk})")
    if keep_log:
        log(erasure)  # inside the transaction: if the log cannot be written, nothing is erased
    return erasure


def _erase_from_plans(person, named, pattern, replacement):
    """Plans keep the actions, updates and meetings: the person's name is replaced in their text, and what pointed
    at their account (owning an action, attending a meeting, roles and reminders) went with the account."""
    records = 0
    for version in plan_versions_naming(person):
        version.content = _scrub_json(version.content, pattern, replacement)
        version.save(update_fields=["content"])
        records += 1
    texts = {
        "Plan actions they own": ["name"],
        "Plan actions whose text names them": ACTION_TEXT,
        "Plan updates they recorded or that name them": ["text"],
        "Plan meetings they attended": ["other_attendees", "other_apologies"],
        "Plans whose text names them": ["title", "introduction"],
        "Plan areas whose text names them": ["title", "why"],
        "Plans' audit trail": ["description"],
    }
    for label, fields in texts.items():
        records += _scrub_rows(named[label], fields, pattern, lambda row: replacement)
    for contact in named["Plan contacts"]:  # their actions stay, owned by the replacement's words
        Owner.objects.filter(contact=contact).update(kind=Owner.Kind.NAMED, contact=None, name=replacement[:300])
        contact.delete()  # with the reminders sent to them
        records += 1
    return records


def _erase_accounts(person):
    """Delete the person's accounts, with their memberships, subscriptions, keys and requests."""
    users = User.objects.filter(pk__in=[u.pk for u in person.users])
    count = users.count()
    for user in users:
        user.delete()
    return count


LOG_FOLDER = "erasures"


def log(erasure):
    """Record the erasure outside the database, for restoring a backup (see operations/backup.py): one small
    object in the backups storage (a folder every server shares, or the bucket), so every server writes to
    the same log and a restore anywhere reads all of it."""
    name = f"{LOG_FOLDER}/{erasure.created_at:%Y%m%dT%H%M%S%f}-{erasure.pk}.json"
    storages["backups"].save(name, ContentFile(json.dumps(entry_of(erasure)).encode()))


def entry_of(erasure):
    return {
        "at": erasure.created_at.isoformat(),
        "fingerprints": erasure.fingerprints,
        "mode": erasure.mode,
        "replacement": erasure.replacement,
    }


def logged_erasures():
    backups = storages["backups"]
    try:
        names = backups.listdir(LOG_FOLDER)[1]
    except FileNotFoundError:  # a local folder with no erasure yet (a bucket lists nothing instead)
        return []
    entries = []
    for name in sorted(names):
        with backups.open(f"{LOG_FOLDER}/{name}") as logged:
            entries.append(json.loads(logged.read()))
    return entries


def reapply(since):
    """
    After restoring a backup made at `since`: erase again everyone erased after it, found by
    the fingerprints of the names and emails of the restored contacts and accounts.
    Returns how many erasures were applied.
    """
    applied = 0
    for entry in logged_erasures():
        if datetime.fromisoformat(entry["at"]) <= datetime.fromisoformat(since):
            continue
        wanted = set(entry["fingerprints"])
        for term in _restored_identifiers():
            if fingerprint(term) in wanted and identify(term).contacts + identify(term).users:
                erase_person(
                    term=term,
                    by=None,
                    replacement=entry["replacement"],
                    remove=entry["mode"] == Erasure.Mode.REMOVED,
                    at_council=entry["mode"] == Erasure.Mode.AT_COUNCIL,
                    keep_log=False,
                )
                applied += 1
    return applied


def _restored_identifiers():
    contacts = Contact.objects.values_list("email", "name")
    users = ((u.email, u.username, u.get_full_name()) for u in User.objects.all())
    return sorted({i for row in (*contacts, *users) for i in row if i})
