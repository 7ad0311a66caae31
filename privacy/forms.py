"""Forms for finding, exporting and erasing a person's data."""

from django import forms

from inputs.text_fields import TextLimitsMixin
from privacy.finding import MAX_TERM, SHORTEST_PARTIAL


class FindPersonForm(TextLimitsMixin, forms.Form):
    q = forms.CharField(
        label="Name or email address",
        help_text="Their full name as it appears on entries or their account, or their email address. A surname alone "
        "lists possible mentions to check.",
        max_length=MAX_TERM,
        error_messages={
            "required": "Enter a name or email address",
            "max_length": "Enter a name or email address of 254 characters or fewer",
        },
    )

    def clean_q(self):
        term = " ".join(self.cleaned_data["q"].split())
        if len(term) < SHORTEST_PARTIAL:
            raise forms.ValidationError("Enter at least 3 characters of a name or email address", code="too_short")
        return term


class ErasePersonForm(FindPersonForm):
    FORMER, AT_COUNCIL, REMOVE = "former", "at_council", "remove"

    q = forms.CharField(widget=forms.HiddenInput(attrs={"id": "id_erase_q"}), max_length=MAX_TERM)  # one id_q a page
    instead = forms.ChoiceField(
        label="What should entries show instead of them?",
        choices=[
            (FORMER, "‘A former contact’"),
            (AT_COUNCIL, "‘A former contact at’ the entry's local authority: only if they worked for that council"),
            (REMOVE, "Nothing: take them off"),
        ],
        widget=forms.RadioSelect,
        initial=FORMER,
        error_messages={"required": "Select what entries should show instead of them"},
    )
    replacement = forms.CharField(
        label="Or a description of your own (optional)",
        help_text="For example ‘a former youth justice officer at the Metropolitan Police’. It is used instead of the "
        "wording above, unless you chose to take them off.",
        max_length=200,
        required=False,
        error_messages={"max_length": "Enter a description of 200 characters or fewer"},
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)  # set by the confirmation page

    def erasure_options(self):
        """The keyword arguments of erasure.erase_person for the choice made."""
        instead = self.cleaned_data["instead"]
        return {
            "replacement": self.cleaned_data["replacement"] if instead != self.REMOVE else "",
            "remove": instead == self.REMOVE,
            "at_council": instead == self.AT_COUNCIL,
        }

    def wording(self):
        """What entries will show instead of them, in words, for the confirmation page."""
        options = self.erasure_options()
        if options["remove"]:
            return "Nothing: they are taken off each entry."
        if options["replacement"]:
            return f"‘{options['replacement']}’"
        return "‘a former contact at’ each entry's local authority" if options["at_council"] else "‘a former contact’"
