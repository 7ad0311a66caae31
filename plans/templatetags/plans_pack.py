"""For the pack buttons on browse and entry pages: which coming meetings' packs already hold an entry."""

from django import template

register = template.Library()


@register.filter
def packs_holding(entry_actions, practice):
    """[(meeting, pack item id)] for the meetings whose packs hold the practice entry."""
    return entry_actions.in_pack.get(practice.pk, [])


@register.filter
def packs_without(entry_actions, practice):
    """The coming meetings whose packs do not hold it yet."""
    holding = {meeting.pk for meeting, _ in packs_holding(entry_actions, practice)}
    return [meeting for meeting in entry_actions.meetings if meeting.pk not in holding]
