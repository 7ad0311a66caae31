"""Forms for a person's own account."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from inputs.text_fields import MultilineField, TextLimitsMixin


class NameForm(TextLimitsMixin, forms.Form):
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter your first name"}
    )
    last_name = forms.CharField(label="Last name", max_length=150, error_messages={"required": "Enter your last name"})


class DeletionRequestForm(TextLimitsMixin, forms.Form):
    reason = MultilineField(
        label="Why do you want your account deleted? (optional)",
        help_text="For example, that you have left your council. This helps the administrators.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Enter 1,000 characters or fewer"},
    )


class SignInForm(AuthenticationForm):
    """Sign in with an email address; the message never says which half was wrong."""

    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive.",
        "inactive": "This account has been closed. Contact the portal's administrators.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
