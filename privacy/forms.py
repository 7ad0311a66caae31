"""Forms for finding, exporting and erasing a person's data."""

from django import forms

from inputs.text_fields import TextLimitsMixin
from privacy.finding import MAX_TERM


class FindPersonForm(TextLimitsMixin, forms.Form):
    q = forms.CharField(
        label="Name or email address",
        help_text="Their full name as it appears on entries or their account, or their email address.",
        max_length=MAX_TERM,
        error_messages={
            "required": "Enter a name or email address",
            "max_length": "Enter a name or email address of 254 characters or fewer",
        },
    )

    def clean_q(self):
        term = " ".join(self.cleaned_data["q"].split())
        if len(term) < 5:
            raise forms.ValidationError("Enter at least 5 characters of a name or email address", code="too_short")
        return term


class ErasePersonForm(FindPersonForm):
    q = forms.CharField(widget=forms.HiddenInput(attrs={"id": "id_erase_q"}), max_length=MAX_TERM)  # one id_q a page
    remove = forms.TypedChoiceField(
        label="What should entries show instead of them?",
        choices=[("", "A description, such as ‘a former contact at Hackney’"), ("1", "Nothing: take them off")],
        coerce=bool,
        required=False,
        widget=forms.RadioSelect,
        initial="",
    )
    replacement = forms.CharField(
        label="Description (optional)",
        help_text="Leave it empty for ‘a former contact at’ and the entry's local authority.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Enter a description of 200 characters or fewer"},
    )
