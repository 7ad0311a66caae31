"""
“Add to the pack for <meeting>” on browse results and entry pages, for whoever builds meeting packs. Those pages
belong to apps below this one, so they name no plans template: they include `entry_actions.forms_template` and
`entry_actions.buttons_template` when set. The results sit inside the search form, and forms cannot nest, so the
page has one form to add and one to take out, and each result's controls name them (`form="pack-add"`). An entry
in a pack says so, with a button to take it out; with several coming meetings, a result has one choice of meeting
(`meeting_<practice>`) and one button.
"""

import hashlib
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from plans import roles
from plans.models import Meeting, PackItem, Plan

SHOWN = 3  # the next few meetings; older ones have had their pack


def pack_meetings(user):
    """The coming meetings the user may shortlist practice for (not those whose pack is sent)."""
    if not user.is_authenticated:
        return []
    mine = Q(plan__in=Plan.objects.editable_by(user)) | Q(plan__sub_region__in=roles.director_regions(user))
    coming = Meeting.objects.coming(timezone.localdate()).filter(mine, sent_pack__isnull=True)
    return list(coming.select_related("plan__sub_region")[:SHOWN])


def packed(meetings):
    """What is already in those meetings' packs: {practice id: [(meeting, pack item id)]}."""
    by_pk, found = {meeting.pk: meeting for meeting in meetings}, {}
    items = PackItem.objects.filter(meeting__in=list(by_pk)).values_list("practice", "meeting", "pk")
    for practice, meeting, item in items.order_by("meeting__held_on", "pk"):
        found.setdefault(practice, []).append((by_pk[meeting], item))
    return found


@dataclass(frozen=True)
class EntryActions:
    meetings: list
    in_pack: dict = field(default_factory=dict)  # packed(meetings)

    @property
    def forms_template(self):
        return "plans/includes/pack_forms.html" if self.meetings else ""

    @property
    def buttons_template(self):
        return "plans/includes/add_to_pack.html" if self.meetings else ""

    @property
    def key(self):
        """What cached browse results vary on: the meetings whose buttons they carry, and what is in their packs."""
        meetings = "-".join(str(meeting.pk) for meeting in self.meetings)
        items = sorted(item for pairs in self.in_pack.values() for _, item in pairs)
        return f"{meetings}:{hashlib.sha256(repr(items).encode()).hexdigest()[:16]}" if items else meetings


def entry_actions(request):
    """Worked out only on the pages that ask for it."""

    def worked_out():
        meetings = pack_meetings(request.user)
        return EntryActions(meetings, packed(meetings) if meetings else {})

    return {"entry_actions": SimpleLazyObject(worked_out)}
