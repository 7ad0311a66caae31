"""The London board: every action a reader may see, filtered from the address, with counts by status and sub-region."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from inputs.numbers import LARGEST_PAGE, whole_number
from inputs.text_fields import is_hidden
from plans.models import Action, Owner, Update, due_text
from plans.querysets import SOON
from reference.models import SubRegion, Theme

PER_PAGE = 100
OWNER_QUERY_LIMIT = 100
DUE = {"overdue": "Overdue", "soon": "Due in the next two weeks"}


@dataclass(frozen=True)
class Row:
    """One action on the board, as plain strings: the board is long, and templates resolve objects slowly."""

    url: str
    what: str
    region: str
    owners: str
    themes: str
    due: str
    latest_update_on: object
    status: str
    status_label: str


FIELDS = ["pk", "what", "status", "due_on", "due_by_meeting", "area__plan__sub_region__name", "latest_update_on"]
LABELS = dict(Action.Status.choices)


def owner_name(owner):
    person = f"{owner['user__first_name']} {owner['user__last_name']}".strip() or owner["user__email"]
    return person if owner["user__email"] else owner["contact__name"] or owner["name"]


def rows_of(actions):
    """The page's actions as Rows, from plain values: a board of hundreds of actions makes no model objects."""
    pks = [action["pk"] for action in actions]
    owners, themes = {}, {}
    for owner in (
        Owner.objects.filter(action__in=pks)
        .order_by("pk")
        .values("action", "name", "user__first_name", "user__last_name", "user__email", "contact__name")
    ):
        owners.setdefault(owner["action"], []).append(owner_name(owner))
    for link in (
        Action.themes.through.objects.filter(action__in=pks).order_by("theme__name").values("action", "theme__name")
    ):
        themes.setdefault(link["action"], []).append(link["theme__name"])
    return [
        Row(
            url=reverse("plans:action_detail", args=[action["pk"]]),
            what=action["what"] if len(action["what"]) <= 120 else action["what"][:119].rstrip() + "…",
            region=action["area__plan__sub_region__name"] or "London",
            owners="; ".join(owners.get(action["pk"], [])) or "No owner yet",
            themes=", ".join(themes.get(action["pk"], [])),
            due=due_text(action["due_on"], action["due_by_meeting"]),
            latest_update_on=action["latest_update_on"],
            status=action["status"],
            status_label=LABELS[action["status"]],
        )
        for action in actions
    ]


@dataclass
class Board:
    page: object
    rows: list
    filters: dict
    status_counts: list = field(default_factory=list)  # (value, label, count)
    region_counts: list = field(default_factory=list)  # (slug, name, count)
    themes: list = field(default_factory=list)
    total: int = 0


FILTER_LABELS = {"status": "status", "sub_region": "sub-region", "theme": "theme", "due": "due", "owner": "owner"}


def read_filters(params, readable_regions):
    """The board's filters from the query string. A value that is not one of the choices is left out, and named
    in `ignored` for the page to say so; the owner's words lose hidden characters (a NUL matched nearly every owner)."""
    regions = {region.slug: region for region in readable_regions}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    filters = {
        "status": params.get("status") if params.get("status") in Action.Status.values else "",
        "sub_region": regions.get(params.get("sub_region", "")),
        "theme": themes.get(params.get("theme", "")),
        "owner": " ".join("".join(c for c in params.get("owner", "") if not is_hidden(c)).split())[:OWNER_QUERY_LIMIT],
        "due": params.get("due") if params.get("due") in DUE else "",
        "regions": list(regions.values()),
        "theme_choices": list(themes.values()),
    }
    filters["ignored"] = [label for name, label in FILTER_LABELS.items() if params.get(name) and not filters[name]]
    return filters


def filtered(actions, filters, today, *, without=()):
    if filters["status"] and "status" not in without:
        actions = actions.filter(status=filters["status"])
    if filters["sub_region"] and "sub_region" not in without:
        actions = actions.filter(area__plan__sub_region=filters["sub_region"])
    if filters["theme"]:
        actions = actions.filter(themes=filters["theme"])
    if filters["owner"]:
        words = filters["owner"]
        matches = Q(name__icontains=words) | Q(user__first_name__icontains=words) | Q(user__last_name__icontains=words)
        matches |= Q(user__email__icontains=words) | Q(contact__name__icontains=words)
        actions = actions.filter(pk__in=Owner.objects.filter(matches).values("action"))
    if filters["due"] == "overdue":
        actions = actions.overdue(today)
    elif filters["due"] == "soon":
        actions = actions.due_within(today, SOON)
    return actions


def board_for(user, params, today):
    visible = Action.objects.visible_to(user)
    readable = SubRegion.objects.filter(pk__in=visible.values("area__plan__sub_region")).order_by("name")
    filters = read_filters(params, readable)
    latest = Update.objects.filter(action=OuterRef("pk")).order_by("-written_on", "-pk")
    rows = (
        filtered(visible, filters, today)
        .annotate(latest_update_on=Subquery(latest.values("written_on")[:1]))
        .order_by("area__plan__sub_region__name", "area__plan__title", "area__number", "sort_key", "pk")
        .values(*FIELDS)
    )
    by_status = dict(
        filtered(visible, filters, today, without=("status",))
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
    )
    by_region = dict(
        filtered(visible, filters, today, without=("sub_region",))
        .values_list("area__plan__sub_region__slug")
        .annotate(n=Count("pk", distinct=True))
    )
    page_number = whole_number(params.get("page", "1"), highest=LARGEST_PAGE) or 1
    page = Paginator(rows, PER_PAGE).get_page(page_number)
    return Board(
        page=page,
        rows=rows_of(list(page.object_list)),
        filters=filters,
        status_counts=[(value, label, by_status.get(value, 0)) for value, label in Action.Status.choices],
        region_counts=[(region.slug, region.name, by_region.get(region.slug, 0)) for region in filters["regions"]],
        total=page.paginator.count,
    )
