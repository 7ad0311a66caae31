"""Browsing published practice: the search page, and the theme, local authority and sub-region pages."""

from hashlib import sha1

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.generic import TemplateView

from accounts.access import BrowseAccessMixin
from reference import cached
from reference.models import LocalAuthority, SubRegion, Theme
from search import engine
from search.browse import BrowseRequest, facet_groups, pages, selected_tags


def email_updates_url(**chosen):
    """Email updates, with these themes and sub-regions ticked."""
    query = urlencode([(name, item.slug) for name, items in chosen.items() for item in items])
    return reverse("digest_settings") + (f"?{query}" if query else "")


def search_fragment_key(browse, results, query):
    """A search's results, rendered, are the same for everyone until the next publication, as its answer is
    (engine.run): the key holds the publication, the filters as chosen (calls only where the user may choose them)
    and the query string (the page's links repeat it). A search that took too long is not kept."""
    if results.too_slow:
        return None
    chosen = [
        (name, sorted(getattr(value, "pk", value) for value in values)) for name, values in vars(browse.filters).items()
    ]
    what = (results.generation, browse.text, chosen, browse.sort, browse.page, query.urlencode())
    return "search-" + sha1(repr(what).encode()).hexdigest()


class BrowseView(BrowseAccessMixin, TemplateView):
    """Published practice: search, filters with live counts, sort and pages, all in the URL."""

    template_name = "search/browse.html"

    def get_context_data(self, **kwargs):
        browse = BrowseRequest.from_query(self.request.GET, user=self.request.user)
        # Computed only if the template needs them: a cached page fragment does not.
        results = SimpleLazyObject(browse.run)
        fragment_key = browse.cache_key() or search_fragment_key(browse, results, self.request.GET)
        return super().get_context_data(
            browse=browse,
            results=results,
            facet_groups=SimpleLazyObject(lambda: facet_groups(browse, results)),
            page_obj=SimpleLazyObject(lambda: pages(results, browse)),
            sorts=engine.SORTS,
            fragment_key=fragment_key,
            updates_url=email_updates_url(theme=browse.filters.themes, sub_region=browse.filters.sub_regions),
            tags=selected_tags(browse, self.request.GET),
            export_max=settings.PORTAL_EXPORT_MAX_ENTRIES,
            **kwargs,
        )


class CollectionView(BrowseAccessMixin, TemplateView):
    """One theme, local authority or sub-region: its published practice, with counts."""

    template_name = "search/collection.html"
    kinds = {
        "theme": (Theme, "themes", "Theme"),
        "local_authority": (LocalAuthority, "local_authorities", "Local authority"),
        "sub_region": (SubRegion, "sub_regions", "Sub-region"),
    }

    def get_context_data(self, kind, slug, **kwargs):
        model, filter_name, caption = self.kinds[kind]
        subject = get_object_or_404(model, slug=slug)
        page = BrowseRequest.from_query(self.request.GET).page
        browse = BrowseRequest(filters=engine.Filters(**{filter_name: [subject]}), sort="newest", page=page)
        results = browse.run()
        return super().get_context_data(
            kind=kind,
            caption=caption,
            feed_url=reverse(f"{kind}_feed", args=[subject.slug]),
            updates_url=email_updates_url(
                theme=[subject] if kind == "theme" else [],
                sub_region=[getattr(subject, "sub_region", subject)] if kind != "theme" else [],
            ),
            subject=subject,
            results=results,
            facet_groups=facet_groups(browse, results),
            page_obj=pages(results, browse),
            **kwargs,
        )


class CollectionIndexView(BrowseAccessMixin, TemplateView):
    """All themes, local authorities or sub-regions, with how much published practice each has."""

    template_name = "search/collection_index.html"
    titles = {"theme": "Themes", "local_authority": "Local authorities", "sub_region": "Sub-regions"}

    def get_context_data(self, kind, **kwargs):
        browse = BrowseRequest()
        groups = {group.name: group for group in facet_groups(browse, browse.run())}
        counts = {option.value: option.count for option in groups[kind].options}
        items = [(obj, counts.get(obj.slug, 0)) for obj in cached.lists()[kind].values()]
        return super().get_context_data(kind=kind, title=self.titles[kind], items=items, **kwargs)
