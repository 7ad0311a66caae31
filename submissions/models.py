"""The Sharing Practice proforma: an entry, its contacts and resources, its audit trail and versions."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from accounts.models import person_name
from accounts.roles import is_moderator
from reference.models import LocalAuthority, SharingCategory, Theme
from submissions.texts import repeats_description
from submissions.uploads import download_filename

# The proforma's long texts, in characters: well beyond any real return's (the longest so far has 5,000
# in all), and what bounds the work of search and downloads. The database holds to them as the forms do.
TEXT_LIMITS = {"summary": 600, "description": 15_000, "impact": 8_000}


COMMENT_LIMIT = 5_000  # a moderator's comment, a lead's reason, a call's message


# How an imported entry's first event begins (the command-line import acts for nobody).
IMPORTED_FROM = "Imported from "


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
        if is_moderator(user):
            return self.all()
        return self.filter(models.Q(status=Practice.Status.PUBLISHED) | models.Q(pk__in=self.of_lead(user)))

    def splittable_by(self, user):
        """Returns the user may split into separate entries (docs/decisions/0003): a lead their own LAs' drafts and
        those waiting for their changes, a moderator those sent for review; never changes to a published entry."""
        may = models.Q(pk__in=self.of_lead(user), status__in=Practice.EDITABLE_STATUSES)
        if is_moderator(user):
            may |= models.Q(status=Practice.Status.SUBMITTED)
        return self.filter(may, revision_of=None)

    def manageable_by(self, user):
        """Entries whose unpublished states and history the user may see: moderators all, leads their own."""
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
        "calls.Call", models.SET_NULL, null=True, blank=True, related_name="practices", verbose_name="call for practice"
    )
    # A lead's changes to a published entry: a working copy that replaces it once approved.
    revision_of = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="revisions", editable=False
    )
    # A return of several pieces of work split into separate entries: each keeps the return it came from.
    split_from = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="split_into", editable=False
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
    def summary_apart(self):
        """The summary, unless it is the description's opening (as one filled from it is): '' then, so pages and
        the pack, which print the description too, do not print it twice."""
        return "" if repeats_description(self.summary, self.description) else self.summary

    @property
    def awaiting_resources(self):
        """Resources named with no link or file yet: flagged to the lead and the moderator."""
        return [resource for resource in self.resources.all() if resource.is_awaiting]

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
        said = self.events.exclude(comment="").exclude(action__in=Event.NOT_SAID)
        return said.select_related("actor").order_by("created_at", "pk")

    def missing_answers(self):
        """What must still be answered before submitting, as (field anchor, message) pairs. The template asks
        for an impact and a contact but requires neither: it may be too early to say, and an entry that
        names no one sends enquiries to the alliance (PORTAL_ENQUIRIES_EMAIL)."""
        missing = []
        if not self.summary.strip():
            missing.append(("id_summary", "Enter a short summary of the work"))
        if not self.description.strip():
            missing.append(("id_description", "Describe the work being undertaken"))
        if not self.categories.exists():
            missing.append(("id_categories_0", "Select who the practice is shared with"))
        if not self.themes.exists():
            missing.append(("id_themes_0", "Select at least one theme"))
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


FILE_OR_LINK = (models.Q(url="") & ~models.Q(file="")) | (~models.Q(url="") & models.Q(file=""))
# An entry's resource may also be named before its link or file is to hand (returns name reports they have not
# linked): never both a link and a file.
NOT_BOTH = models.Q(url="") | models.Q(file="")


class StoredResource(models.Model):
    """A document or web link, one or the other: an entry's, or (plans.ActionResource) an action's. An entry's
    may be named with neither yet: awaiting a link or file."""

    title = models.CharField(max_length=200)
    url = models.URLField("web link", max_length=500, blank=True)
    # Stored under a generated name (see uploads.py); the author's name for it is kept beside it.
    file = models.FileField(upload_to="resources/", blank=True, max_length=200)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)

    may_await = False  # whether it may be named before its link or file is to hand (its table's check says so)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @property
    def is_file(self):
        return bool(self.file)

    @property
    def is_awaiting(self):
        """Named, with no link or file yet."""
        return not self.file and not self.url

    @property
    def download_filename(self):
        return download_filename(self.original_filename or self.file.name, self.content_type)

    @property
    def summary_line(self):
        if self.is_file:
            return f"{self.original_filename} ({filesizeformat(self.size)})"
        return self.url or "Awaiting a link or file"

    @property
    def link_host(self):
        """The site a link goes to, in the ASCII form browsers use, so a look-alike address
        (a Greek ο in gov.uk, say) shows as the different site it is: xn--gv-jbc.uk."""
        host = urlsplit(self.url).hostname or ""
        try:
            return host.encode("idna").decode("ascii")
        except UnicodeError:
            return host


class Resource(StoredResource):
    """A document or web link that goes with a practice entry."""

    practice = models.ForeignKey(Practice, models.CASCADE, related_name="resources")

    may_await = True

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=NOT_BOTH, name="resource_is_not_a_file_and_a_link")]

    def get_absolute_url(self):
        """Where the file or link is; '' while the resource awaits one."""
        return reverse("resource_download", args=[self.pk]) if self.is_file else self.url


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
        EVIDENCE_CITED = "evidence_cited", "Cited evidence"
        EVIDENCE_UNCITED = "evidence_uncited", "Stopped citing evidence"
        SPLIT = "split", "Split into separate entries"

    # Notes of what was done, not words to the lead or the moderators: kept out of the conversation.
    NOT_SAID = {Action.EVIDENCE_CITED, Action.EVIDENCE_UNCITED, Action.SPLIT}

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
