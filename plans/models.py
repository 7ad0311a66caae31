"""A sub-region's plan of areas for collaboration: areas, actions, owners, dated updates and meetings."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from calls.models import Call
from plans.querysets import ActionQuerySet, MeetingQuerySet, PlanContactQuerySet, PlanQuerySet
from reference.models import LocalAuthority, SubRegion, Theme
from submissions.models import FILE_OR_LINK, Practice, StoredResource

TEXT_LIMIT = 5_000  # an action, an area's why, an update: well beyond the context documents' longest paragraph
LINE_LIMIT = 300


class SubRegionRole(models.Model):
    """Someone's part in a sub-region's plan, set by an admin: its coordinator, or one of its directors (DCSs)."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", "Coordinator (edits the plan)"
        DIRECTOR = "director", "Director of children's services"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="sub_region_roles")
    sub_region = models.ForeignKey(SubRegion, models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sub_region", "role"], name="unique_sub_region_role")]
        ordering = ["sub_region__name", "role"]

    def __str__(self):
        return f"{self.user} is {self.get_role_display().split(' (')[0].lower()} for {self.sub_region}"


class Plan(models.Model):
    """A plan of areas for collaboration, agreed by a sub-region's directors, or London's as a whole."""

    sub_region = models.ForeignKey(SubRegion, models.PROTECT, null=True, blank=True, related_name="plans")
    title = models.CharField(max_length=LINE_LIMIT)
    introduction = models.TextField(blank=True, max_length=TEXT_LIMIT)
    shared_across_london = models.BooleanField(
        "shared across London", default=False, help_text="Everyone signed in may read it. Plans are never public."
    )
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking, as the proforma's
    source_digest = models.CharField(max_length=64, blank=True, editable=False)  # of the text last imported
    # Minutes, packs and versions quote areas by number, so a deleted area's number is never given again.
    highest_deleted_area = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["sub_region__name", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def region_name(self):
        return self.sub_region.name if self.sub_region_id else "London"


class PlanVersion(models.Model):
    """The plan as it was when a version was saved (v.1 when imported, v.2 after a meeting…), for comparing."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    note = models.CharField(max_length=LINE_LIMIT, blank=True)
    source_digest = models.CharField(max_length=64, blank=True, editable=False)  # of the file it was imported from
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")]

    def __str__(self):
        return f"v.{self.number}"


class Area(models.Model):
    """A numbered area for collaboration, such as "Youth justice responses"."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=LINE_LIMIT)
    why = models.TextField(blank=True, max_length=TEXT_LIMIT)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic locking, as an action's

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_area_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{self.plan.get_absolute_url()}#area-{self.number}"


def due_text(due_on, due_by_meeting):
    """When an action is due, in words: a date, or the meeting it is due by."""
    if due_on:
        return f"{due_on:%-d %B %Y}"
    return f"By the meeting of {due_by_meeting}" if due_by_meeting else ""


class Action(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        BLOCKED = "blocked", "Blocked"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED)

    area = models.ForeignKey(Area, models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField(default=1)
    activity = models.TextField("activity", blank=True, max_length=TEXT_LIMIT)
    what = models.TextField("action", max_length=TEXT_LIMIT)
    owners_text = models.TextField("owners as written", max_length=TEXT_LIMIT, blank=True)
    due_on = models.DateField("due date", null=True, blank=True)
    due_by_meeting = models.CharField("due by the meeting of", max_length=LINE_LIMIT, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    blocked_reason = models.TextField(blank=True, max_length=TEXT_LIMIT)
    themes = models.ManyToManyField(Theme, blank=True, related_name="plan_actions")
    practices = models.ManyToManyField(Practice, blank=True, related_name="plan_actions")
    calls = models.ManyToManyField(Call, blank=True, related_name="plan_actions")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    # An action arising from another (at a meeting, or in an update) is numbered under it: 1.1.1 (decisions/0010).
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="arising", verbose_name="arising from"
    )
    arose_at = models.ForeignKey(
        "Meeting", models.SET_NULL, null=True, blank=True, related_name="actions_arising", verbose_name="raised at"
    )
    # Its place in the plan as text that sorts: "00001" for 1.1, "00001.00002" for 1.1.2 (kept by save()).
    sort_key = models.CharField(max_length=200, blank=True, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["area__number", "sort_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="blocked") | ~models.Q(blocked_reason=""), name="blocked_action_has_reason"
            )
        ]

    def __str__(self):
        return self.what[:80]

    def save(self, *args, **kwargs):
        self.sort_key = self.place_key()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("plans:action_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def due_text(self):
        return due_text(self.due_on, self.due_by_meeting)

    def place_key(self):
        own = f"{self.position:05d}"
        return f"{self.parent.sort_key}.{own}" if self.parent_id else own

    @property
    def number(self):
        """The action's number within its area, "5.2": the documents number only the areas, and one can hold two.
        An action arising from another is numbered under it, "5.2.1" (its place among those arising from 5.2)."""
        places = self.sort_key.split(".") if self.sort_key else [str(self.position)]
        return ".".join([str(self.area.number), *(str(int(place)) for place in places)])

    @property
    def parent_number(self):
        """The number of the action it arises from ("1.1" for 1.1.2), without asking the database for it."""
        return self.number.rsplit(".", 1)[0] if self.parent_id else ""

    @property
    def depth(self):
        """1 for an action of the plan, 2 for one arising from it, and so on."""
        return self.sort_key.count(".") + 1 if self.sort_key else 1

    @property
    def owners_wording(self):
        """The owners as the document wrote them, unless that line is the action itself ("Action / Owner: Ben to
        circulate …") or says no more than the owners matched."""
        if self.owners_text.strip() in ("", self.what.strip()):
            return ""
        if words_of(self.owners_text) == words_of(" ".join(map(str, self.owners.all()))):
            return ""  # "Zed Zephyr." for the owner Zed Zephyr: printed once
        return self.owners_text

    @property
    def tracks_boroughs(self):
        """Owned by each LA ("each LA's lead"), or asking each borough for something ("DCSs to identify a point of
        contact in their LA"): each borough of the sub-region ticks it off."""
        if self.area.plan.sub_region_id is None:
            return False
        if any(owner.kind == Owner.Kind.LEADS for owner in self.owners.all()):
            return True
        return bool(EACH_BOROUGH.search(f"{self.what}\n{self.owners_text}"))

    def borough_checklist(self):
        """Each borough of the sub-region: (local authority, its leads' names, done, done by, done at); empty
        unless the action tracks boroughs (`tracks_boroughs`)."""
        if not self.tracks_boroughs:
            return []
        checks = {check.local_authority_id: check for check in self.borough_checks.select_related("done_by")}
        authorities = LocalAuthority.objects.filter(sub_region=self.area.plan.sub_region_id).order_by("name")
        rows = []
        for authority in authorities.prefetch_related("memberships__user"):
            leads = sorted(
                m.user.get_full_name() or m.user.email for m in authority.memberships.all() if m.user.is_active
            )
            check = checks.get(authority.pk)
            done_by = (check.done_by.get_full_name() or check.done_by.email) if check and check.done_by else ""
            rows.append((authority, leads, check is not None, done_by, check.done_at if check else None))
        return rows


EACH_BOROUGH = re.compile(
    r"\b(?:each|every|their)\s+(?:LA|local\s+authority|borough)s?\b|\bLA'?s?\s+lead", re.IGNORECASE
)


class Owner(models.Model):
    """Who owns an action: an account, or a named group ("all North Central London DCSs", "each LA's lead")."""

    class Kind(models.TextChoices):
        PERSON = "person", "A person with an account"
        DIRECTORS = "directors", "The sub-region's directors (DCSs)"
        LEADS = "leads", "Each local authority's lead"
        NAMED = "named", "Someone named, without an account yet"
        CONTACT = "contact", "A named person with an email (a plan contact)"

    action = models.ForeignKey(Action, models.CASCADE, related_name="owners")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=LINE_LIMIT, blank=True)
    # The document's "Ben" as the person it is: a contact, reminded by email with a link to their own actions.
    contact = models.ForeignKey("PlanContact", models.CASCADE, null=True, blank=True, related_name="owned")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="person", user__isnull=False) | ~models.Q(kind="person"),
                name="person_owner_has_account",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="contact", contact__isnull=False) | ~models.Q(kind="contact"),
                name="contact_owner_has_contact",
            ),
        ]

    def __str__(self):
        if self.user_id:
            return self.user.get_full_name() or self.user.email
        if self.contact_id:
            return self.contact.name
        return self.name or self.get_kind_display()


class Meeting(models.Model):
    """A meeting of a sub-region's directors, at which the plan's actions are updated."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="meetings")
    held_on = models.DateField("date")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    other_attendees = models.TextField("others attending", blank=True, max_length=TEXT_LIMIT)
    apologies = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    other_apologies = models.TextField("others sending apologies", blank=True, max_length=TEXT_LIMIT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.plan.region_name} meeting, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("plans:meeting_detail", args=[self.pk])

    @property
    def is_held(self):
        """Before today: its pack is what was sent, and stays so (a meeting today is still to come)."""
        return self.held_on < timezone.localdate()

    def attending(self):
        """Who attended, as one list: people with accounts, then the others as typed ("Ben Jones, LIIA")."""
        return people_named(self.attendees.all(), self.other_attendees)

    def sending_apologies(self):
        return people_named(self.apologies.all(), self.other_apologies)


def people_named(users, others):
    """Accounts by name, then named people without one, a line each as typed: their name, then their organisation."""
    return [user.get_full_name() or user.email for user in users] + list(named_people(others))


def named_people(text):
    """Each line of a box of names as "Name (Organisation)": "Ben Jones, LIIA" reads "Ben Jones (LIIA)"."""
    for line in text.splitlines():
        name, _, organisation = (part.strip() for part in line.partition(","))
        if name:
            yield f"{name} ({organisation})" if organisation else name


class Update(models.Model):
    """A dated update under an action, as typed into the Word document at a meeting."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="updates")
    written_on = models.DateField("date")
    text = models.TextField(max_length=TEXT_LIMIT)
    status = models.CharField("status after it", max_length=20, choices=Action.Status.choices, blank=True)
    meeting = models.ForeignKey(Meeting, models.SET_NULL, null=True, blank=True, related_name="updates")
    former_meeting = models.CharField(max_length=LINE_LIMIT, blank=True)  # the meeting's name, once it is deleted
    from_document = models.BooleanField(default=False, editable=False)  # read from an imported file
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-written_on", "-pk"]

    def __str__(self):
        return f"{self.written_on:%d/%m/%y}: {self.text[:60]}"

    @property
    def said(self):
        """What the update says; for one that only changed the status, the status it changed to."""
        return self.text or status_only(self.get_status_display())


def words_of(text):
    """The words, as compared: case, spaces and punctuation aside."""
    return re.findall(r"\w+", text.casefold())


def status_only(status):
    return f"Status changed to {status.lower()}" if status else STATUS_ONLY


STATUS_ONLY = "Status changed, with no update written"


class ActionResource(StoredResource):
    """A document or web link that goes with an action, on the proforma's rules (submissions/uploads.py)."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="resources")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=FILE_OR_LINK, name="action_resource_is_a_file_or_a_link")]

    def get_absolute_url(self):
        return reverse("plans:resource_download", args=[self.action_id, self.pk]) if self.file else self.url


class PackItem(models.Model):
    """A practice entry shortlisted for a meeting's pack, in the order it is shown."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="pack_items")
    practice = models.ForeignKey(Practice, models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=1)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "practice"], name="unique_pack_item")]

    def __str__(self):
        return f"{self.position}. {self.practice}"


class PlanEvent(models.Model):
    """The audit trail of a plan: every change, with who made it and when."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="events")
    action = models.ForeignKey(Action, models.SET_NULL, null=True, blank=True, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    description = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.description


class Reminder(models.Model):
    """An email sent about plans, kept so that running the command again sends nothing twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "Due in a week"
        OVERDUE = "overdue", "Weekly overdue list"
        MEETING = "meeting", "Overdue list before a meeting"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)  # what it was about: an action, a week, a meeting
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "user", "key"], name="unique_plan_reminder")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.user} ({self.key})"


def new_token():
    return secrets.token_urlsafe(32)


class ReminderSetting(models.Model):
    """Whether someone still wants the plans' reminder emails; the token is the one-click unsubscribe link's."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="plan_reminders")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user}: {'unsubscribed' if self.unsubscribed_at else 'reminded'}"


class SentPack(models.Model):
    """A meeting's pack as it was sent (or as it was first downloaded once the meeting was held): the Word file and,
    where LibreOffice is installed, its PDF, stored with the plan version they were made from and served unchanged
    ever after."""

    meeting = models.OneToOneField(Meeting, models.CASCADE, related_name="sent_pack")
    version_number = models.PositiveIntegerField()  # the plan's version the pack was made from: "v.3"
    word = models.FileField(upload_to="packs/", max_length=200)
    pdf = models.FileField(upload_to="packs/", max_length=200, blank=True)
    digest = models.CharField(max_length=64)  # SHA-256 of the Word file's bytes
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now, editable=False)
    on_sending = models.BooleanField(default=True)  # False: kept when first downloaded after the meeting

    def __str__(self):
        return f"Pack for the {self.meeting} (v.{self.version_number})"


class PlanContact(models.Model):
    """Someone without an account who owns actions ("Ben" of LIIA): a name and an email, kept by the coordinators
    for their sub-region (or, for London's plans, for one plan). Reminders reach them with a link to their own
    actions that needs no account (plans/contact_links.py)."""

    sub_region = models.ForeignKey(SubRegion, models.CASCADE, null=True, blank=True, related_name="plan_contacts")
    plan = models.ForeignKey(Plan, models.CASCADE, null=True, blank=True, related_name="contacts")
    name = models.CharField(max_length=LINE_LIMIT)
    email = models.EmailField()
    organisation = models.CharField(max_length=LINE_LIMIT, blank=True)
    role = models.CharField(max_length=LINE_LIMIT, blank=True)
    # An account made for them on an invitation: from then on they are reminded as any account is.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token)  # the reminders' unsubscribe link
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PlanContactQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sub_region__isnull=False, plan__isnull=True)
                | models.Q(sub_region__isnull=True, plan__isnull=False),
                name="plan_contact_of_a_sub_region_or_a_plan",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def first_name(self):
        return self.name.split()[0] if self.name.split() else ""


class ContactReminder(models.Model):
    """A reminder emailed to a plan contact, kept so that running the command again sends nothing twice."""

    kind = models.CharField(max_length=20, choices=Reminder.Kind.choices)
    contact = models.ForeignKey(PlanContact, models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=100)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "contact", "key"], name="unique_contact_reminder")]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.contact} ({self.key})"


class BoroughCheck(models.Model):
    """A borough has done its part of an action owned by each LA: ticked by whom and when (no row: not done)."""

    action = models.ForeignKey(Action, models.CASCADE, related_name="borough_checks")
    local_authority = models.ForeignKey(LocalAuthority, models.CASCADE, related_name="+")
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["local_authority__name"]
        constraints = [models.UniqueConstraint(fields=["action", "local_authority"], name="unique_borough_check")]

    def __str__(self):
        return f"{self.local_authority} has done {self.action.number}"


class AgendaItem(models.Model):
    """An item on a meeting's agenda, in order: an action, an area, a practice entry or other business, with the
    decision and minutes recorded against it."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField("item", max_length=LINE_LIMIT)  # the action's or area's words when it was added
    action = models.ForeignKey(Action, models.SET_NULL, null=True, blank=True, related_name="agenda_items")
    area = models.ForeignKey(Area, models.SET_NULL, null=True, blank=True, related_name="agenda_items")
    practice = models.ForeignKey(Practice, models.SET_NULL, null=True, blank=True, related_name="+")
    decision = models.TextField(blank=True, max_length=TEXT_LIMIT)
    minutes = models.TextField(blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(action__isnull=True, area__isnull=True)
                    | models.Q(action__isnull=True, practice__isnull=True)
                    | models.Q(area__isnull=True, practice__isnull=True)
                ),
                name="agenda_item_is_about_one_thing",
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"


class ForwardPlanItem(models.Model):
    """Business the directors mean to take at a coming meeting or in a month ("a themed discussion in September"),
    on the plan as a whole rather than under an area."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="forward_plan")
    title = models.CharField("item", max_length=LINE_LIMIT)
    meeting = models.ForeignKey(
        Meeting, models.SET_NULL, null=True, blank=True, related_name="forward_plan_items", verbose_name="meeting"
    )
    month = models.DateField(null=True, blank=True)  # its first day, when planned for a month rather than a meeting
    notes = models.TextField(blank=True, max_length=TEXT_LIMIT)

    class Meta:
        ordering = ["plan", "pk"]  # by when: plans.services.forward_plan_of

    def __str__(self):
        return self.title

    @property
    def planned_for(self):
        if self.meeting_id:
            return f"The meeting of {self.meeting.held_on:%-d %B %Y}"
        return f"{self.month:%B %Y}" if self.month else "Not yet planned"
