"""Forms for running a meeting as councils run committee business: its agenda items (with their decisions and
minutes), the actions arising, and the plan's forward plan."""

from datetime import date

from django import forms
from django.utils import timezone

from inputs.numbers import whole_number
from inputs.text_fields import MultilineField, TextLimitsMixin
from plans.forms import FIRST_PLANS, due_date, owners_among_contacts, owners_with_accounts, people_of
from plans.models import LINE_LIMIT, TEXT_LIMIT, Action, Owner, PlanContact
from plans.owners import match_named
from plans.services import MAX_DEPTH, OwnerChoice
from submissions.models import Practice


def action_label(action):
    return f"{action.number} {shortened_line(action.what)}"


def shortened_line(text, limit=120):
    """The first line, cut at a word, for a choice in a list (the page it leads to has it whole)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def plan_actions(plan):
    return Action.objects.filter(area__plan=plan).select_related("area")


class AgendaItemForm(TextLimitsMixin, forms.Form):
    """An agenda item: what it is about (an action, an area, a practice entry, or other business in words), and the
    decision and minutes recorded against it."""

    ABOUT = [
        ("action", "An action of the plan"),
        ("area", "An area of the plan"),
        ("practice", "A practice entry"),
        ("other", "Other business"),
    ]
    about = forms.ChoiceField(
        label="What is the item about?",
        choices=ABOUT,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what the item is about",
            "invalid_choice": "Choose one of the kinds listed",
        },
    )
    action = forms.TypedChoiceField(
        label="The action",
        coerce=whole_number,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Choose one of the plan's actions"},
    )
    area = forms.TypedChoiceField(
        label="The area",
        coerce=whole_number,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Choose one of the plan's areas"},
    )
    practice_number = forms.CharField(
        label="The practice entry's number",
        max_length=20,
        required=False,
        help_text="The number ending the entry's address (12 for /practice/12/).",
    )
    title = forms.CharField(
        label="Title",
        max_length=LINE_LIMIT,
        required=False,
        help_text="Needed for other business. For an action, an area or an entry, its own words are used if empty.",
    )
    decision = MultilineField(
        label="Decision (optional)",
        max_length=TEXT_LIMIT,
        required=False,
        help_text="What the directors decided, as it should read in the minutes.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    minutes = MultilineField(
        label="Minutes (optional)",
        max_length=TEXT_LIMIT,
        required=False,
        help_text="What was said.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, plan, item=None, **kwargs):
        if item is not None:
            about = "action" if item.action_id else "area" if item.area_id else "practice" if item.practice_id else ""
            initial = {
                "about": about or "other",
                "action": item.action_id,
                "area": item.area_id,
                "practice_number": item.practice_id or "",
                "title": "" if about else item.title,
                "decision": item.decision,
                "minutes": item.minutes,
            }
            kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.item = item
        self.actions = {action.pk: action for action in plan_actions(plan)}
        self.areas = {area.pk: area for area in plan.areas.all()}
        self.fields["action"].choices = [("", "Choose an action")] + [
            (pk, action_label(action)) for pk, action in self.actions.items()
        ]
        self.fields["area"].choices = [("", "Choose an area")] + [(pk, str(area)) for pk, area in self.areas.items()]

    def clean(self):
        cleaned = super().clean()
        about, title = cleaned.get("about"), cleaned.get("title", "")
        cleaned["linked"] = {"action": None, "area": None, "practice": None}
        if about == "action":
            action = self.actions.get(cleaned.get("action"))
            if action is None:
                self.add_error("action", forms.ValidationError("Choose the action", code="required"))
            else:
                cleaned["linked"]["action"] = action
                title = title or f"Action {action.number}: {action.what}"
        elif about == "area":
            area = self.areas.get(cleaned.get("area"))
            if area is None:
                self.add_error("area", forms.ValidationError("Choose the area", code="required"))
            else:
                cleaned["linked"]["area"] = area
                title = title or f"Area {area}"
        elif about == "practice":
            number = whole_number(cleaned.get("practice_number", "").strip())
            practice = Practice.objects.published().filter(pk=number).select_related("local_authority").first()
            if practice is None:
                message = "Enter the number of a published practice entry"
                self.add_error("practice_number", forms.ValidationError(message, code="not_found"))
            else:
                cleaned["linked"]["practice"] = practice
                title = title or f"{practice.title} ({practice.local_authority.name})"
        elif about == "other" and not title:
            self.add_error("title", forms.ValidationError("Enter the item's title", code="required"))
        cleaned["title"] = " ".join(title.split())[:LINE_LIMIT]
        return cleaned


class ArisingForm(TextLimitsMixin, forms.Form):
    """A new action arising (from an action, numbered under it, or in an area), with its owners and due date, and
    the meeting it was agreed at if any."""

    NOT_AT_A_MEETING = "none"

    arising_from = forms.ChoiceField(
        label="Arising from",
        widget=forms.Select(attrs={"class": "form-select"}),
        help_text="An action arising from another is numbered under it: 1.1.1 arises from 1.1.",
        error_messages={
            "required": "Choose the action it arises from, or the area it belongs to",
            "invalid_choice": "Choose one of the plan's actions or areas",
        },
    )
    meeting = forms.ChoiceField(
        label="Agreed at",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the meeting it was agreed at, or say it was not agreed at a meeting",
            "invalid_choice": "Choose one of the meetings listed",
        },
    )
    what = MultilineField(
        label="Action",
        max_length=TEXT_LIMIT,
        help_text="What is to be done, as it was agreed.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the action"},
    )
    owner_people = owners_with_accounts()
    owner_contacts = owners_among_contacts()
    owner_names = forms.CharField(
        label="Other owners, by name (optional)",
        max_length=LINE_LIMIT,
        required=False,
        help_text="For people without an account yet. Separate names with commas.",
    )
    due_on = due_date()

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["owner_contacts"].queryset = PlanContact.objects.for_plan(plan)
        if not self.fields["owner_contacts"].queryset.exists():
            del self.fields["owner_contacts"]
        self.actions = {f"action-{action.pk}": action for action in plan_actions(plan)}
        self.areas = {f"area-{area.pk}": area for area in plan.areas.all()}
        held = plan.meetings.filter(held_on__lte=timezone.localdate())  # agreed at a meeting held (or today's)
        self.meetings = {str(meeting.pk): meeting for meeting in held}
        self.fields["arising_from"].choices = [
            ("", "Choose"),
            ("Arising from an action", [(key, action_label(action)) for key, action in self.actions.items()]),
            ("A new action of an area", [(key, f"Area {area}") for key, area in self.areas.items()]),
        ]
        self.fields["meeting"].choices = [
            (pk, f"At the meeting of {meeting.held_on:%-d %B %Y}") for pk, meeting in self.meetings.items()
        ] + [(self.NOT_AT_A_MEETING, "Not at a meeting")]
        self.fields["owner_people"].queryset = people_of(plan.sub_region)

    def clean_arising_from(self):
        key = self.cleaned_data["arising_from"]
        parent = self.actions.get(key)
        if parent is not None and parent.depth >= MAX_DEPTH:
            raise forms.ValidationError(
                f"An action can be raised under {parent.number} only in its own area: choose area {parent.area}",
                code="too_deep",
            )
        return key

    def clean(self):
        cleaned = super().clean()
        cleaned["parent"] = self.actions.get(cleaned.get("arising_from"))
        cleaned["area"] = self.areas.get(cleaned.get("arising_from"))
        cleaned["at_meeting"] = self.meetings.get(cleaned.get("meeting"))
        return cleaned

    def owners(self):
        """The owners chosen, and those typed by name: a name that is the coordinator's or a plan contact's is that
        person (as in an imported plan, plans.owners.match_named), so they are reminded; any other stays a name."""
        people = [OwnerChoice(Owner.Kind.PERSON, user=user) for user in self.cleaned_data["owner_people"]]
        contacts = [OwnerChoice(Owner.Kind.CONTACT, contact=c) for c in self.cleaned_data.get("owner_contacts", [])]
        names = [name.strip() for name in self.cleaned_data["owner_names"].split(",") if name.strip()]
        named = [OwnerChoice(**match_named(name, self.plan)) for name in dict.fromkeys(names)]
        chosen, owners = set(), []
        for owner in people + contacts + named:  # a person ticked and typed too is one owner
            key = (owner.kind, getattr(owner.user, "pk", None), getattr(owner.contact, "pk", None), owner.name)
            if key not in chosen:
                chosen.add(key)
                owners.append(owner)
        return owners


def first_of_months(start, count):
    """The first day of `count` months from `start`'s month."""
    year, month = start.year, start.month
    for _ in range(count):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class ForwardPlanForm(TextLimitsMixin, forms.Form):
    """An item of the forward plan: its title, the coming meeting or the month it is planned for, notes."""

    title = forms.CharField(
        label="Item",
        max_length=LINE_LIMIT,
        help_text="For example, ‘Themed discussion: exploitation and serious youth violence’.",
        error_messages={"required": "Enter the item"},
    )
    planned_for = forms.ChoiceField(
        label="Planned for",
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={"invalid_choice": "Choose one of the meetings or months listed"},
    )
    notes = MultilineField(
        label="Notes (optional)", max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, plan, item=None, **kwargs):
        if item is not None:
            planned = f"meeting-{item.meeting_id}" if item.meeting_id else f"{item.month:%Y-%m}" if item.month else ""
            initial = {"title": item.title, "planned_for": planned, "notes": item.notes}
            kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        meetings = plan.meetings.filter(held_on__gte=today).order_by("held_on")
        if item is not None and item.meeting_id:
            meetings = meetings | plan.meetings.filter(pk=item.meeting_id)
        self.meetings = {f"meeting-{m.pk}": m for m in meetings}
        months = list(first_of_months(max(today, FIRST_PLANS), 24))
        if item is not None and item.month and item.month not in months:
            months.insert(0, item.month)
        self.months = {f"{month:%Y-%m}": month for month in months}
        self.fields["planned_for"].choices = [
            ("", "Choose a meeting or a month"),
            ("A coming meeting", [(key, f"The meeting of {m.held_on:%-d %B %Y}") for key, m in self.meetings.items()]),
            ("A month", [(key, f"{month:%B %Y}") for key, month in self.months.items()]),
        ]
        self.fields["planned_for"].error_messages["required"] = "Choose the meeting or the month it is planned for"

    def clean(self):
        cleaned = super().clean()
        planned = cleaned.get("planned_for", "")
        cleaned["meeting"], cleaned["month"] = self.meetings.get(planned), self.months.get(planned)
        return cleaned
