"""
A practice entry citing a measure: the lead of the entry's local authority adds the view they are looking at, and
they or a moderator take it away. Each is a change to the entry: the entry is locked, its version goes up (so a
moderator publishing what they saw before it is refused, as for any change) and its history says what was done.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.roles import is_moderator
from evidence.models import Citation
from submissions.models import Event, Practice

# Entries a lead may still cite into: not those taken back or turned down.
CITABLE = {
    Practice.Status.DRAFT,
    Practice.Status.SUBMITTED,
    Practice.Status.CHANGES_REQUESTED,
    Practice.Status.PUBLISHED,
}


class CitationRefused(Exception):
    """The entry can no longer cite evidence (withdrawn or rejected since the page was loaded)."""


def citable_entries(user):
    """The lead's own local authorities' entries they may cite a measure in, by title."""
    return Practice.objects.of_lead(user).entries().filter(status__in=CITABLE).order_by("title", "pk")


def removable_by(user):
    """Citations the user may take away: a moderator any, a lead those in their own local authorities' entries."""
    citations = Citation.objects.select_related("practice", "measure")
    return citations if is_moderator(user) else citations.filter(practice__in=Practice.objects.of_lead(user))


def _changed(practice, *, by, action, what):
    Practice.objects.filter(pk=practice.pk).update(version=F("version") + 1, updated_at=timezone.now())
    Event.objects.create(practice=practice, actor=by, action=action, comment=what)


@transaction.atomic
def cite(*, practice, measure, choice, period, by):
    """The entry cites the measure as `choice` shows it; (citation, whether it is new). Citing a view again is no
    change."""
    current = Practice.objects.select_for_update().get(pk=practice.pk)
    if current.status not in CITABLE:
        raise CitationRefused(
            f"‘{current.title}’ is {current.get_status_display().lower()}, so it cannot cite evidence."
        )
    citation, created = Citation.objects.get_or_create(
        practice=current,
        measure=measure,
        **choice.cited_view(),
        defaults={"area_name": choice.area.name, "period": period, "added_by": by},
    )
    if created:
        _changed(current, by=by, action=Event.Action.EVIDENCE_CITED, what=str(citation))
    return citation, created


@transaction.atomic
def remove_citation(*, citation, by):
    practice = Practice.objects.select_for_update().get(pk=citation.practice_id)
    removed, _ = Citation.objects.filter(pk=citation.pk).delete()
    if removed:  # not already taken away by someone else
        _changed(practice, by=by, action=Event.Action.EVIDENCE_UNCITED, what=str(citation))
