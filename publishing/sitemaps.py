"""The sitemap of published pages, for search engines. Empty when browsing needs signing in."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from reference.models import LocalAuthority, SubRegion, Theme
from submissions.models import Practice


class PublicSitemap(Sitemap):
    def items(self):
        return [] if settings.PORTAL_BROWSE_REQUIRES_SIGN_IN else self.public_items()


class PracticeSitemap(PublicSitemap):
    changefreq = "monthly"
    limit = 10_000

    def public_items(self):
        return Practice.objects.published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, practice):
        return practice.updated_at


class CollectionSitemap(PublicSitemap):
    changefreq = "weekly"

    def public_items(self):
        return [*Theme.objects.all(), *LocalAuthority.objects.all(), *SubRegion.objects.all()]

    def location(self, item):
        name = {Theme: "theme_detail", LocalAuthority: "local_authority_detail", SubRegion: "sub_region_detail"}
        return reverse(name[type(item)], args=[item.slug])


class PageSitemap(PublicSitemap):
    changefreq = "daily"

    def public_items(self):
        return ["home", "practice_list", "theme_list", "local_authority_list", "sub_region_list", "coverage"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "collections": CollectionSitemap, "practice": PracticeSitemap}
