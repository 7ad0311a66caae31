"""Forms for plans: importing one, adding and changing actions, updates, and recording a meeting."""

from datetime import date

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from calls.models import Call
from inputs.date_input import DateInputField
from inputs.numbers import IdsChoiceField, WholeNumberField, whole_number
from inputs.text_fields import MultilineField, TextLimitsMixin
from plans.models import LINE_LIMIT, TEXT_LIMIT, Action, ActionResource, Area, Owner, PlanContact
from plans.services import OwnerChoice, group_name
from reference.models import Theme
from submissions.forms import ResourceForm
from submissions.models import Practice

FIRST_PLANS = date(2020, 1, 1)  # the sub-regions' plans began in 2020: no meeting or due date is before it
BOTH_DUES = "Give a due date or the meeting it is due by, not both"
BLOCKED_HINT = "Only if the action is blocked."


def reason_only_if_blocked(form):
    """'Why it is blocked' says it is only for Blocked, and the browser shows it only while Blocked is chosen
    (static/js/shown-with.js); without JavaScript it stays shown."""
    field = form.fields["blocked_reason"]
    field.help_text = BLOCKED_HINT
    field.widget.attrs.update({"data-shown-with": form.add_prefix("status"), "data-shown-for": Action.Status.BLOCKED})


def without_reason_unless_blocked(cleaned):
    """A reason typed while another status is chosen is not kept (the box may have been filled, then hidden)."""
    if cleaned.get("status") != Action.Status.BLOCKED:
        cleaned["blocked_reason"] = ""


def years_from_today(years):
    today = timezone.localdate()
    return today.replace(year=today.year + years, day=28 if (today.month, today.day) == (2, 29) else today.day)


def people_of(sub_region):
    """Accounts that can own a sub-region's actions: its directors, coordinators and local authorities' leads."""
    if sub_region is None:
        return User.objects.none()
    return (
        User.objects.filter(
            Q(sub_region_roles__sub_region=sub_region) | Q(memberships__local_authority__sub_region=sub_region),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


class PersonChoiceField(IdsChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name() or user.email} ({user.email})"


def owners_with_accounts():
    """An action's owners with accounts, offered by the form's __init__ (the action form's and the arising form's)."""
    return PersonChoiceField(
        User.objects.none(),
        label="Owners with an account",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They see the action in My actions and are reminded before it is due.",
    )


def owners_among_contacts():
    """An action's owners among the plan's contacts, offered by the form's __init__."""
    return IdsChoiceField(
        PlanContact.objects.none(),
        label="Owners without an account (plan contacts)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They are emailed before it is due, with a link to their own actions.",
    )


def due_date():
    return DateInputField(
        what="The due date",
        label="Due date (optional)",
        required=False,
        help_text="For example, 30 9 2026.",
        earliest=FIRST_PLANS,
        latest=lambda: years_from_today(10),
    )


class ActionForm(TextLimitsMixin, forms.ModelForm):
    """An action as a coordinator adds or changes it, with its owners: people, groups of the sub-region, names."""

    GROUPS = [(Owner.Kind.DIRECTORS, "The sub-region's directors (DCSs)"), (Owner.Kind.LEADS, "Each LA's lead")]

    owner_people = owners_with_accounts()
    owner_groups = forms.MultipleChoiceField(
        label="Owned by a group", choices=GROUPS, required=False, widget=forms.CheckboxSelectMultiple
    )
    owner_contacts = owners_among_contacts()
    owner_names = forms.CharField(
        label="Other owners, by name (optional)",
        max_length=LINE_LIMIT,
        required=False,
        help_text="For people without an account yet, or ‘the alliance’. Separate names with commas.",
    )
    due_on = due_date()
    themes = IdsChoiceField(
        Theme.objects.active(), label="Themes (optional)", required=False, widget=forms.CheckboxSelectMultiple
    )
    calls = IdsChoiceField(
        Call.objects.opened(),
        label="Calls for practice it draws on (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    practice_numbers = forms.CharField(
        label="Practice entries it draws on (optional)",
        max_length=LINE_LIMIT,
        required=False,
        help_text="The numbers ending the entries' addresses (12 for /practice/12/), separated by commas.",
    )
    version = WholeNumberField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = ["what", "activity", "due_by_meeting", "status", "blocked_reason"]
        field_classes = {"what": MultilineField, "activity": MultilineField, "blocked_reason": MultilineField}
        labels = {
            "what": "Action",
            "activity": "Activity (optional)",
            "due_by_meeting": "Or due by the meeting of (optional)",
            "blocked_reason": "Why it is blocked",
        }
        help_texts = {
            "what": "What is to be done, as the directors agreed it.",
            "due_by_meeting": "For example, September.",
        }
        widgets = {
            "status": forms.RadioSelect,
            "what": forms.Textarea(attrs={"rows": 3}),
            "activity": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"what": {"required": "Enter the action"}}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.sub_region = sub_region = plan.sub_region
        self.fields["owner_people"].queryset = people_of(sub_region)
        self.fields["owner_contacts"].queryset = PlanContact.objects.for_plan(plan)
        if not self.fields["owner_contacts"].queryset.exists():
            del self.fields["owner_contacts"]
        self.fields["blocked_reason"].required = False
        if self.instance.pk:
            owners = list(self.instance.owners.all())
            self.initial.update(
                owner_people=[o.user_id for o in owners if o.user_id],
                owner_groups=[o.kind for o in owners if o.kind in (Owner.Kind.DIRECTORS, Owner.Kind.LEADS)],
                owner_contacts=[o.contact_id for o in owners if o.contact_id],
                owner_names=", ".join(o.name for o in owners if o.kind == Owner.Kind.NAMED),
                due_on=self.instance.due_on,
                themes=list(self.instance.themes.values_list("pk", flat=True)),
                calls=list(self.instance.calls.values_list("pk", flat=True)),
                practice_numbers=", ".join(str(pk) for pk in self.instance.practices.values_list("pk", flat=True)),
                version=self.instance.version,
            )
            self.fields["version"].required = True  # changes are checked against the version the page showed
            reason_only_if_blocked(self)
        else:
            del self.fields["status"], self.fields["blocked_reason"]

    def clean_practice_numbers(self):
        parts = [part.strip() for part in self.cleaned_data["practice_numbers"].replace(";", ",").split(",")]
        numbers = {whole_number(part) for part in parts if part}
        found = list(Practice.objects.published().filter(pk__in=numbers - {None}))
        if None in numbers or len(found) != len(numbers):
            raise forms.ValidationError(
                "Enter the numbers of published practice entries, separated by commas", code="not_found"
            )
        return found

    def clean(self):
        cleaned = super().clean()
        if "status" in self.fields:
            without_reason_unless_blocked(cleaned)
        if cleaned.get("status") == Action.Status.BLOCKED and not cleaned.get("blocked_reason"):
            self.add_error("blocked_reason", forms.ValidationError("Say why the action is blocked", code="required"))
        if cleaned.get("due_on") and cleaned.get("due_by_meeting"):
            self.add_error("due_by_meeting", forms.ValidationError(BOTH_DUES, code="both"))
        return cleaned

    def owners(self):
        people = [OwnerChoice(Owner.Kind.PERSON, user=user) for user in self.cleaned_data["owner_people"]]
        groups = [
            OwnerChoice(kind, name=group_name(kind, self.sub_region)) for kind in self.cleaned_data["owner_groups"]
        ]
        contacts = [OwnerChoice(Owner.Kind.CONTACT, contact=c) for c in self.cleaned_data.get("owner_contacts", [])]
        names = [name.strip() for name in self.cleaned_data["owner_names"].split(",") if name.strip()]
        named = [OwnerChoice(Owner.Kind.NAMED, name=name) for name in dict.fromkeys(names)]
        return people + groups + contacts + named


class AreaForm(TextLimitsMixin, forms.ModelForm):
    version = WholeNumberField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={"required": "Open the area's page again: the form did not say which version you changed"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.version
            self.fields["version"].required = True  # changes are checked against the version the page showed

    class Meta:
        model = Area
        fields = ["title", "why"]
        field_classes = {"why": MultilineField}
        labels = {"title": "Area for collaboration", "why": "Why it matters (optional)"}
        help_texts = {"title": "For example, ‘Youth justice responses’."}
        widgets = {"why": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": "Enter the area for collaboration"}}


class UpdateForm(TextLimitsMixin, forms.Form):
    """One dated update under an action, and its status after it."""

    text = MultilineField(
        label="Update", max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label="Status", choices=Action.Status.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    blocked_reason = MultilineField(
        label="Why it is blocked", max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = WholeNumberField(widget=forms.HiddenInput)
    shown_status = forms.ChoiceField(choices=Action.Status.choices, widget=forms.HiddenInput, required=False)

    recorded = forms.ChoiceField(
        label="When was it recorded?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the meeting the update was recorded at, or say it was written on a date",
            "invalid_choice": "Choose one of the meetings listed, or a date",
        },
    )
    written_on = DateInputField(
        what="The date it was written",
        label="The date it was written",
        required=False,
        help_text="For example, 16 7 2026.",
        earliest=FIRST_PLANS,
        latest=timezone.localdate,
    )

    ON_A_DATE = "date"

    def __init__(self, *args, action, text_required=True, meetings=None, **kwargs):
        """text_required is off on the meeting page, where an action not discussed is left empty and every update is
        dated by the meeting (`meetings` None); elsewhere the update is dated by a meeting held already, or a date
        given, chosen on the form: never silently today."""
        current = {"status": action.status, "blocked_reason": action.blocked_reason, "version": action.version}
        current["shown_status"] = action.status
        kwargs["initial"] = {**current, "written_on": timezone.localdate(), **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.action = action
        self.text_required = text_required
        reason_only_if_blocked(self)
        if meetings is None:
            del self.fields["recorded"], self.fields["written_on"]
            return
        self.meetings = {str(meeting.pk): meeting for meeting in meetings}
        self.fields["recorded"].choices = [
            (pk, f"At the meeting of {meeting.held_on:%-d %B %Y}") for pk, meeting in self.meetings.items()
        ] + [(self.ON_A_DATE, "Not at a meeting: written on a date")]

    def clean(self):
        cleaned = super().clean()
        without_reason_unless_blocked(cleaned)
        cleaned["new_status"] = self.new_status(cleaned)
        if "recorded" in self.fields:
            cleaned["meeting"] = self.meetings.get(cleaned.get("recorded"))
            if cleaned["meeting"]:
                cleaned["written_on"] = cleaned["meeting"].held_on
            elif cleaned.get("recorded") == self.ON_A_DATE and not cleaned.get("written_on"):
                if not self.has_error("written_on"):
                    self.add_error(
                        "written_on", forms.ValidationError("Enter the date it was written", code="required")
                    )
        # A change of status alone is an update ("Status changed to done."), as on the meeting page.
        if self.text_required and not cleaned.get("text") and not cleaned["new_status"]:
            self.add_error("text", forms.ValidationError("Write the update, or change the status", code="required"))
        if cleaned.get("status") == Action.Status.BLOCKED and not cleaned.get("blocked_reason"):
            self.add_error("blocked_reason", forms.ValidationError("Say why the action is blocked", code="required"))
        return cleaned

    def new_status(self, cleaned):
        """The status chosen if it is a change from the one the page showed (or a blocked action's new reason);
        else "": the update is only added, and someone else's change of status meanwhile stands."""
        status, shown = cleaned.get("status", ""), cleaned.get("shown_status") or self.action.status
        reason_changed = status == Action.Status.BLOCKED and cleaned.get("blocked_reason") != self.action.blocked_reason
        return status if status != shown or reason_changed else ""


NAMED_PEOPLE_HINT = (
    "One person on each line: their name, a comma, then their organisation. For example, ‘Ben Jones, LIIA’."
)


class MeetingForm(TextLimitsMixin, forms.Form):
    held_on = DateInputField(
        what="The meeting's date",
        label="Date of the meeting",
        help_text="For example, 16 7 2026.",
        earliest=FIRST_PLANS,
        latest=lambda: years_from_today(2),
    )
    attendees = PersonChoiceField(
        User.objects.none(), label="Attending from the sub-region", required=False, widget=forms.CheckboxSelectMultiple
    )
    other_attendees = MultilineField(
        label="Others attending (optional)",
        max_length=2_000,
        required=False,
        help_text=NAMED_PEOPLE_HINT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    apologies = PersonChoiceField(
        User.objects.none(),
        label="Apologies from the sub-region",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_apologies = MultilineField(
        label="Others sending apologies (optional)",
        max_length=2_000,
        required=False,
        help_text=NAMED_PEOPLE_HINT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, sub_region, others, **kwargs):
        """others: the plan's other meetings, whose dates are taken."""
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people_of(sub_region)
        self.fields["apologies"].queryset = people_of(sub_region)
        self.initial.setdefault("held_on", timezone.localdate())
        self.others = others

    def clean(self):
        cleaned = super().clean()
        both = set(cleaned.get("attendees") or ()) & set(cleaned.get("apologies") or ())
        if both:
            names = ", ".join(sorted(person.get_full_name() or person.email for person in both))
            self.add_error(
                "apologies", forms.ValidationError(f"{names} cannot both attend and send apologies", code="both")
            )
        return cleaned

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on and self.others.filter(held_on=held_on).exists():
            raise forms.ValidationError(
                f"There is already a meeting of this plan on {held_on:%-d %B %Y}: open it from the plan's page",
                code="same_date",
            )
        return held_on


class ShortlistForm(forms.Form):
    """ "Add to the pack for <meeting>": a practice entry and one of the meetings the user may shortlist for."""

    practice = WholeNumberField()
    meeting = WholeNumberField()


class ActionResourceForm(ResourceForm):
    """A document or link on an action: the proforma's resource form, with its upload checks, for an action."""

    class Meta(ResourceForm.Meta):
        model = ActionResource

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter a title for the resource"


class MoveActionForm(forms.Form):
    """The other area of the action's plan it moves to, by the area's number."""

    area = forms.TypedChoiceField(
        label="Which area should the action move to?",
        widget=forms.RadioSelect,
        coerce=whole_number,
        error_messages={"required": "Choose the area to move the action to"},
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        areas = action.area.plan.areas.exclude(pk=action.area_id)
        self.fields["area"].choices = [(str(area.number), str(area)) for area in areas]
        self.fields["area"].error_messages["invalid_choice"] = "Choose one of the areas listed"


class ContactForm(TextLimitsMixin, forms.ModelForm):
    """Someone without an account who owns actions: their name and email, where they work and their role."""

    class Meta:
        model = PlanContact
        fields = ["name", "email", "organisation", "role"]
        labels = {"organisation": "Organisation (optional)", "role": "Role (optional)"}
        help_texts = {
            "name": "As the plan names them, so that ‘Ben’ in an imported plan finds them: Ben Smith.",
            "email": "Reminders go here, with a link to their own actions. Changing it stops the links sent before.",
            "organisation": "For example, LIIA.",
        }
        error_messages = {
            "name": {"required": "Enter their name"},
            "email": {
                "required": "Enter their email address",
                "invalid": "Enter an email address like name@example.org",
            },
        }
