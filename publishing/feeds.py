"""Atom feeds of newly published practice: all of it, or one theme's, local authority's or sub-region's."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from reference.models import LocalAuthority, SubRegion, Theme
from submissions.models import Practice

ITEMS = 30

# kind -> (model, filter on Practice, the collection page's URL name)
SUBJECTS = {
    "theme": (Theme, "themes", "theme_detail"),
    "local_authority": (LocalAuthority, "local_authority", "local_authority_detail"),
    "sub_region": (SubRegion, "local_authority__sub_region", "sub_region_detail"),
}


class PracticeFeed(Feed):
    """The newest published entries; with a kind and slug, only those of one theme, LA or sub-region."""

    feed_type = Atom1Feed
    description_template = "feeds/practice_description.html"

    def get_object(self, request, kind=None, slug=None):
        if settings.PORTAL_BROWSE_REQUIRES_SIGN_IN and not request.user.is_authenticated:
            return None  # a feed reader cannot sign in: the feed is there, but empty
        if kind is None:
            return {"kind": None}
        model, _, _ = SUBJECTS[kind]
        return {"kind": kind, "subject": get_object_or_404(model, slug=slug)}

    def title(self, obj):
        subject = (obj or {}).get("subject")
        return f"Sharing Practice: {subject.name}" if subject else "Sharing Practice: newly published practice"

    def subtitle(self, obj):
        return "Anti-racist practice and tackling disproportionality, shared by London's local authorities."

    def link(self, obj):
        if obj and obj.get("subject"):
            return reverse(SUBJECTS[obj["kind"]][2], args=[obj["subject"].slug])
        return reverse("practice_list")

    def items(self, obj):
        if obj is None:
            return []
        practices = Practice.objects.published().exclude(published_at=None)
        if subject := obj.get("subject"):
            practices = practices.filter(**{SUBJECTS[obj["kind"]][1]: subject})
        return (
            practices.select_related("local_authority")
            .prefetch_related("themes")
            .order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item):
        return f"{item.title} ({item.local_authority.name})"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.local_authority.name

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]
