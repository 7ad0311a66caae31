"""
Result cards and filter options, rendered once per process for what they show and kept.

A card's HTML depends only on its entry's fields and themes (and on the page's time zone and language, which
render its date), so it is rendered once and kept under exactly those, with its snippet, which depends on the
search, slotted in; a filter option's depends only on its group, value, label and whether it is ticked, its count
slotted in. Rendering the twenty cards and sixty-odd options of a search page through their templates cost more
than the search itself (docs/decisions/0006-search.md); the templates are still the only markup. A key holds
everything its template reads, so nothing kept can go stale: an entry changed or a theme renamed is a new key.
"""

from dataclasses import replace

from django import template
from django.conf import settings
from django.template.base import render_value_in_context
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

register = template.Library()

KEPT_MOST = 5000  # of each: a card is about 1.5 KB with its key, so under 10 MB a process
CARD, OPTION = "includes/practice_card.html", "includes/facet_option.html"
SLOT = mark_safe("\x00")  # where a kept piece takes its search's value: text from the database never holds NUL


class Kept:
    """Rendered pieces, (before, after) the slot, under their keys: the oldest forgotten when full."""

    def __init__(self):
        self.pieces = {}

    def get(self, key, render):
        if (piece := self.pieces.get(key)) is None:
            before, slot, after = render().partition(SLOT)
            piece = (before, after) if slot and SLOT not in after else None
            if piece is None:
                return None  # no slot, or more than one: not kept
            if len(self.pieces) >= KEPT_MOST:
                del self.pieces[next(iter(self.pieces))]
            self.pieces[key] = piece
        return piece


cards, options = Kept(), Kept()


@register.simple_tag(takes_context=True)
def result_card(context, practice):
    """includes/practice_card.html for this entry, as {% include %} would render it here."""
    actions = context.get("entry_actions") if context.get("show_entry_actions") else None
    if actions and actions.buttons_template:
        return _rendered(CARD, context, practice=practice)  # with the user's own buttons: not kept
    snippet, authority = getattr(practice, "snippet", None), practice.local_authority
    key = (
        practice.pk,
        practice.title,
        practice.summary,
        practice.published_at,
        authority.name,
        authority.sub_region.name,
        tuple(theme.name for theme in getattr(practice, "card_themes", ())),
        bool(snippet),
        timezone.get_current_timezone_name(),
        translation.get_language(),
    )

    def render():  # the snippet's place marked; a card without one is kept whole, the slot at its end
        if snippet:
            return _rendered(CARD, context, practice=_with(practice, snippet=SLOT))
        return _rendered(CARD, context, practice=practice) + SLOT

    piece = cards.get(key, render)
    if piece is None:
        return _rendered(CARD, context, practice=practice)
    return mark_safe(piece[0] + (render_value_in_context(snippet, context) if snippet else "") + piece[1])


@register.simple_tag(takes_context=True)
def facet_options(context, group):
    """includes/facet_option.html for each of a filter group's options, as a {% for %} of includes would render."""
    html = []
    for option in group.options:
        key = (group.name, option.value, option.label, option.checked)
        piece = options.get(
            key,
            lambda option=option: _rendered(OPTION, context, group=group, option=replace(option, count=SLOT)),
        )
        if piece is None:
            html.append(_rendered(OPTION, context, group=group, option=option))
        else:
            html += [piece[0], _shown(option.count, context), piece[1]]
    return mark_safe("".join(html))


def _rendered(name, context, **values):
    """The template as {% include %} renders it here, with these values."""
    with context.push(**values):
        return context.template.engine.get_template(name).render(context)


def _shown(count, context):
    """A count as {{ count }} shows it: a whole number is its digits unless numbers are grouped (a quicker path to
    the same text, as the sixty-odd counts of a page took longer than the options kept)."""
    if type(count) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(count)
    return render_value_in_context(count, context)


def _with(practice, **changes):
    """A copy of the entry with other values for some attributes."""
    copy = object.__new__(type(practice))
    copy.__dict__.update(practice.__dict__, **changes)
    return copy
