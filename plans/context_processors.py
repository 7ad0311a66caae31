"""
“Add to the pack for <meeting>” on browse results and entry pages, for whoever builds meeting packs. Those pages
belong to apps below this one, so they name no plans template: they include `entry_actions.forms_template` and
`entry_actions.buttons_template` when set. The results sit inside the search form, and forms cannot nest, so each
meeting has one form of its own and each result's button names it (`form="pack-for-N"`).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from plans import roles
from plans.models import Meeting, Plan

SHOWN = 3  # the next few meetings; older ones have had their pack


def pack_meetings(user):
    """The coming meetings the user may shortlist practice for."""
    if not user.is_authenticated:
        return []
    mine = Q(plan__in=Plan.objects.editable_by(user)) | Q(plan__sub_region__in=roles.director_regions(user))
    return list(Meeting.objects.coming(timezone.localdate()).filter(mine).select_related("plan__sub_region")[:SHOWN])


@dataclass(frozen=True)
class EntryActions:
    meetings: list

    @property
    def forms_template(self):
        return "plans/includes/pack_forms.html" if self.meetings else ""

    @property
    def buttons_template(self):
        return "plans/includes/add_to_pack.html" if self.meetings else ""

    @property
    def key(self):
        """What cached browse results vary on: the meetings whose buttons they carry."""
        return "-".join(str(meeting.pk) for meeting in self.meetings)


def entry_actions(request):
    """Worked out only on the pages that ask for it."""
    return {"entry_actions": SimpleLazyObject(lambda: EntryActions(pack_meetings(request.user)))}
