"""Reference data: the sub-regions, local authorities, sharing categories and themes everything else points at."""

from django.db import models


class BySlugQuerySet(models.QuerySet):
    """Reference data is known by its slug, so a backup loads into any database whatever its ids."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SubRegion(models.Model):
    """A group of boroughs whose directors meet together, such as East London."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    objects = BySlugQuerySet.as_manager()

    class Meta:
        db_table = "submissions_subregion"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class LocalAuthority(models.Model):
    gss_code = models.CharField("ONS GSS code", max_length=9, unique=True)
    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=60)
    slug = models.SlugField(unique=True)
    sub_region = models.ForeignKey(SubRegion, models.PROTECT, related_name="local_authorities")

    objects = BySlugQuerySet.as_manager()

    class Meta:
        db_table = "submissions_localauthority"
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class SharingCategory(models.Model):
    """One of the template's five 'who is this shared with' categories."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = BySlugQuerySet.as_manager()

    class Meta:
        db_table = "submissions_sharingcategory"
        ordering = ["position", "name"]
        verbose_name_plural = "sharing categories"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class ThemeQuerySet(BySlugQuerySet):
    def active(self):
        return self.filter(is_active=True)


class Theme(models.Model):
    """A topic practice is tagged with. Admins keep the list; retired themes stay on old entries."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField("offered to leads", default=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        db_table = "submissions_theme"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class SearchState(models.Model):
    """One row whose generation goes up whenever what browse pages show changes (see generation.py)."""

    generation = models.PositiveBigIntegerField(default=0)

    class Meta:
        db_table = "submissions_searchstate"

    def __str__(self):
        return f"search generation {self.generation}"
