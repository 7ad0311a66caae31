"""
Disparity data: datasets with their provenance, ethnic groups at both Census 2021 levels
with the labels publishers use for them, measures split into stages, and observations
that keep the publisher's symbols as what they mean (never as 0).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from reference.models import LocalAuthority, Theme

# The group a view compares with unless the reader chooses another, by level of groups.
DEFAULT_COMPARISON = {"detailed": "white-british", "high": "white"}


class RatesOf(models.TextChoices):
    """What a dataset's counts are rates of, as the analyst chose at load time: each row's own denominator from the
    file, or the group's population loaded (of the same kind: illustrative with illustrative, real with real)."""

    FILE = "file", "each row's own denominator, from the file"
    POPULATION = "population", "the group's population loaded (the Census)"


class Dataset(models.Model):
    """One loaded file, with where it came from: shown on every page that uses it."""

    class Source(models.TextChoices):
        DFE = "dfe", "Department for Education statistics (open-data CSV)"
        CENSUS = "census", "Census 2021 ethnic group by local authority (bulk CSV)"
        YJB = "yjb", "Youth Justice Board youth justice statistics (supporting CSV)"
        LONG = "long", "Long CSV (the portal's template)"
        DEMO = "demo", "Illustrative data generated for the demo"

    title = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source)
    publisher = models.CharField(max_length=200)
    url = models.URLField("where it was published", max_length=500, blank=True)
    licence = models.CharField(max_length=200, blank=True, help_text="as the publisher states it; blank if not stated")
    release_date = models.DateField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    is_illustrative = models.BooleanField("illustrative, not official statistics", default=False)
    rates_of = models.CharField(
        "its rates are of",
        max_length=12,
        choices=RatesOf,
        blank=True,
        default=RatesOf.POPULATION,
        help_text="chosen at load time; never by what else is in a view (docs/decisions/0011)",
    )
    denominator_column = models.CharField(
        max_length=100, blank=True, help_text="the file's column of each row's denominator (a DfE file's headcount)"
    )
    all_ages = models.BooleanField(
        "all ages as the children's population",
        default=False,
        editable=False,
        help_text="residents of every age (the Census's TS021) loaded as the children's population, as the analyst "
        "confirmed: rates of it are per 1,000 residents of all ages",
    )
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    loaded_at = models.DateTimeField(default=timezone.now, editable=False)
    row_count = models.PositiveIntegerField(default=0, editable=False)
    measures = models.ManyToManyField("Measure", blank=True, editable=False, related_name="datasets")
    replaced_by = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="the dataset that replaced some or all of its figures (the same stage, area, period)",
    )

    class Meta:
        ordering = ["-loaded_at"]
        permissions = [("load_dataset", "Can load disparity datasets")]

    def __str__(self):
        return self.title


class EthnicGroup(models.Model):
    """A Census 2021 ethnic group: one of 19 detailed groups, or one of the 5 high-level groups; or a publisher's
    own detailed group where it splits children differently (the DfE's Gypsy/Roma), with the combined group both
    splits add up to (Gypsy, Roma or Irish Traveller), which rates use when the split differs from the Census's."""

    class Level(models.TextChoices):
        HIGH = "high", "5 high-level groups"
        DETAILED = "detailed", "19 detailed groups"
        COMBINED = "combined", "groups two publishers split differently, added up"

    class Split(models.TextChoices):
        ALL = "", "every publisher's"
        CENSUS = "census", "the Census 2021's split of a combined group"
        DFE = "dfe", "the Department for Education's split of a combined group"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, unique=True, help_text="as the Census 2021 names it")
    short_name = models.CharField(max_length=60, help_text="as pages and sentences name it: Black Caribbean")
    level = models.CharField(max_length=10, choices=Level)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True, related_name="children")
    position = models.PositiveSmallIntegerField(default=0)
    split = models.CharField(max_length=10, choices=Split, default=Split.ALL, blank=True)
    combined = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="splits", help_text="the group both splits add to"
    )

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.short_name


class EthnicGroupLabel(models.Model):
    """A code or label one publisher uses for a group. Labels not in this table are reported, never guessed: the
    analyst loading a file says what each is (or that it is left out), and the choice is kept here for that publisher,
    with who made it and when (`added_at`), and applied to their files from then on (docs/decisions/0011)."""

    publisher = models.CharField(
        max_length=200, help_text="census, dfe, yjb, or any; or the publisher an analyst's choice is for, in lower case"
    )
    label = models.CharField(max_length=200, help_text="as published; matched ignoring case, spaces and punctuation")
    group = models.ForeignKey(
        EthnicGroup,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="labels",
        help_text="blank: the label's rows are left out deliberately",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    added_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="when an analyst chose it while loading a file"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publisher", "label"], name="one_group_per_publisher_label")]

    def __str__(self):
        return f"{self.publisher}: {self.label} → {self.group}"


class MeasureQuerySet(models.QuerySet):
    def with_data(self):
        return self.filter(stages__observations__isnull=False).distinct()

    def outcomes(self):
        return self.exclude(kind=Measure.Kind.POPULATION)


class Measure(models.Model):
    """Something counted by ethnic group, at one or more stages of intervention."""

    class Kind(models.TextChoices):
        POPULATION = "population", "Population (the denominator)"
        OUTCOME = "outcome", "Children's outcome"
        WORKFORCE = "workforce", "Children's workforce"

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.OUTCOME)
    description = models.TextField(blank=True)
    what_is_counted = models.CharField(max_length=120, default="children")
    theme = models.ForeignKey(Theme, models.SET_NULL, null=True, blank=True, related_name="measures")
    position = models.PositiveSmallIntegerField(default=0)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Stage(models.Model):
    """One step of a measure's chain (referral → assessment → …), in order; or one workforce grade."""

    measure = models.ForeignKey(Measure, models.CASCADE, related_name="stages")
    slug = models.SlugField()
    name = models.CharField(max_length=120)
    verb = models.CharField(max_length=120, blank=True, help_text="'to be permanently excluded', for the summary")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["measure", "position"]
        constraints = [models.UniqueConstraint(fields=["measure", "slug"], name="unique_stage_slug")]

    def __str__(self):
        return f"{self.measure}: {self.name}"


class Symbol(models.TextChoices):
    """What a publisher put instead of a number (the DfE's symbols), kept as its meaning."""

    NONE = "", "a number"
    SUPPRESSED = "c", "suppressed by the publisher"
    NOT_AVAILABLE = "x", "not available"
    NOT_APPLICABLE = "z", "not applicable"
    LOW = "low", "rounds to zero"
    LOW_RELIABILITY = "u", "low reliability"


class ObservationQuerySet(models.QuerySet):
    def for_measure(self, measure):
        return self.filter(stage__measure=measure)


class Observation(models.Model):
    """A count for one stage, period, local authority (or England, or London as its publisher published it) and
    ethnic group."""

    dataset = models.ForeignKey(Dataset, models.CASCADE, related_name="observations")
    stage = models.ForeignKey(Stage, models.PROTECT, related_name="observations")
    period = models.CharField(max_length=10, help_text="as published: 2021, 2022/23")
    year = models.PositiveSmallIntegerField(help_text="the period's first year, for ordering")
    local_authority = models.ForeignKey(LocalAuthority, models.PROTECT, null=True, blank=True, related_name="+")
    london = models.BooleanField(
        default=False,
        help_text="London's own figure, as its publisher published it (local authority blank)",
    )
    ethnic_group = models.ForeignKey(EthnicGroup, models.PROTECT, null=True, blank=True, related_name="+")
    count = models.PositiveIntegerField(null=True, blank=True)
    symbol = models.CharField(max_length=3, choices=Symbol, blank=True, default="")
    denominator = models.PositiveIntegerField(null=True, blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["stage", "year"])]

    def __str__(self):
        place = self.local_authority or ("London" if self.london else "England")
        return f"{self.stage} {self.period} {place} {self.ethnic_group or 'Total'}"


class KeptTable(models.Model):
    """A measure's protected cells, built after a load (never by a page) and kept for every process to read
    (evidence.kept). Derived data: deleted, it is built again by build_evidence_tables (run_scheduled)."""

    key = models.CharField(max_length=200, unique=True, help_text="data version, threshold and stage ids")
    cells = models.BinaryField(help_text="zlib-compressed JSON rows")
    made_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.key


class CitationQuerySet(models.QuerySet):
    def named(self):
        """With each comparison group's name, for `points_at`, in the same query."""
        groups = EthnicGroup.objects.filter(code=models.OuterRef("comparison")).values("short_name")[:1]
        return self.annotate(comparison_name=models.Subquery(groups))

    def of_published_practice(self):
        return self.filter(practice__status="published", practice__revision_of=None)

    def stamp(self, measure):
        """Changes when a citation of the measure is added or removed: kept measure pages vary on it."""
        found = self.filter(measure=measure).aggregate(count=models.Count("pk"), last=models.Max("pk"))
        return f"{found['count']}-{found['last']}"


class CitedView(models.Model):
    """A measure as the view someone was looking at when they cited it (area, period, groups compared)."""

    area = models.SlugField(max_length=60, help_text="the area's slug: london, england, a sub-region or an LA")
    area_name = models.CharField(max_length=120)
    year = models.PositiveSmallIntegerField(help_text="the period's first year")
    period = models.CharField(max_length=10, help_text="as published: 2022/23")
    level = models.CharField(max_length=10, default="detailed")
    comparison = models.SlugField(max_length=60, help_text="the comparison group's code")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CitationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["added_at", "pk"]

    def __str__(self):
        return f"{self.measure}: {self.points_at()}"

    def get_absolute_url(self):
        query = f"area={self.area}&period={self.year}&level={self.level}&comparison={self.comparison}"
        return f"{reverse('evidence:measure', args=[self.measure.slug])}?{query}"

    def points_at(self):
        """The view cited, as readers name it: "Hackney, 2023/24", with the groups and the comparison group where
        they are not the page's defaults ("…, 5 high-level groups, compared with Black")."""
        parts = [self.area_name, self.period]
        if self.level == "high":
            parts.append("5 high-level groups")
        if self.comparison != DEFAULT_COMPARISON.get(self.level):
            name = getattr(self, "comparison_name", None)  # from named(); else asked here
            if name is None:
                name = EthnicGroup.objects.filter(code=self.comparison).values_list("short_name", flat=True).first()
            parts.append(f"compared with {name or self.comparison}")
        return ", ".join(parts)


class Citation(CitedView):
    """A practice entry citing a measure, as the view its lead was looking at (area, period, groups compared).
    Added and removed only through evidence.citing, which records it in the entry's history."""

    practice = models.ForeignKey("submissions.Practice", models.CASCADE, related_name="citations")
    measure = models.ForeignKey(Measure, models.CASCADE, related_name="citations")

    class Meta(CitedView.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "measure", "area", "year", "level", "comparison"], name="one_citation_per_view"
            )
        ]


class ActionCitation(CitedView):
    """An action of a plan citing a measure, as the view its plan's editor was looking at. Added and removed only
    through evidence.citing_actions, which records it in the plan's history; read as the action's plan is."""

    action = models.ForeignKey("plans.Action", models.CASCADE, related_name="evidence_citations")
    measure = models.ForeignKey(Measure, models.CASCADE, related_name="action_citations")

    class Meta(CitedView.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["action", "measure", "area", "year", "level", "comparison"], name="one_action_citation_per_view"
            )
        ]
