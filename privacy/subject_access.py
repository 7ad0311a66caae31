"""
A subject access export: everything the portal holds about a person, as one zip of JSON files
(one per kind of place, as finding.py finds them) and the files they uploaded. Made by an admin
and recorded in the audit trail, which keeps no copy of what was exported.
"""

import io
import json
import zipfile
from pathlib import PurePath

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from accounts import audit, rules
from accounts.models import DeletionRequest, Membership
from evidence.models import ActionCitation, Citation
from privacy.finding import is_their_contact, plan_versions_naming, querysets, sessions_naming, snapshots_naming
from privacy.models import InactivityWarning
from publishing.models import DigestSubscription
from submissions.models import Event, Practice, Resource, Snapshot, ThemeSuggestion

# Never exported: secrets that are not about the person, only about getting in.
SECRETS = {"password", "key_hash", "unsubscribe_token", "token", "session_key", "session_data"}


def _rows(queryset):
    return [{key: value for key, value in row.items() if key not in SECRETS} for row in queryset.values()]


def _version(snapshot, person):
    """A kept version, with other people's contact details left out."""
    content = dict(snapshot.content)
    content["contacts"] = [c for c in content.get("contacts", []) if is_their_contact(c, person.identifiers)]
    return {"entry": snapshot.practice.title, "kind": snapshot.kind, "made_at": snapshot.created_at, "content": content}


def uploaded_by(users):
    """Files on the entries the person made or edited."""
    practices = Practice.objects.filter(
        Q(created_by__in=users)
        | Q(events__actor__in=users, events__action__in=[Event.Action.CREATED, Event.Action.EDITED])
    )
    return Resource.objects.filter(practice__in=practices).exclude(file="").distinct().order_by("pk")


def data_of(person):
    """Everything held about the person, by kind of place, as JSON-ready data."""
    users = person.users
    data = {slugify(label): _rows(queryset) for label, queryset in querysets(person)}
    data["versions-kept-for-history"] = [_version(s, person) for s in snapshots_naming(person)]
    data["plan-versions-kept-for-history"] = [
        {"plan": v.plan.title, "version": v.number, "made_at": v.created_at, "content": v.content}
        for v in plan_versions_naming(person)
    ]
    data["memberships"] = _rows(Membership.objects.filter(user__in=users))
    data["email-update-subscriptions"] = _rows(DigestSubscription.objects.filter(user__in=users))
    data["requests-to-be-deleted"] = _rows(DeletionRequest.objects.filter(user__in=users))
    data["inactivity-warnings"] = _rows(InactivityWarning.objects.filter(user__in=users))
    data["their-actions-on-entries"] = _rows(Event.objects.filter(actor__in=users))
    data["entries-they-created"] = _rows(Practice.objects.filter(created_by__in=users))
    made = Snapshot.objects.filter(created_by__in=users).select_related("practice")
    data["versions-they-made"] = [_version(snapshot, person) for snapshot in made]
    data["themes-they-suggested"] = _rows(ThemeSuggestion.objects.filter(suggested_by__in=users))
    data["evidence-they-cited-in-entries"] = _rows(Citation.objects.filter(added_by__in=users))
    data["evidence-they-cited-in-plan-actions"] = _rows(ActionCitation.objects.filter(added_by__in=users))
    data["browser-sessions"] = [{"expires": session.expire_date} for session in sessions_naming(person)]
    return data


class ExportRefused(Exception):
    pass


def export(person, *, by):
    """The zip's bytes, and a line in the audit trail that it was made (saying how much, not what).
    Refused where `by` may not export one of the person's accounts (accounts.rules)."""
    if refused := rules.refusals(by, person.users, rules.EXPORT):
        raise ExportRefused(refused)
    data = data_of(person)
    files = list(uploaded_by(person.users))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        made = {"made_at": timezone.now(), "asked_for": person.term, "known_as": person.identifiers}
        archive.writestr("about-this-export.json", json.dumps(made, cls=DjangoJSONEncoder, indent=2))
        for name, rows in data.items():
            archive.writestr(f"{name}.json", json.dumps(rows, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        for resource in files:
            with resource.file.open("rb") as stored:
                filename = PurePath(resource.original_filename or resource.file.name).name
                archive.writestr(f"files/{resource.pk}-{filename}", stored.read())
    records = sum(len(rows) for rows in data.values())
    audit.record(f"Subject access export made of a person's data ({records} records, {len(files)} files)", user=None)
    return buffer.getvalue()
