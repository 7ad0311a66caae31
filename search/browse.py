"""
The browse page's state, read from and written to the URL (GOV.UK "filter a list"): search
text, filters, sort and page, so any search can be bookmarked and shared.
"""

from dataclasses import dataclass, field
from hashlib import sha1

from django.core.paginator import Paginator

from inputs.numbers import LARGEST_PAGE, YEARS, whole_number, whole_numbers
from inputs.text_fields import without_hidden
from reference import cached, generation
from search import engine
from search.models import SearchEntry

# URL parameter -> (facet in search results, legend); the order they are shown in
FACETS = {
    "sub_region": ("sub_region", "Sub-region"),
    "local_authority": ("local_authority", "Local authority"),
    "theme": ("theme", "Theme"),
    "category": ("category", "Shared with"),
    "year": ("year", "Year published"),
}

# URL parameter -> the Filters field holding its choices
FILTER_FIELDS = {
    "sub_region": "sub_regions",
    "local_authority": "local_authorities",
    "theme": "themes",
    "category": "categories",
    "year": "years",
}


def display_name(value):
    """A filter's value as readers see it (a year is its own name)."""
    return str(getattr(value, "name", value))


def calls_chosen(user, ids):
    """The calls for practice a signed-in user narrowed the page to. The index keeps each entry's call
    by name ("calls.Call"): the calls app sits above this one, which never imports it."""
    if not ids or user is None or not user.is_authenticated:
        return []
    calls = SearchEntry._meta.get_field("call").related_model.objects
    return list(calls.visible_to(user).opened().filter(pk__in=ids))


_slugs = {"lists": None, "by_slug": None}


def _by_slug(lists):
    """{"theme": {slug: theme}, ...}: made once for each copy of the reference lists, not for every request."""
    if _slugs["lists"] is not lists:
        _slugs.update(lists=lists, by_slug={name: {obj.slug: obj for obj in lists[name].values()} for name in lists})
    return _slugs["by_slug"]


@dataclass
class BrowseRequest:
    text: str = ""
    filters: engine.Filters = field(default_factory=engine.Filters)
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_query(cls, query, user=None):
        """Read the URL leniently: unknown values are ignored, never an error. Calls for practice are
        filters for signed-in users only, as their titles are shown nowhere else."""
        by_slug = _by_slug(cached.lists())

        def chosen(name):
            return [by_slug[name][slug] for slug in dict.fromkeys(query.getlist(name)) if slug in by_slug[name]]

        call_ids = whole_numbers(query.getlist("call"))
        years = whole_numbers(query.getlist("year"), lowest=YEARS[0], highest=YEARS[1])
        sort = query.get("sort", "relevance")
        return cls(
            # Hidden characters search for nothing, and one that turns the text's direction would turn the page's
            # words around it where the search is shown back.
            text=without_hidden(query.get("q", "")).strip()[:200],
            filters=engine.Filters(
                sub_regions=chosen("sub_region"),
                local_authorities=chosen("local_authority"),
                themes=chosen("theme"),
                categories=chosen("category"),
                years=years,
                calls=calls_chosen(user, call_ids),
            ),
            sort=sort if sort in engine.SORTS else "relevance",
            page=whole_number(query.get("page", ""), highest=LARGEST_PAGE) or 1,
        )

    def cache_key(self):
        """Browsing without search text changes only when something is published: such pages are cached
        until then. Searches are not, so their cost is always the real one."""
        if self.text:
            return None
        chosen = sorted((name, sorted(map(str, self.selected(name)))) for name in FACETS)
        chosen.append(("call", sorted(call.pk for call in self.filters.calls)))
        return sha1(f"{generation.current()}:{chosen}:{self.sort}:{self.page}".encode()).hexdigest()

    def describe(self):
        """The search and filters in words, for the cover of a downloaded pack."""
        parts = [f"Search: {quoted_once(self.text)}"] if self.text else []
        for name, (_, legend) in FACETS.items():
            chosen = getattr(self.filters, FILTER_FIELDS[name])
            if chosen:
                parts.append(f"{legend}: " + ", ".join(display_name(value) for value in chosen))
        if self.filters.calls:
            parts.append("Returned to: " + ", ".join(f"‘{call.title}’" for call in self.filters.calls))
        return "; ".join(parts) if parts else "All published practice"

    def chosen_names(self):
        """Every chosen filter value's name, in the filters' order: for the results heading."""
        return [display_name(value) for name in FACETS for value in getattr(self.filters, FILTER_FIELDS[name])]

    def run(self):
        """The page asked for; past the last page (an old bookmark, a typed address), the last page, as the
        pagination shows it, rather than no results under a count of them."""
        results = engine.run(self.text, self.filters, self.sort, offset=(self.page - 1) * engine.per_page())
        last = max(1, -(-results.total // engine.per_page()))
        if self.page > last and results.total and not results.hits:
            self.page = last
            results = engine.run(self.text, self.filters, self.sort, offset=(last - 1) * engine.per_page())
        return results

    def selected(self, name):
        values = getattr(self.filters, FILTER_FIELDS[name])
        return {getattr(value, "slug", value) for value in values}


def quoted_once(text):
    """The search text in quotes, unless it has quotes of its own (a phrase search): ‘exclusions’, "stop and search"."""
    return text if '"' in text else f"‘{text}’"


@dataclass
class Tag:
    """A chosen filter above the results; following its link removes it."""

    legend: str
    label: str
    remove_url: str


def selected_tags(browse, query):
    """The chosen filters (and search text) as removable tags, each linking to the same page without it."""
    tags = []
    if browse.text:
        tags.append(Tag("Search", f"‘{browse.text}’", _without(query, "q")))
    for name, (_, legend) in FACETS.items():
        for value in getattr(browse.filters, FILTER_FIELDS[name]):
            tags.append(Tag(legend, display_name(value), _without(query, name, str(getattr(value, "slug", value)))))
    for call in browse.filters.calls:
        tags.append(Tag("Call for practice", f"‘{call.title}’", _without(query, "call", str(call.pk))))
    return tags


def _without(query, name, value=None):
    """The query without one value of a parameter (or all its values)."""
    kept = query.copy()
    kept.setlist(name, [v for v in query.getlist(name) if value is not None and v != value])
    kept.pop("page", None)
    return f"?{kept.urlencode()}"


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    name: str
    legend: str
    options: list


def facet_groups(browse, results):
    """Each filter's options with live counts; options with no results are left out unless chosen."""
    lists = cached.lists()
    counts = results.facets
    groups = []
    for name, (facet, legend) in FACETS.items():
        chosen = browse.selected(name)
        if name == "year":
            values = [(str(year), str(year), year) for year in sorted(set(counts["year"]) | chosen, reverse=True)]
        else:
            values = [(obj.slug, display_name(obj), pk) for pk, obj in lists[name].items()]
        options = [
            Option(value, label, counts[facet].get(key, 0), value in {str(c) for c in chosen})
            for value, label, key in values
        ]
        groups.append(FacetGroup(name, legend, [o for o in options if o.count or o.checked]))
    return groups


def pages(results, browse):
    """A paginator page for the results' total, for the pagination include."""
    paginator = Paginator(range(results.total), engine.per_page())
    return paginator.get_page(browse.page)
