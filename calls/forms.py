"""Forms for calls for practice: making one, and filtering the coverage page."""

from django import forms
from django.utils import timezone

from calls import rules
from calls.models import Call
from inputs.date_input import DateInputField
from inputs.numbers import IdChoiceField, IdsChoiceField
from inputs.text_fields import MultilineField, TextLimitsMixin
from reference.models import LocalAuthority, SharingCategory, SubRegion, Theme

OWN_REGIONS = "Select a sub-region you coordinate: you can make calls for your own sub-regions only"
OWN_AUTHORITIES = "Select local authorities of the sub-regions you coordinate: you can make calls for those only"


class CallForm(TextLimitsMixin, forms.ModelForm):
    AUDIENCES = [
        ("sub_region", "The boroughs of a sub-region"),
        ("london", "All 33 London local authorities"),
        ("authorities", "Local authorities I choose"),
    ]

    audience = forms.ChoiceField(
        label="Who is the call for?",
        choices=AUDIENCES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the call is for", "invalid_choice": "Select who the call is for"},
    )
    sub_region = IdChoiceField(
        SubRegion.objects.all(),
        label="Sub-region",
        required=False,
        empty_label="Select",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    chosen_authorities = IdsChoiceField(
        LocalAuthority.objects.all(),
        label="Local authorities",
        required=False,
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
    )
    opens_on = DateInputField(
        what="The opening date",
        label="Opening date",
        help_text="The leads are emailed on this date. If it is today, you can open the call straight away. "
        "For example, 27 3 2027.",
    )
    return_by = DateInputField(
        what="The return-by date",
        label="Return-by date",
        help_text="The date by which you need the proformas back. For example, 17 4 2027.",
    )

    class Meta:
        model = Call
        fields = ["title", "message", "audience", "sub_region", "chosen_authorities", "themes", "opens_on", "return_by"]
        field_classes = {"message": MultilineField, "themes": IdsChoiceField}
        labels = {
            "title": "Title of the call",
            "message": "Message to the leads",
            "themes": "Themes the call asks about (optional)",
        }
        help_texts = {
            "title": "For example, ‘East London DCS meeting, March: school exclusions’.",
            "message": "What you are asking for and why, and when the collated practice will be discussed. "
            "It is the body of the email the leads receive.",
            "themes": "Leave them all unticked to ask about any anti-racist practice.",
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "themes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": "Enter a title for the call"},
            "message": {"required": "Enter a message to the leads"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["themes"].queryset = Theme.objects.active()
        # Only the sub-regions the user may make calls for (calls.rules): a coordinator's own.
        regions = rules.call_regions(user)
        self.fields["sub_region"].queryset = regions
        self.fields["sub_region"].error_messages["invalid_choice"] = OWN_REGIONS
        self.fields["chosen_authorities"].queryset = LocalAuthority.objects.filter(sub_region__in=regions)
        self.fields["chosen_authorities"].error_messages["invalid_choice"] = OWN_AUTHORITIES
        self.fields["chosen_authorities"].label_from_instance = lambda authority: authority.name
        if not rules.may_ask_all_of_london(user):
            self.fields["audience"].choices = [choice for choice in self.AUDIENCES if choice[0] != "london"]
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("opens_on", timezone.localdate())
            if len(own := list(regions[:2])) == 1:  # a coordinator of one sub-region: theirs, chosen already
                self.initial.setdefault("audience", "sub_region")
                self.initial.setdefault("sub_region", own[0].pk)

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == "sub_region" and not cleaned.get("sub_region"):
            self.add_error("sub_region", "Select the sub-region the call is for")
        if audience == "authorities" and not cleaned.get("chosen_authorities"):
            self.add_error("chosen_authorities", "Select the local authorities the call is for")
        opens_on, return_by = cleaned.get("opens_on"), cleaned.get("return_by")
        if opens_on and opens_on < timezone.localdate():
            self.add_error("opens_on", "The opening date must be today or in the future")
        if opens_on and return_by and return_by < opens_on:
            self.add_error("return_by", "The return-by date must be the same as or after the opening date")
        if not self.errors and self.target_authorities().filter(pk__in=rules.outside_regions(self.user)).exists():
            self.add_error("audience", OWN_AUTHORITIES)  # the fields' choices refuse it first; this holds if not
        return cleaned

    def target_authorities(self):
        audience = self.cleaned_data["audience"]
        if audience == "london":
            return LocalAuthority.objects.all()
        if audience == "sub_region":
            return self.cleaned_data["sub_region"].local_authorities.all()
        return self.cleaned_data["chosen_authorities"]

    def save(self, commit=True):
        call = super().save(commit=commit)
        if commit:
            call.local_authorities.set(self.target_authorities())
        return call


class CoverageFilterForm(forms.Form):
    """GET filters for the coverage page; anything unknown is ignored."""

    call = forms.ModelChoiceField(
        Call.objects.none(),
        label="Call for practice",
        required=False,
        empty_label="All published practice",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    year = forms.TypedChoiceField(
        label="Year published",
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, calls, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        self.fields["year"].choices = [("", "Any year")] + [(year, str(year)) for year in years]

    def chosen(self):
        """The filters that are valid; a stale call in a bookmark does not drop the year, or the other way."""
        if not self.is_bound:
            return {"call": None, "year": None}
        self.is_valid()  # fills cleaned_data with the fields that are valid, even when another is not
        return {"call": self.cleaned_data.get("call"), "year": self.cleaned_data.get("year")}


class MapFilterForm(forms.Form):
    """GET filters for the tile map: a theme and a way of sharing; anything unknown is ignored."""

    theme = forms.ModelChoiceField(
        Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any theme",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    category = forms.ModelChoiceField(
        SharingCategory.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any way",
        label="Shared with",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def chosen(self):
        if not self.is_bound:
            return {"theme": None, "category": None}
        self.is_valid()  # keeps whichever of the two is valid
        return {"theme": self.cleaned_data.get("theme"), "category": self.cleaned_data.get("category")}
