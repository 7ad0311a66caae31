"""
The read-only JSON API, for the alliance's website and other tools: published practice with
the browse page's search and filters, one entry by id, and the reference lists. Its OpenAPI
description is api_schema.py, served at /api/v1/openapi.json. Contacts' emails and phones are
given only to requests with an API key (Authorization: Bearer <key>), as the site gives them
only to people signed in. CORS is off unless PORTAL_API_CORS_ORIGINS names origins, and never
carries a key: keys are for server-side use.
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View

from accounts.access import PublicMixin
from inputs.numbers import LARGEST_ID, LARGEST_PAGE, YEARS, whole_number
from publishing.api_keys import ApiKeyMixin, api_error
from publishing.api_schema import openapi
from publishing.exports import entries_in_order
from reference import cached
from search import engine
from search.browse import BrowseRequest

MAX_PAGE_SIZE = 100


class ApiView(ApiKeyMixin, View):
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        allow_cors(request, response)
        return response

    def absolute(self, path):
        return self.request.build_absolute_uri(path)


def allow_cors(request, response):
    origin = request.headers.get("Origin")
    if origin and origin in settings.PORTAL_API_CORS_ORIGINS:
        # No Access-Control-Allow-Headers: a browser may not send Authorization, so no website puts
        # an API key (which unlocks contacts' emails and phones) in its JavaScript.
        response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin, Authorization"


def named(obj, **extra):
    return {"slug": obj.slug, "name": obj.name, **extra}


def practice_data(practice, *, with_contacts, absolute):
    """An entry as the API gives it. The field names are part of the API: add to them, never rename."""
    authority = practice.local_authority

    def contact(person):
        data = {"name": person.name, "role": person.role}
        if with_contacts:
            data |= {"email": person.email, "phone": person.phone}
        return data

    return {
        "id": practice.pk,
        "title": practice.title,
        "url": absolute(practice.get_absolute_url()),
        "local_authority": named(authority, gss_code=authority.gss_code),
        "sub_region": named(authority.sub_region),
        "themes": [named(theme) for theme in practice.themes.all()],
        "categories": [named(category) for category in practice.categories.all()],
        "summary": practice.summary,
        "description": practice.description,
        "impact": practice.impact,
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
        "resources": [resource_data(r, absolute) for r in practice.resources.all()],
        "contacts": [contact(person) for person in practice.contacts.all()],
    }


def resource_data(resource, absolute):
    """A resource: a file, a link, or one named with no link or file yet (url null)."""
    if resource.is_awaiting:
        return {"title": resource.title, "url": None, "kind": "named"}
    kind = "file" if resource.is_file else "link"
    return {"title": resource.title, "url": absolute(resource.get_absolute_url()), "kind": kind}


SLUG_FILTERS = ("sub_region", "local_authority", "theme", "category")


def names_an_unknown_slug(query):
    """The browse page ignores an unknown slug; the API matches nothing for it, so that a website's
    "Youth justice" box shows nothing (not every entry) after the theme's slug changed."""
    lists = cached.lists()
    return any(
        slug not in {obj.slug for obj in lists[name].values()} for name in SLUG_FILTERS for slug in query.getlist(name)
    )


def invalid_parameter(query):
    """What is wrong with the list's parameters, if anything."""
    limits = {"page": (1, LARGEST_PAGE), "page_size": (1, MAX_PAGE_SIZE), "year": YEARS, "call": (1, LARGEST_ID)}
    for name, (lowest, highest) in limits.items():
        for value in query.getlist(name):
            if whole_number(value, lowest=lowest, highest=highest) is None:
                return f"‘{name}’ must be a whole number from {lowest} to {highest}"
    if query.get("sort", "relevance") not in engine.SORTS:
        return f"‘sort’ must be one of: {', '.join(engine.SORTS)}"
    return None


class PracticeListView(ApiView):
    def get(self, request):
        if problem := invalid_parameter(request.GET):
            return api_error(400, problem)
        browse = BrowseRequest.from_query(request.GET, user=self.token.user if self.token else None)
        size = whole_number(request.GET.get("page_size", ""), highest=MAX_PAGE_SIZE) or settings.PORTAL_RESULTS_PER_PAGE
        page = browse.page
        if names_an_unknown_slug(request.GET):
            results = engine.Results(hits=[], total=0, facets={})
        else:
            results = engine.run(browse.text, browse.filters, browse.sort, offset=(page - 1) * size, limit=size)
        if results.too_slow:
            return api_error(503, "This search took too long. Try fewer words.")
        pages = max(1, -(-results.total // size))
        entries = entries_in_order([hit.pk for hit in results.hits])
        return JsonResponse(
            {
                "count": results.total,
                "page": page,
                "pages": pages,
                "page_size": size,
                "next": self.page_url(page + 1) if page < pages else None,
                "previous": self.page_url(page - 1) if 1 < page <= pages else None,
                "suggestion": results.suggestion,
                "results": [
                    practice_data(practice, with_contacts=self.token is not None, absolute=self.absolute)
                    for practice in entries
                ],
            }
        )

    def page_url(self, page):
        query = self.request.GET.copy()
        query["page"] = page
        return self.absolute(reverse("api_practice_list") + "?" + query.urlencode())


class PracticeDetailView(ApiView):
    def get(self, request, pk):
        # The URL takes any text, so a malformed id gets this API's JSON 404 rather than the site's page.
        pk = whole_number(pk)
        practice = next(entries_in_order([pk]), None) if pk else None
        if practice is None:
            return api_error(404, "There is no published practice with this id.")
        return JsonResponse(practice_data(practice, with_contacts=self.token is not None, absolute=self.absolute))


class ReferenceListView(ApiView):
    """Themes, local authorities or sub-regions, with how many published entries each has."""

    kind = None

    def get(self, request):
        counts = engine.run().facets[self.kind]
        results = []
        for pk, obj in cached.lists()[self.kind].items():
            data = named(obj, published_count=counts.get(pk, 0))
            if self.kind == "local_authority":
                data |= {"gss_code": obj.gss_code, "sub_region": obj.sub_region.slug}
            if self.kind == "theme":
                data["is_active"] = obj.is_active
            data["practice"] = self.absolute(reverse("api_practice_list") + "?" + urlencode({self.kind: obj.slug}))
            results.append(data)
        return JsonResponse({"results": results})


class SchemaView(PublicMixin, View):
    def get(self, request):
        return JsonResponse(openapi(request.build_absolute_uri("/api/v1")))


class IndexView(ApiView):
    """/api/v1/: where each endpoint is, for someone starting at the API's address."""

    def get(self, request):
        names = {
            "practice": "api_practice_list",
            "themes": "api_theme_list",
            "local_authorities": "api_local_authority_list",
            "sub_regions": "api_sub_region_list",
            "openapi": "api_schema",
        }
        return JsonResponse({key: self.absolute(reverse(name)) for key, name in names.items()})
