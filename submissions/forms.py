"""The proforma as forms: the entry itself, its contacts and its resources."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from accounts.roles import lead_authorities
from inputs.numbers import IdsChoiceField
from inputs.text_fields import MultilineField, TextLimitsMixin
from reference.models import Theme
from submissions import uploads
from submissions.importers.contacts import EMAIL, phones_in
from submissions.models import COMMENT_LIMIT, Contact, Practice, Resource, ThemeSuggestion
from submissions.texts import is_vague_title, suggested_title


def calls_open_to(user):
    """Calls for practice still taking returns from the user's local authorities. An entry points at
    its call by name ("calls.Call"): the calls app sits above this one, which never imports it."""
    calls = Practice._meta.get_field("call").related_model.objects
    return calls.open_to_lead(user, timezone.localdate())


MARKDOWN_HINT = "Leave a blank line between paragraphs. Start a line with a dash (-) for a bullet point."


class ProformaForm(TextLimitsMixin, forms.ModelForm):
    suggested_theme = forms.CharField(
        label="Suggest a theme (optional)",
        required=False,
        max_length=100,
        help_text="If none of the themes fits, suggest one. A moderator will add it to the list or match it "
        "to an existing theme.",
    )

    class Meta:
        model = Practice
        fields = ["call", "local_authority", "title", "categories", "themes", "summary", "description", "impact"]
        field_classes = {
            "summary": MultilineField,
            "description": MultilineField,
            "impact": MultilineField,
            "categories": IdsChoiceField,
            "themes": IdsChoiceField,
        }
        labels = {
            "call": "Is this a return to a call for practice?",
            "local_authority": "Local authority",
            "title": "Name of the project or approach",
            "categories": "Who is this practice shared with?",
            "themes": "Themes",
            "summary": "Short summary",
            "description": "Description of the work",
            "impact": "Impact (optional)",
        }
        help_texts = {
            "call": "Choosing the call tells the alliance your local authority has returned it.",
            "title": "A name people will know the work by. If you describe several pieces of work, name the main "
            "one rather than writing ‘Various’.",
            "categories": "Select all that apply.",
            "themes": "Select all that apply. People browsing the portal filter by these.",
            "summary": "Two or three sentences, shown in search results.",
            "description": f"What you are doing, who with and why. {MARKDOWN_HINT}",
            "impact": "What has changed for children, families or staff, and how you know. Leave blank if it is "
            f"too early to say. {MARKDOWN_HINT}",
        }
        widgets = {
            "call": forms.Select(attrs={"class": "form-select"}),
            "categories": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 14}),
            "impact": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "title": {"required": "Enter the name of the project or approach"},
            "local_authority": {
                "required": "Select your local authority",
                "invalid_choice": "Select one of your local authorities",
            },
            "call": {
                "invalid_choice": "That call for practice is no longer taking returns. Select another, or "
                "‘No, not for a call’"
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        authorities = lead_authorities(user)
        self.fields["local_authority"].queryset = authorities
        self.fields["local_authority"].empty_label = None if authorities.count() == 1 else "Select"
        self.show_suggestions()
        # Retired themes stay ticked on entries that already have them.
        chosen = self.instance.themes.all() if self.instance.pk else Theme.objects.none()
        self.fields["themes"].queryset = (Theme.objects.active() | chosen).distinct()
        about = ["local_authority", "title", "categories", "themes", "suggested_theme"]
        calls = self.fields["call"].queryset.filter(Q(pk__in=calls_open_to(user)) | Q(pk=self.instance.call_id))
        if self.instance.revision_of_id:
            del self.fields["call"]  # changes to a published entry stay returned to the call it was returned to
        elif calls.exists() or self.data.get("call"):  # a call that closed as the lead typed is explained
            self.fields["call"].queryset = calls
            self.fields["call"].empty_label = "No, not for a call"
            about.insert(0, "call")
        else:
            del self.fields["call"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset("About the practice", *about),
            Fieldset("The work and its impact", "summary", "description", "impact"),
        )

    def check_title(self, title, description, authority=None):
        """'Various' names no work: refused, with a name from the description put in its place for the lead to
        keep or change (lists and the practice pack read 'Redbridge: Various; Hackney: Various' otherwise)."""
        if not is_vague_title(title):
            return
        suggestion = suggested_title(description, authority)
        if suggestion and getattr(self.data, "_mutable", True):  # the Proforma's copy of the page's answers
            self.data[self.add_prefix("title")] = suggestion
            message = (
                f"‘{title.strip()}’ does not tell this work apart from others in lists and the practice pack. "
                "We have put in a name from your description: change it if you like, then save again."
            )
        else:
            message = (
                f"Give the work a name of its own rather than ‘{title.strip()}’, so lists and the practice pack "
                "tell entries apart"
            )
        self.add_error("title", forms.ValidationError(message, code="vague"))

    def show_suggestions(self):
        """A lead coming back sees the theme they suggested, and what became of earlier ones."""
        if not self.instance.pk:
            return
        suggestions = list(self.instance.theme_suggestions.select_related("theme"))
        if pending := [s for s in suggestions if s.status == ThemeSuggestion.Status.PENDING]:
            self.fields["suggested_theme"].initial = pending[-1].name
            self.fields["suggested_theme"].help_text += " Your suggestion is waiting for a moderator."
        if decided := [s for s in suggestions if s.status != ThemeSuggestion.Status.PENDING]:
            said = "; ".join(f"‘{s.name}’: {s.state}" for s in decided)
            # Help text is shown as markup, and these names are what people typed.
            self.fields["suggested_theme"].help_text += escape(f" Earlier suggestions: {said}.")

    def clean(self):
        cleaned = super().clean()
        self.check_title(cleaned.get("title", ""), cleaned.get("description", ""), cleaned.get("local_authority"))
        call, authority = cleaned.get("call"), cleaned.get("local_authority")
        if call and authority and not call.local_authorities.filter(pk=authority.pk).exists():
            self.add_error(
                "call", f"‘{call}’ was not sent to {authority}. Select another call, or ‘No, not for a call’"
            )
        return cleaned


# A UK number as people write it, with an extension if it has one ('ext. 2231', 'extension 12', 'x123'),
# as returned proformas give them; anything else is refused.
PHONE_PATTERN = re.compile(r"^\+?[\d\s()-]{7,25}(?:,?\s*(?:ext\.?|extension|x)\s*\d{1,6})?$", re.IGNORECASE)


class ContactForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone"]
        labels = {"name": "Full name", "role": "Job title or role", "email": "Email address", "phone": "Phone number"}
        help_texts = {"email": "Shown only to people signed in to the portal, as is the phone number."}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        }
        error_messages = {
            "name": {"required": "Enter the contact's full name"},
            "email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise forms.ValidationError(
                "Enter a phone number, like 020 7946 0001, +44 20 7946 0001 or 020 7946 0001 ext. 214",
                code="invalid_phone",
            )
        return phone


class WebLinkField(forms.URLField):
    """A web address: http or https only (never javascript: or ftp:), checked once."""

    default_validators = [URLValidator(schemes=["http", "https"])]

    def run_validators(self, value):
        """A link that is too long is told so, alone (not also that it is not a web link)."""
        if value not in self.empty_values and self.max_length is not None and len(value) > self.max_length:
            params = {"limit_value": self.max_length, "show_value": len(value), "value": value}
            raise forms.ValidationError(self.error_messages["max_length"], code="max_length", params=params)
        super().run_validators(value)


class ResourceForm(TextLimitsMixin, forms.ModelForm):
    file = forms.FileField(
        label="Upload a file",
        required=False,
        error_messages={"empty": "The selected file is empty"},
        help_text=f"{uploads.ACCEPTED_DESCRIPTION[0].upper()}{uploads.ACCEPTED_DESCRIPTION[1:]}, "
        f"up to {uploads.max_upload_size() // (1024 * 1024)} MB.",
    )
    url = WebLinkField(
        label="Or a web link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="The full address, starting https://",
        error_messages={
            "invalid": "Enter a web link starting http:// or https://",
            "max_length": "The web link must be 500 characters or fewer (you have %(show_value)s)",
        },
    )
    kept_upload = forms.CharField(required=False, widget=forms.HiddenInput)
    field_order = ["title", "file", "url"]

    class Meta:
        model = Resource
        fields = ["title", "url"]
        labels = {"title": "Title"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept = uploads.read_kept_upload(self["kept_upload"].value() or "")

    def clean_title(self):
        title = self.cleaned_data["title"]
        if EMAIL.search(title) or phones_in(title):  # resources are public; contact details are for signed-in readers
            raise forms.ValidationError(
                "A resource's title cannot hold an email address or phone number: add the person as a contact",
                code="contact_detail",
            )
        return title

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file:
            self.content_type = uploads.validate_upload(file)
        return file

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file") or self.kept or self.instance.file or self.has_error("file"))
        has_link = bool(cleaned.get("url") or self.has_error("url"))
        if has_file and has_link:
            self.add_error("url", forms.ValidationError("Give a web link or upload a file, not both", code="both"))
        elif not has_file and not has_link and not self._meta.model.may_await:
            self.add_error("file", forms.ValidationError("Upload a file or give a web link", code="missing"))
        if not cleaned.get("title", "").strip() and not self.has_error("title"):
            self.add_error("title", forms.ValidationError("Enter a title for the resource", code="required"))
        return cleaned

    def new_file(self):
        """The file this form brought that passed its checks, or None."""
        file = self.cleaned_data.get("file") if hasattr(self, "cleaned_data") else None
        return file if file and not self.has_error("file") else None

    def keep_valid_upload(self):
        """Store a file that passed its own checks, so a failure elsewhere does not lose it. False when storage
        refused it: the form then asks for it again."""
        file = self.new_file()
        if not file:
            return True
        try:
            token = uploads.keep_upload(file, self.content_type)
        except uploads.STORAGE_ERRORS:
            uploads.logger.exception("Could not keep an uploaded file")
            self.choose_again()
            return False
        self.data[self.add_prefix("kept_upload")] = token
        self.kept = uploads.read_kept_upload(token)
        return True

    def choose_again(self):
        """Storage did not take the new file: say which one to choose again (browsers cannot keep it)."""
        if file := self.new_file():
            name = uploads.display_filename(file.name)
            message = f"Choose ‘{name}’ again: we could not keep the file just now"
            self.add_error("file", forms.ValidationError(message, code="not_kept"))

    def save(self, commit=True):
        resource = super().save(commit=False)
        file = self.cleaned_data.get("file")
        if file:
            name = self.stored_file = default_storage.save(uploads.stored_name_for(self.content_type), file)
            self._attach(resource, name, file.name, self.content_type, file.size)
        elif self.kept:
            kept = self.kept
            self._attach(resource, kept["name"], kept["filename"], kept["type"], kept["size"])
        if commit:
            resource.save()
        return resource

    def _attach(self, resource, stored_name, filename, content_type, size):
        self.replaced_file = resource.file.name or None
        resource.file.name = stored_name
        resource.original_filename = uploads.display_filename(filename)
        resource.content_type = content_type
        resource.size = size
        resource.url = ""


# What the file chooser offers for a proforma, as its help text says: Word (.docx and the older .doc), OpenDocument
# text, RTF, PDF and text files (importers/formats.py tells them by their content, whatever they are called).
PROFORMA_TYPES = (
    ".docx,.doc,.odt,.rtf,.pdf,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class ProformaUploadForm(forms.Form):
    proforma = forms.FileField(
        label="Your completed proforma",
        help_text="A Word document (.docx or .doc), an OpenDocument (.odt), RTF or PDF file, or a text file. We fill "
        "in the form from it for you to check, in place of anything typed in it; nothing is submitted until you do.",
        error_messages={"required": "Choose your completed proforma", "empty": "The selected file is empty"},
        widget=forms.ClearableFileInput(attrs={"accept": PROFORMA_TYPES}),
    )


class WithdrawForm(TextLimitsMixin, forms.Form):
    reason = MultilineField(
        label="Why are you withdrawing this entry? (optional)",
        required=False,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Moderators will see this in the entry's history.",
    )


class ReplyForm(TextLimitsMixin, forms.Form):
    message = MultilineField(
        label="Your reply to the moderator (optional)",
        required=False,
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, what you changed. The moderators see it with the entry and in their email.",
    )
