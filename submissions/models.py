"""The Sharing Practice proforma and the reference data it points at."""

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from submissions.uploads import download_filename

# The proforma's long texts, in characters: well beyond any real return's (the longest so far has 5,000
# in all), and what bounds the work of search and downloads. The database holds to them as the forms do.
TEXT_LIMITS = {"summary": 600, "description": 15_000, "impact": 8_000}
COMMENT_LIMIT = 5_000  # a moderator's comment, a lead's reason, a call's message

# What history and audit pages say where the person who acted has since been deleted.
DELETED_ACCOUNT = "a deleted account"
# How an imported entry's first event begins (the command-line import acts for nobody).
IMPORTED_FROM = "Imported from "


def person_name(user):
    """How the portal names someone who did something: their name, else their email, else that the account is gone."""
    if user is None:
        return DELETED_ACCOUNT
    return user.get_full_name() or user.email or user.username


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
        ordering = ["position", "name"]
        verbose_name_plural = "sharing categories"

    def __str__(self):
        return self.name

    @property
    def reader_name(self):
        """The name as readers of an entry see it: the template's "your organisation" speaks to the borough."""
        return self.name.replace("Within your organisation", "With its own organisation")

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
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Membership(models.Model):
    """Makes a user a borough lead for one local authority."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    local_authority = models.ForeignKey(LocalAuthority, models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "local_authority"], name="unique_membership"),
        ]
        ordering = ["local_authority__name"]

    def __str__(self):
        return f"{self.user} leads for {self.local_authority}"


class CallQuerySet(models.QuerySet):
    def opened(self):
        return self.exclude(opened_at=None)

    def due_to_open(self, today):
        """Calls whose opening date has come and that are still taking returns."""
        return self.filter(opened_at=None, opens_on__lte=today, return_by__gte=today)

    def visible_to(self, user):
        """Moderators see every call; other signed-in people the ones that have been opened."""
        from submissions.roles import is_moderator

        return self.all() if is_moderator(user) else self.opened()

    def open_to_lead(self, user, today):
        """Opened calls still taking returns that ask one of the user's local authorities."""
        return (
            self.opened()
            .filter(return_by__gte=today, local_authorities__memberships__user=user)
            .distinct()
            .order_by("return_by", "pk")
        )


class Call(models.Model):
    """A call for practice: the proforma circulated to a set of local authorities, with a date to return it by."""

    title = models.CharField(max_length=200)
    message = models.TextField(
        max_length=COMMENT_LIMIT, help_text="What you are asking for and why. It goes in the email to the leads."
    )
    local_authorities = models.ManyToManyField(LocalAuthority, related_name="calls")
    themes = models.ManyToManyField(Theme, blank=True, related_name="calls")
    opens_on = models.DateField("opening date")
    return_by = models.DateField("return-by date")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # When the leads were emailed; until then the call can still be changed.
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-return_by", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(return_by__gte=models.F("opens_on")), name="call_returns_after_opening"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("call_detail", args=[self.pk])

    @property
    def is_opened(self):
        return self.opened_at is not None

    @property
    def is_past_return_by(self):
        return timezone.localdate() > self.return_by


class CallReminder(models.Model):
    """One reminder of a call to one local authority's leads; at most one a day."""

    call = models.ForeignKey(Call, models.CASCADE, related_name="reminders")
    local_authority = models.ForeignKey(LocalAuthority, models.CASCADE, related_name="+")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "local_authority", "sent_on"], name="one_reminder_a_day"),
        ]

    def __str__(self):
        return f"Reminder of {self.call} to {self.local_authority} on {self.sent_on}"


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED, revision_of=None)

    def entries(self):
        """Entries in their own right, leaving out revisions of published entries."""
        return self.filter(revision_of=None)

    def awaiting_review(self):
        return self.filter(status=Practice.Status.SUBMITTED)

    def of_lead(self, user):
        """Entries of the local authorities the user leads for, whatever their status."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(local_authority__memberships__user=user)

    def visible_to(self, user):
        """Entries the user may open: published ones, their own LAs' and, for moderators, all."""
        from submissions.roles import is_moderator

        if is_moderator(user):
            return self.all()
        return self.filter(models.Q(status=Practice.Status.PUBLISHED) | models.Q(pk__in=self.of_lead(user)))

    def manageable_by(self, user):
        """Entries whose unpublished states and history the user may see: moderators all, leads their own."""
        from submissions.roles import is_moderator

        return self.all() if is_moderator(user) else self.of_lead(user)

    def with_card_data(self):
        return self.select_related("local_authority__sub_region").prefetch_related("themes")

    def with_proforma_data(self):
        """Everything an entry's page or a download shows, in the same few queries however many entries."""
        return self.with_card_data().prefetch_related("categories", "contacts", "resources")


class Practice(models.Model):
    """One returned Sharing Practice proforma."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # The statuses in which a lead may still change the entry, or take it back.
    EDITABLE_STATUSES = {Status.DRAFT, Status.CHANGES_REQUESTED}
    WITHDRAWABLE_STATUSES = {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED}
    OPEN_REVISION_STATUSES = {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED}

    local_authority = models.ForeignKey(LocalAuthority, models.PROTECT, related_name="practices")
    call = models.ForeignKey(
        Call, models.SET_NULL, null=True, blank=True, related_name="practices", verbose_name="call for practice"
    )
    # A lead's changes to a published entry: a working copy that replaces it once approved.
    revision_of = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="revisions", editable=False
    )
    title = models.CharField("name of the project or approach", max_length=200)
    categories = models.ManyToManyField(SharingCategory, blank=True, related_name="practices")
    themes = models.ManyToManyField(Theme, blank=True, related_name="practices")
    summary = models.TextField(max_length=TEXT_LIMITS["summary"], blank=True)
    description = models.TextField(max_length=TEXT_LIMITS["description"], blank=True)
    impact = models.TextField(max_length=TEXT_LIMITS["impact"], blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Goes up with every change, so a page acting on an older state can be refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # SHA-256 of the Word or text proforma an entry was imported from, so importing it again finds it.
    source_fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        permissions = [("moderate_practice", "Can review, publish and reject practice")]
        constraints = [
            models.CheckConstraint(condition=LessThanOrEqual(Length(name), limit), name=f"practice_{name}_length")
            for name, limit in TEXT_LIMITS.items()
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practice_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def can_be_deleted(self):
        """A draft no moderator has seen can go altogether; anything submitted is withdrawn instead."""
        return self.status == self.Status.DRAFT

    @property
    def can_be_withdrawn(self):
        return self.status in self.WITHDRAWABLE_STATUSES

    @property
    def open_revision(self):
        """The lead's changes to this published entry that are not yet decided, if any."""
        return self.revisions.filter(status__in=self.OPEN_REVISION_STATUSES).first()

    @property
    def published_versions(self):
        return [snapshot for snapshot in self.snapshots.all() if snapshot.kind == Snapshot.Kind.PUBLISHED]

    @property
    def latest_decision(self):
        """The moderators' most recent word on the entry: changes requested, a rejection or unpublishing."""
        decisions = [Event.Action.CHANGES_REQUESTED, Event.Action.REJECTED, Event.Action.UNPUBLISHED]
        return self.events.filter(action__in=decisions).order_by("-created_at", "-pk").first()

    @property
    def conversation(self):
        """What the lead and the moderators said to each other about the entry, oldest first."""
        return self.events.exclude(comment="").select_related("actor").order_by("created_at", "pk")

    def missing_answers(self):
        """What must still be answered before submitting, as (field anchor, message) pairs."""
        missing = []
        if not self.summary.strip():
            missing.append(("id_summary", "Enter a short summary of the work"))
        if not self.description.strip():
            missing.append(("id_description", "Describe the work being undertaken"))
        if not self.impact.strip():
            missing.append(("id_impact", "Describe the impact of the work"))
        if not self.categories.exists():
            missing.append(("id_categories_0", "Select who the practice is shared with"))
        if not self.themes.exists():
            missing.append(("id_themes_0", "Select at least one theme"))
        if not self.contacts.exists():
            missing.append(("contacts", "Add at least one contact for people who want to find out more"))
        return missing


class Contact(models.Model):
    """A person to ask about the practice. Emails and phones are shown to signed-in users only."""

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField("job title or role", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name

    @property
    def summary_line(self):
        return ", ".join(part for part in (self.role, self.email, self.phone) if part)


class Resource(models.Model):
    """A document or web link that goes with a practice entry."""

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField("web link", max_length=500, blank=True)
    # Stored under a generated name (see uploads.py); the author's name for it is kept beside it.
    file = models.FileField(upload_to="resources/", blank=True, max_length=200)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(url="") & ~models.Q(file="")) | (~models.Q(url="") & models.Q(file="")),
                name="resource_is_a_file_or_a_link",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resource_download", args=[self.pk]) if self.is_file else self.url

    @property
    def is_file(self):
        return bool(self.file)

    @property
    def download_filename(self):
        return download_filename(self.original_filename or self.file.name, self.content_type)

    @property
    def summary_line(self):
        if self.is_file:
            return f"{self.original_filename} ({filesizeformat(self.size)})"
        return self.url

    @property
    def link_host(self):
        """The site a link goes to, in the ASCII form browsers use, so a look-alike address
        (a Greek ο in gov.uk, say) shows as the different site it is: xn--gv-jbc.uk."""
        host = urlsplit(self.url).hostname or ""
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            return host


class Event(models.Model):
    """The audit trail: who did what to an entry, and when."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        EDITED = "edited", "Edited"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        PUBLISHED = "published", "Published"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        REJECTED = "rejected", "Rejected"
        UNPUBLISHED = "unpublished", "Unpublished"
        REVISION_STARTED = "revision_started", "Started changes to the published entry"
        THEME_DECIDED = "theme_decided", "Theme suggestion decided"

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=20, choices=Action)
    from_status = models.CharField(max_length=20, choices=Practice.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Practice.Status, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor_name} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def actor_name(self):
        if self.actor is None and self.comment.startswith(IMPORTED_FROM):
            return "the proforma import"
        return person_name(self.actor)

    @property
    def is_from_lead(self):
        return self.action in {self.Action.SUBMITTED, self.Action.WITHDRAWN}


class Snapshot(models.Model):
    """The entry's content as it was submitted or published: for what-changed and old versions."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        PUBLISHED = "published", "Published"

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="snapshots")
    kind = models.CharField(max_length=20, choices=Kind)
    content = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.practice} at {self.created_at:%Y-%m-%d %H:%M}"


class ThemeSuggestion(models.Model):
    """A theme a lead asked for; a moderator adds it to the list or maps it to an existing theme."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        ACCEPTED = "accepted", "Added as a new theme"
        MAPPED = "mapped", "Matched to an existing theme"

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="theme_suggestions")
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    theme = models.ForeignKey(Theme, models.SET_NULL, null=True, blank=True, related_name="+")
    suggested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name

    @property
    def state(self):
        """Where the suggestion stands, as the lead reads it."""
        if self.status == self.Status.MAPPED and self.theme_id:
            return f"not added: matched to the existing theme ‘{self.theme.name}’"
        return self.get_status_display().lower()


class OutgoingEmail(models.Model):
    """
    An email written inside the transaction that caused it and sent after commit, so a
    failing mail server never undoes a decision. Unsent ones are retried by send_pending_emails.
    """

    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Extra mail headers, such as List-Unsubscribe on digests.
    headers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.subject} to {self.to}"


def new_unsubscribe_token():
    return secrets.token_urlsafe(24)


class DigestSubscription(models.Model):
    """A signed-in user's weekly or monthly email of newly published practice, optionally narrowed."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        MONTHLY = "monthly", "Monthly"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="digest")
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.WEEKLY)
    sub_regions = models.ManyToManyField(SubRegion, blank=True, related_name="+")
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    # Lets the link in each digest unsubscribe without signing in; it is the only thing it can do.
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_unsubscribe_token, editable=False)
    # Each digest covers what was published after this, and moves it on: nothing is sent twice.
    covered_until = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self):
        return f"{self.get_frequency_display()} digest for {self.user}"


class ApiToken(models.Model):
    """
    A key for the JSON API that unlocks contacts' emails and phones, as signing in does on the site.
    Only a hash is stored: the key is shown once, when an admin makes it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the key is for, such as ‘LIIA website’.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.name} ({self.user})"


class InactivityWarning(models.Model):
    """When a person whose account has not been used for a long time was told it will be closed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="inactivity_warning")
    warned_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} warned at {self.warned_at:%Y-%m-%d}"


class Erasure(models.Model):
    """
    That a person's data was erased: when, by whom and how many records changed. It keeps no copy
    of the data, only fingerprints (hashes) of the person's names and emails, so that restoring an
    older backup can erase them again (see erasure.py).
    """

    class Mode(models.TextChoices):
        REPLACED = "replaced", "Replaced with a description"
        REMOVED = "removed", "Removed"

    fingerprints = models.JSONField(default=list, editable=False)
    mode = models.CharField(max_length=10, choices=Mode, default=Mode.REPLACED)
    replacement = models.CharField(max_length=200, blank=True)
    records = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("erase_person", "Can find, export and erase a person's data")]

    def __str__(self):
        return f"Erasure of {self.records} records at {self.created_at:%Y-%m-%d %H:%M}"


class DeletionRequest(models.Model):
    """A person asking for their account and data to be deleted: a task for the admins, not a deletion."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="deletion_requests")
    reason = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.user} asked to be deleted on {self.created_at:%Y-%m-%d}"


class AccountEvent(models.Model):
    """The audit trail of who may do what: roles, memberships and account flags, and who changed them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    group = models.CharField(max_length=150, blank=True, help_text="For changes to a role's permissions.")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    description = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.description


class SearchEntry(models.Model):
    """
    Derived data for browse and search: one row per published entry and nothing else, so
    unpublished text can never be found. Written only by submissions/search.py.
    """

    practice = models.OneToOneField(Practice, models.CASCADE, primary_key=True, related_name="search_entry")
    local_authority = models.ForeignKey(LocalAuthority, models.CASCADE, related_name="+")
    sub_region = models.ForeignKey(SubRegion, models.CASCADE, related_name="+")
    call = models.ForeignKey(Call, models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    title = models.CharField(max_length=200, db_index=True)
    # ",t3,t7,c2," for themes 3 and 7 and category 2: filtered and counted with plain string tests,
    # which both databases do in one pass far faster than unpacking JSON.
    tags = models.TextField(default=",")
    # The entry's distinct words, so the vocabulary can be counted down exactly when it leaves.
    words = models.TextField(blank=True)
    # PostgreSQL: the whole text, weighted, for matching (GIN index); and a compact vector of
    # the title, themes and summary for ranking cheaply. SQLite keeps its FTS5 table instead.
    search_vector = SearchVectorField(null=True)
    rank_vector = SearchVectorField(null=True)

    class Meta:
        ordering = ["-published_at", "practice_id"]
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """The vocabulary of published text, with how many entries use each word: for 'did you mean'."""

    word = models.CharField(max_length=60, primary_key=True)
    entries = models.IntegerField(default=0)  # not Positive: a decrement is proposed as a negative upsert

    def __str__(self):
        return self.word


class SearchState(models.Model):
    """One row whose generation goes up whenever what browse pages show changes (see generation.py)."""

    generation = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"search generation {self.generation}"
