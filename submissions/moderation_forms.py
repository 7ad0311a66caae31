"""The moderators' forms: filtering the queue, deciding on an entry, and theme suggestions."""

from django import forms

from inputs.numbers import WholeNumberField
from inputs.text_fields import MultilineField, TextLimitsMixin
from reference.models import SubRegion, Theme
from submissions.models import COMMENT_LIMIT, Practice


class QueueFilterForm(forms.Form):
    """GOV.UK 'filter a list': plain GET fields, so a filtered queue can be bookmarked."""

    STATUSES = [
        (Practice.Status.SUBMITTED, "Awaiting review"),
        (Practice.Status.CHANGES_REQUESTED, "Changes requested"),
        (Practice.Status.PUBLISHED, "Published"),
        (Practice.Status.REJECTED, "Rejected"),
        (Practice.Status.WITHDRAWN, "Withdrawn"),
    ]

    status = forms.ChoiceField(choices=STATUSES, required=False, initial=Practice.Status.SUBMITTED)
    sub_region = forms.ModelChoiceField(
        SubRegion.objects.all(),
        required=False,
        empty_label="All sub-regions",
        to_field_name="slug",
        label="Sub-region",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        queryset = queryset.filter(status=data.get("status") or Practice.Status.SUBMITTED)
        if sub_region := data.get("sub_region"):
            queryset = queryset.filter(local_authority__sub_region=sub_region)
        return queryset


class DecisionForm(TextLimitsMixin, forms.Form):
    DECISIONS = [
        ("publish", "Publish"),
        ("request_changes", "Ask the lead for changes"),
        ("reject", "Reject"),
    ]
    COMMENT_REQUIRED = {
        "request_changes": "Tell the lead what needs to change",
        "reject": "Give the reason for rejecting this entry",
    }

    decision = forms.ChoiceField(
        label="What do you want to do with this entry?",
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision"},
    )
    comment = MultilineField(
        label="Comment for the lead",
        required=False,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Needed if you ask for changes or reject. The lead sees it on the entry and in their email.",
    )
    version = WholeNumberField(widget=forms.HiddenInput)

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = list(suggestions)
        for suggestion in self.suggestions:
            self.fields[f"theme_for_{suggestion.pk}"] = forms.ModelChoiceField(
                Theme.objects.active(),
                required=False,
                empty_label=f"Add ‘{suggestion.name}’ to the list as a new theme",
                label=f"The lead suggests a new theme, ‘{suggestion.name}’. If you publish, what should happen to it?",
                help_text="Decided when you publish; if you ask for changes or reject, it waits.",
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def theme_decisions(self):
        """(suggestion, existing theme or None for a new one), to apply if the entry is published."""
        return [(suggestion, self.cleaned_data.get(f"theme_for_{suggestion.pk}")) for suggestion in self.suggestions]

    def clean(self):
        cleaned = super().clean()
        message = self.COMMENT_REQUIRED.get(cleaned.get("decision"))
        if message and not cleaned.get("comment", "").strip():
            self.add_error("comment", forms.ValidationError(message, code="required"))
        return cleaned


class UnpublishForm(TextLimitsMixin, forms.Form):
    reason = MultilineField(
        label="Why are you unpublishing this entry?",
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The local authority's leads see this in their email and on the entry.",
        error_messages={"required": "Give the reason for unpublishing this entry"},
    )
    version = WholeNumberField(widget=forms.HiddenInput)
