"""
Finding a person: every place a name or email address is held, for erasure and subject access.
A person is known by what the admin types (a name or an email address) and by the other names,
emails and phone numbers of the contacts and accounts that match it exactly: a search for an
email address also finds text that names the person it belongs to.
"""

import json
import re
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db.models import CharField, Q, TextField, Value
from django.db.models.functions import Cast, Concat

from accounts.models import AccountEvent
from calls.models import Call
from outbox.models import OutgoingEmail
from plans.models import (
    Action,
    Area,
    BoroughCheck,
    ContactReminder,
    Meeting,
    Owner,
    Plan,
    PlanContact,
    PlanEvent,
    PlanVersion,
    Reminder,
    ReminderSetting,
    SubRegionRole,
    Update,
)
from publishing.models import ApiToken
from submissions.models import Contact, Event, Practice, Resource, Snapshot

MAX_TERM = 254  # the longest email address
PRACTICE_TEXT = ("title", "summary", "description", "impact")
ACTION_TEXT = ("what", "activity", "owners_text", "due_by_meeting", "blocked_reason")
SHORTEST_IDENTIFIER = 5  # shorter strings (a first name alone, a blank phone) would match too much


def normalise(text):
    return " ".join(text.split()).casefold()


@dataclass
class Place:
    """One kind of place the person appears in, with what was found there."""

    label: str
    found: list = field(default_factory=list)


@dataclass
class Person:
    term: str
    identifiers: list
    contacts: list
    users: list

    def pattern(self):
        """Matches any of the person's identifiers in text as a whole (not "example.org" inside someone else's
        address, nor "Ann Lee" inside "Joann Leeson"), ignoring case; the longest first."""
        identifiers = "|".join(re.escape(i) for i in self.identifiers)
        return re.compile(rf"(?<![\w.@+-])(?:{identifiers})(?![\w@-]|\.\w)", re.IGNORECASE)


def _text_match(fields, identifiers):
    """Any of the fields contains any of the identifiers (ignoring case)."""
    query = Q()
    for name in fields:
        for identifier in identifiers:
            query |= Q(**{f"{name}__icontains": identifier})
    return query


def _matching(identifiers):
    """Contacts and accounts whose name, email or username is exactly one of these (ignoring case)."""
    contacts, users = Q(pk__in=[]), Q(pk__in=[])
    for identifier in identifiers:
        contacts |= Q(email__iexact=identifier) | Q(name__iexact=identifier)
        users |= Q(email__iexact=identifier) | Q(username__iexact=identifier) | Q(full_name__iexact=identifier)
    return (
        list(Contact.objects.filter(contacts).select_related("practice").order_by("pk")),
        list(
            User.objects.annotate(full_name=Concat("first_name", Value(" "), "last_name")).filter(users).order_by("pk")
        ),
    )


def _identifiers(term, contacts, users):
    found = {term}
    for contact in contacts:
        found.update((contact.name, contact.email, contact.phone))
    for user in users:
        found.update((user.email, user.username, user.get_full_name()))
    return sorted({i.strip() for i in found if len(i.strip()) >= SHORTEST_IDENTIFIER}, key=lambda i: (-len(i), i))


def identify(term):
    """
    The person a name or email address stands for: the contacts and accounts that match it exactly,
    then those that match their other names and emails (a contact's email that is also an account's).
    The admin sees everything found before anything is erased.
    """
    term = " ".join(term.replace("\x00", "").split())[:MAX_TERM]
    first = _identifiers(term, *_matching([term])) if len(term) >= SHORTEST_IDENTIFIER else []
    contacts, users = _matching(first)
    return Person(
        term=term, identifiers=_identifiers(term, contacts, users) if first else [], contacts=contacts, users=users
    )


def is_their_contact(contact, identifiers):
    """A contact in a kept version's content (a dict) is the person's if its name or email is theirs."""
    wanted = {normalise(i) for i in identifiers}
    return normalise(contact.get("name", "")) in wanted or normalise(contact.get("email", "")) in wanted


def _naming_in_content(queryset, person):
    """Rows whose JSON content holds any identifier (JSON may escape accents, so both forms are tried)."""
    forms = person.identifiers + [json.dumps(i)[1:-1] for i in person.identifiers if not i.isascii()]
    candidates = queryset.annotate(text=Cast("content", TextField())).filter(_text_match(["text"], forms))
    pattern = person.pattern()
    return [row for row in candidates if pattern.search(json.dumps(row.content, ensure_ascii=False))]


def snapshots_naming(person):
    """Kept versions of entries that name the person."""
    return _naming_in_content(Snapshot.objects.select_related("practice"), person)


def plan_versions_naming(person):
    """Saved versions of plans (each a copy of the plan then, owners' names and updates too) that name the person."""
    return _naming_in_content(PlanVersion.objects.select_related("plan"), person)


def sessions_naming(person):
    """Signed-in sessions of the person's accounts, and sessions keeping form answers that name them."""
    user_ids = {str(user.pk) for user in person.users}
    pattern = person.pattern()
    found = []
    for session in Session.objects.all():
        data = session.get_decoded()
        if data.get("_auth_user_id") in user_ids or pattern.search(json.dumps(data, ensure_ascii=False)):
            found.append(session)
    return found


def emails_of(person):
    return [i for i in person.identifiers if "@" in i]


def querysets(person):
    """Every table row that holds the person's data, as (label, queryset), in the order shown to the admin."""
    ids, users = person.identifiers, person.users
    contacts = Contact.objects.filter(pk__in=[c.pk for c in person.contacts])
    emails = Q(pk__in=[])
    for email in emails_of(person):
        emails |= Q(username__iexact=email)
    return [
        ("Contacts on entries and changes in progress", contacts),
        ("Entries whose text names them", Practice.objects.filter(_text_match(PRACTICE_TEXT, ids))),
        (
            "Resources whose title or file name names them",
            Resource.objects.filter(_text_match(["title", "original_filename"], ids)),
        ),
        ("Accounts", User.objects.filter(pk__in=[u.pk for u in users])),
        ("Entries' audit trail comments", Event.objects.filter(_text_match(["comment"], ids))),
        ("Account audit trail", AccountEvent.objects.filter(Q(user__in=users) | _text_match(["description"], ids))),
        ("Emails in the outbox", OutgoingEmail.objects.filter(_text_match(["to", "subject", "body"], ids))),
        ("Calls for practice", Call.objects.filter(_text_match(["title", "message"], ids))),
        ("API keys", ApiToken.objects.filter(Q(user__in=users) | _text_match(["name"], ids))),
        ("Sign-in log", AccessLog.objects.filter(emails)),
        ("Failed sign-ins", AccessFailureLog.objects.filter(emails)),
        ("Sign-in lockouts", AccessAttempt.objects.filter(emails)),
        *plan_querysets(ids, users),
    ]


def plan_querysets(ids, users):
    """The sub-regions' plans: owners of actions, text naming the person, meetings they attended, their roles."""
    attended = Meeting.objects.filter(
        Q(attendees__in=users) | Q(apologies__in=users) | _text_match(["other_attendees", "other_apologies"], ids)
    )
    exactly = Q(pk__in=[])
    for identifier in ids:
        exactly |= Q(email__iexact=identifier) | Q(name__iexact=identifier)
    contacts = PlanContact.objects.filter(exactly | Q(user__in=users))
    return [
        ("Plan contacts", contacts),
        ("Plan reminders sent to them as a contact", ContactReminder.objects.filter(contact__in=contacts)),
        ("Boroughs they ticked off an action", BoroughCheck.objects.filter(done_by__in=users)),
        (
            "Plan actions they own",
            Owner.objects.filter(Q(user__in=users) | Q(contact__in=contacts) | _text_match(["name"], ids)),
        ),
        ("Plan actions whose text names them", Action.objects.filter(_text_match(ACTION_TEXT, ids))),
        (
            "Plan updates they recorded or that name them",
            Update.objects.filter(Q(recorded_by__in=users) | _text_match(["text"], ids)),
        ),
        ("Plan meetings they attended", Meeting.objects.filter(pk__in=attended.values("pk"))),
        ("Plans whose text names them", Plan.objects.filter(_text_match(["title", "introduction"], ids))),
        ("Plan areas whose text names them", Area.objects.filter(_text_match(["title", "why"], ids))),
        ("Plans' audit trail", PlanEvent.objects.filter(Q(actor__in=users) | _text_match(["description"], ids))),
        ("Plan roles", SubRegionRole.objects.filter(user__in=users)),
        ("Plan reminders sent", Reminder.objects.filter(user__in=users)),
        ("Plan reminder settings", ReminderSetting.objects.filter(user__in=users)),
    ]


def describe(obj):
    if isinstance(obj, Contact):
        return f"{obj.name} on ‘{obj.practice.title}’ ({obj.practice.get_status_display().lower()})"
    if isinstance(obj, User):
        return f"{obj.get_full_name() or obj.username} <{obj.email}>"
    if isinstance(obj, PlanVersion):
        return f"{obj} of ‘{obj.plan}’, {obj.created_at:%-d %B %Y}"
    if isinstance(obj, Snapshot):
        return f"{obj.get_kind_display()} version of ‘{obj.practice.title}’, {obj.created_at:%-d %B %Y}"
    return str(obj)


def places(person):
    """Every place the person appears, for the admin to see before erasing or exporting."""
    found = [Place(label, [describe(obj) for obj in queryset]) for label, queryset in querysets(person)]
    found.insert(
        1, Place("Submitted and published versions kept for history", [describe(s) for s in snapshots_naming(person)])
    )
    found.append(Place("Plan versions kept for history", [describe(v) for v in plan_versions_naming(person)]))
    found.append(Place("Email update subscriptions", [f"{u.digest}" for u in person.users if hasattr(u, "digest")]))
    found.append(Place("Memberships", [str(m) for u in person.users for m in u.memberships.all()]))
    found.append(Place("Requests to be deleted", [str(r) for u in person.users for r in u.deletion_requests.all()]))
    found.append(
        Place("Browser sessions", [f"Session ending {s.expire_date:%-d %B %Y %H:%M}" for s in sessions_naming(person)])
    )
    return found


SHORTEST_PARTIAL = 3  # "Lee", "Ali": a surname searched alone, only ever a possible mention
POSSIBLE_MENTIONS_SHOWN = 50  # per place: enough to see that there is something to check


def partial_forms(person):
    """Shorter ways text may name the person: the surname alone, and the first initial with it ("A. Lee", "A Lee").
    Shorter than an identifier may be, so only listed for the admin to check, never erased."""
    forms = set()
    for identifier in person.identifiers:
        words = identifier.split()
        if "@" in identifier or len(words) < 2 or len(words[-1]) < 3:
            continue
        surname, initial = words[-1], words[0][0]
        forms.update((surname, f"{initial} {surname}", f"{initial}. {surname}", f"{initial}.{surname}"))
    known = {normalise(i) for i in person.identifiers}
    forms = {form for form in forms if normalise(form) not in known}
    term = person.term.strip()
    if "@" not in term and len(term.split()) == 1 and len(term) >= SHORTEST_PARTIAL:
        forms.add(term)  # a surname searched alone: whoever is called it is a possible mention
    return sorted(forms, key=lambda i: (-len(i), i))


def _mention(row, pattern):
    """The words around the first mention in the row's text, or None."""
    for f in row._meta.concrete_fields:
        text = getattr(row, f.attname) if isinstance(f, (CharField, TextField)) else None
        if text and (match := pattern.search(text)):
            start, end = max(0, match.start() - 40), match.end() + 40
            return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
    return None


def possible_mentions(person):
    """Places whose text names someone by the person's surname or initial and surname, but not as the person is
    known: perhaps them, perhaps not. The admin checks them; erasing changes only the exact mentions."""
    forms = partial_forms(person)
    if not forms:
        return []
    partial = Person(term=person.term, identifiers=forms, contacts=[], users=[])
    pattern, exact = partial.pattern(), dict(querysets(person))
    places = [place for place in _people_named(partial, person, pattern) if place.found]
    for label, queryset in querysets(partial):
        exact_ids = set(exact[label].values_list("pk", flat=True))
        rows = queryset.exclude(pk__in=exact_ids)[: POSSIBLE_MENTIONS_SHOWN * 4]
        found = [f"{describe(row)}: ‘{said}’" for row in rows if (said := _mention(row, pattern))]
        found = found[:POSSIBLE_MENTIONS_SHOWN]
        if found:
            places.append(Place(label, found))
    return places


def _people_named(partial, person, pattern):
    """Contacts and accounts whose name has a partial form in it ("Aldridge" in "Lisa Aldridge"), not the person's."""
    shown = POSSIBLE_MENTIONS_SHOWN
    contacts = Contact.objects.filter(_text_match(["name"], partial.identifiers)).select_related("practice")
    contacts = contacts.exclude(pk__in=[c.pk for c in person.contacts])
    users = User.objects.annotate(full_name=Concat("first_name", Value(" "), "last_name"))
    users = users.filter(_text_match(["full_name"], partial.identifiers)).exclude(pk__in=[u.pk for u in person.users])
    return [
        Place(
            "Contacts on entries and changes in progress",
            [describe(c) for c in contacts[:shown] if pattern.search(c.name)],
        ),
        Place("Accounts", [describe(u) for u in users[:shown] if pattern.search(u.get_full_name())]),
    ]
