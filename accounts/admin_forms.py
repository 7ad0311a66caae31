from django import forms
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import User

from inputs.text_fields import TextLimitsMixin


class InviteUserForm(TextLimitsMixin, forms.ModelForm):
    """A new account: the email address is the sign-in name, and there is no password yet."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "groups", "is_staff"]
        labels = {"is_staff": "Can use the administration site"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(username__iexact=email).exists():
            raise forms.ValidationError("An account with this email address already exists.", code="duplicate")
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = user.email
        user.set_unusable_password()
        if commit:
            user.save()
            self.save_m2m()
        return user


class AccountChangeForm(TextLimitsMixin, UserChangeForm):
    """An account's details in the admin, its names cleaned as every other form's text is (decision 0013)."""
