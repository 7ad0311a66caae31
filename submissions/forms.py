"""The proforma as forms: the entry itself, its contacts and its resources."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.html import escape

from submissions import uploads
from submissions.models import COMMENT_LIMIT, Call, Contact, Practice, Resource, Theme, ThemeSuggestion
from submissions.numbers import IdsChoiceField
from submissions.roles import lead_authorities
from submissions.text_fields import MultilineField, TextLimitsMixin

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
            "impact": "Impact",
        }
        help_texts = {
            "call": "Choosing the call tells the alliance your local authority has returned it.",
            "title": "If you are describing several pieces of work, you can write 'Various'.",
            "categories": "Select all that apply.",
            "themes": "Select all that apply. People browsing the portal filter by these.",
            "summary": "Two or three sentences, shown in search results.",
            "description": f"What you are doing, who with and why. {MARKDOWN_HINT}",
            "impact": "What has changed for children, families or staff, and how you know. If it is too early "
            f"to say, tell us what you expect to change. {MARKDOWN_HINT}",
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
        open_calls = Call.objects.open_to_lead(user, timezone.localdate()).values("pk")
        calls = Call.objects.filter(Q(pk__in=open_calls) | Q(pk=self.instance.call_id))
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
        error_messages={"invalid": "Enter a web link starting http:// or https://"},
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
        elif not has_file and not has_link:
            self.add_error("file", forms.ValidationError("Upload a file or give a web link", code="missing"))
        if not cleaned.get("title", "").strip() and not self.has_error("title"):
            self.add_error("title", forms.ValidationError("Enter a title for the resource", code="required"))
        return cleaned

    def keep_valid_upload(self):
        """Store a file that passed its own checks, so a failure elsewhere does not lose it."""
        file = self.cleaned_data.get("file") if hasattr(self, "cleaned_data") else None
        if file and not self.has_error("file"):
            token = uploads.keep_upload(file, self.content_type)
            self.data[self.add_prefix("kept_upload")] = token
            self.kept = uploads.read_kept_upload(token)

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


class AddAnotherFormSet(BaseInlineFormSet):
    """A GOV.UK add-another list: saved rows can be removed, and one empty row waits at the end."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove"


def add_another_formset(model, form):
    return inlineformset_factory(
        Practice, model, form=form, formset=AddAnotherFormSet, extra=1, max_num=20, can_delete=True, validate_max=True
    )


ContactFormSet = add_another_formset(Contact, ContactForm)
ResourceFormSet = add_another_formset(Resource, ResourceForm)


IMPORTED_AS = {"links": "resources"}  # the importer's name for a field -> the proforma's
IMPORT_STATUS = {
    "found": "Read from your proforma, under its question.",
    "inferred": "Worked out from your proforma, not read under its own question.",
    "missing": "Not found in your proforma.",
}


def import_status(how, warning):
    """(what the reader did for this field, whether to mark it Check) for a field filled from a file."""
    if how is None and not warning:
        return None
    return IMPORT_STATUS.get(how, ""), bool(warning) or how != "found"


class Proforma:
    """The whole proforma page: the entry's form plus its contacts and resources formsets."""

    other_authority = None  # the authority an imported file names, when the lead does not lead for it
    unknown_authority = ""  # the words an imported file names its authority with, when it is not a London one

    def __init__(self, *, user, data=None, files=None, instance=None, initial=None, warnings=None, certainty=None):
        instance = instance or Practice()
        initial = initial or {}
        if data is not None:
            data = data.copy()  # mutable, so kept uploads can be written back into it
        self.form = ProformaForm(data, files, instance=instance, user=user, initial=initial.get("form"))
        self.contacts = ContactFormSet(data, instance=instance, prefix="contacts", initial=initial.get("contacts"))
        self.resources = ResourceFormSet(
            data, files, instance=instance, prefix="resources", initial=initial.get("resources")
        )
        for formset in (self.contacts, self.resources):
            formset.extra = len(formset.initial_extra or []) + 1
            formset.warning = " ".join((warnings or {}).get(formset.prefix, []))
            formset.import_status = import_status((certainty or {}).get(formset.prefix), formset.warning)
        for name in set(warnings or {}) | set(certainty or {}):
            if name in self.form.fields:
                field = self.form.fields[name]
                field.warning = " ".join((warnings or {}).get(name, []))
                field.import_status = import_status((certainty or {}).get(name), field.warning)
                field.widget.attrs["aria-describedby"] = f"id_{name}_helptext id_{name}_warning"

    @classmethod
    def from_import(cls, parsed, *, user):
        """
        A new proforma filled in from a parsed Word or text proforma: beside each field, how sure the reader
        is and any warning. A proforma from an authority the lead does not lead for is never filed under
        theirs unasked: the lead chooses, and other_authority (or unknown_authority, the words of a file naming
        an authority outside London) names the file's for the top of the page.
        """
        warnings = {IMPORTED_AS.get(name, name): list(messages) for name, messages in parsed.warnings.items()}
        certainty = {IMPORTED_AS.get(name, name): how for name, how in parsed.certainty.items()}
        authority, other_authority = parsed.local_authority, None
        if authority and not lead_authorities(user).filter(pk=authority.pk).exists():
            warnings.setdefault("local_authority", []).append(f"You are not a lead for {authority}. Select yours.")
            authority, other_authority = None, parsed.local_authority
        initial = {
            "form": {
                "local_authority": authority and authority.pk,
                "title": parsed.title,
                "summary": parsed.summary,
                "categories": [category.pk for category in parsed.categories],
                "description": parsed.description,
                "impact": parsed.impact,
            },
            "contacts": parsed.contacts,
            "resources": parsed.links,
        }
        proforma = cls(user=user, initial=initial, warnings=warnings, certainty=certainty)
        proforma.other_authority = other_authority
        # 'Surrey County Council': named, but not a London authority; never quietly filed under the lead's own
        proforma.unknown_authority = parsed.local_authority_text if not parsed.local_authority else ""
        if other_authority or proforma.unknown_authority:
            proforma.form.fields["local_authority"].empty_label = "Select"  # no authority chosen for them
        return proforma

    def is_valid(self):
        results = [self.form.is_valid(), self.contacts.is_valid(), self.resources.is_valid()]
        return all(results)

    def keep_valid_uploads(self):
        for form in self.resources.forms:
            if form not in self.resources.deleted_forms:
                form.keep_valid_upload()

    def error_summary(self):
        """(field id, message) pairs for the error summary at the top of the page."""
        errors = error_summary(self.form)
        for label, formset in (("Contact", self.contacts), ("Resource", self.resources)):
            errors += [(formset.prefix, message) for message in formset.non_form_errors()]
            for number, form in enumerate(formset.forms, start=1):
                if form not in formset.deleted_forms:
                    errors += [(anchor, f"{label} {number}: {message}") for anchor, message in error_summary(form)]
        return errors

    def save(self):
        practice = self.form.save()
        self.contacts.instance = self.resources.instance = practice
        self.contacts.save()
        self.resources.save()
        return practice

    def stored_files(self):
        """Files this save has written to storage so far."""
        return [form.stored_file for form in self.resources.forms if getattr(form, "stored_file", None)]

    def discarded_files(self):
        """Stored files no longer used once the proforma is saved: removed or replaced resources."""
        removed = [form.instance.file.name for form in self.resources.deleted_forms if form.instance.file]
        replaced = [getattr(form, "replaced_file", None) for form in self.resources.forms]
        return [name for name in removed + replaced if name]


def error_summary(form):
    """A form's errors as (field id, message) pairs, for the GOV.UK error summary."""
    errors = []
    for name, messages in form.errors.items():
        field = form[name] if name in form.fields else form[next(iter(form.fields))]
        anchor = field.auto_id
        if isinstance(field.field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.MultiWidget)):
            anchor = f"{anchor}_0"
        errors += [(anchor, message) for message in messages]
    return errors


# What the file chooser offers for a proforma, as its help text says: Word (.docx) and text files.
PROFORMA_TYPES = ".docx,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class ProformaUploadForm(forms.Form):
    proforma = forms.FileField(
        label="Your completed proforma",
        help_text="A Word document (.docx) or a text file. We fill in the form from it for you to check; "
        "nothing is submitted until you do.",
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
