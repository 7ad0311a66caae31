"""Splitting a return into separate entries, without JavaScript: how many new entries, then for each its name,
themes and the paragraphs, resources and contacts that go to it (docs/decisions/0003)."""

from django import forms

from inputs.error_summary import error_summary
from inputs.numbers import IdsChoiceField, WholeNumberField
from inputs.text_fields import TextLimitsMixin
from reference.models import Theme
from submissions import services
from submissions.models import Practice, Resource
from submissions.pieces import pieces_of
from submissions.texts import is_vague_title, suggested_title

MOST_NEW_ENTRIES = 10
TITLE_LIMIT = Practice._meta.get_field("title").max_length


class CountForm(forms.Form):
    entries = WholeNumberField(
        lowest=1,
        highest=MOST_NEW_ENTRIES,
        label="How many new entries do you want to make from this return?",
        help_text=f"From 1 to {MOST_NEW_ENTRIES}. What you do not move stays in this entry; if you move every "
        "paragraph, the return is withdrawn and kept as it was, for the record.",
        error_messages={
            "required": "Enter how many new entries to make",
            "invalid": f"Enter a whole number of new entries from 1 to {MOST_NEW_ENTRIES}",
            "min_value": f"Enter a whole number of new entries from 1 to {MOST_NEW_ENTRIES}",
            "max_value": f"You can make up to {MOST_NEW_ENTRIES} new entries at a time",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def themes_for(practice):
    return (Theme.objects.active() | practice.themes.all()).distinct()


class PartForm(TextLimitsMixin, forms.Form):
    """One new entry: its name, its themes, and what of the return goes to it."""

    title = forms.CharField(label="Name of the new entry", max_length=TITLE_LIMIT)
    themes = IdsChoiceField(Theme.objects.none(), label="Themes", widget=forms.CheckboxSelectMultiple)
    pieces = forms.MultipleChoiceField(
        label="Paragraphs that go to it",
        help_text="Each bullet point can go on its own.",
        widget=forms.CheckboxSelectMultiple,
    )
    resources = IdsChoiceField(
        Practice.objects.none(), label="Resources that go to it", required=False, widget=forms.CheckboxSelectMultiple
    )
    contacts = IdsChoiceField(
        Practice.objects.none(), label="Contacts that go to it", required=False, widget=forms.CheckboxSelectMultiple
    )
    impact = forms.BooleanField(label="The return’s impact goes to it too", required=False)

    def __init__(self, *args, practice, number, **kwargs):
        super().__init__(*args, prefix=f"entry-{number}", **kwargs)
        self.number, self.authority = number, practice.local_authority
        self.pieces = {str(piece.number): piece for piece in pieces_of(practice.description)}
        self.fields["pieces"].choices = [(key, piece.label) for key, piece in self.pieces.items()]
        self.fields["themes"].queryset = themes_for(practice)
        self.fields["resources"].queryset = practice.resources.all()
        self.fields["contacts"].queryset = practice.contacts.all()
        for name in ("resources", "contacts"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]
        if not practice.impact:
            del self.fields["impact"]
        entry = f"new entry {number}"
        self.fields["title"].error_messages.update(
            required=f"Enter a name for {entry}",
            max_length=f"The name of {entry} must be {TITLE_LIMIT} characters or fewer (you have %(show_value)s)",
        )
        self.fields["themes"].error_messages.update(
            required=f"Select at least one theme for {entry}", invalid_choice=f"Select themes from the list for {entry}"
        )
        self.fields["pieces"].error_messages.update(
            required=f"Choose at least one paragraph for {entry}",
            invalid_choice=f"The paragraphs of this return have changed: choose again for {entry}",
        )

    def clean(self):
        cleaned = super().clean()
        title = cleaned.get("title", "")
        if is_vague_title(title):
            text = "\n\n".join(self.pieces[key].text for key in cleaned.get("pieces", []))
            suggestion = suggested_title(text, self.authority)
            example = f": for example ‘{suggestion}’" if suggestion else ""
            message = f"Give new entry {self.number} a name of its own rather than ‘{title.strip()}’{example}"
            self.add_error("title", forms.ValidationError(message, code="vague"))
        return cleaned

    def part(self):
        data = self.cleaned_data
        return services.Part(
            title=data["title"],
            themes=list(data["themes"]),
            pieces=[self.pieces[key] for key in data["pieces"]],
            resources=list(data.get("resources", [])),
            contacts=list(data.get("contacts", [])),
            impact=data.get("impact", False),
        )


class KeptForm(TextLimitsMixin, forms.Form):
    """The name of what stays in the return, if anything does."""

    title = forms.CharField(
        label="Name of what stays in this entry",
        max_length=TITLE_LIMIT,
        help_text="Used only if some paragraphs stay. Its first name may have come from a paragraph that moves.",
        error_messages={"required": "Enter a name for what stays in this entry"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="keep", **kwargs)

    def clean_title(self):
        title = self.cleaned_data["title"]
        if is_vague_title(title):
            raise forms.ValidationError(f"Give what stays a name of its own rather than ‘{title.strip()}’")
        return title


class SplitForms:
    """The second step's forms together: one PartForm per new entry and the KeptForm, checked as a whole."""

    def __init__(self, practice, count, data=None):
        self.practice = practice
        self.parts = [PartForm(data, practice=practice, number=n) for n in range(1, count + 1)]
        self.kept = KeptForm(data, initial={"title": practice.title})
        self.keeps_some = False
        self.left_behind = []

    def is_valid(self):
        if not all([form.is_valid() for form in self.parts]):
            return False
        moved = {key for form in self.parts for key in form.cleaned_data["pieces"]}
        self.keeps_some = any(key not in moved for key in self.parts[0].pieces)
        if self.keeps_some:
            return self.kept.is_valid()
        self.left_behind = self.unmoved_extras()
        return not self.left_behind

    def unmoved_extras(self):
        """Resources and contacts that would stay behind in a withdrawn return: refused, so nothing is lost."""
        moved = {
            item
            for form in self.parts
            for name in ("resources", "contacts")
            for item in form.cleaned_data.get(name, [])
        }
        return [item for item in [*self.practice.resources.all(), *self.practice.contacts.all()] if item not in moved]

    def errors(self):
        errors = [error for form in self.parts for error in error_summary(form)]
        if self.keeps_some:
            errors += error_summary(self.kept)
        for item in self.left_behind:
            field = "resources" if isinstance(item, Resource) else "contacts"
            message = f"‘{item}’ would stay behind in the withdrawn return: choose a new entry for it"
            errors.append((f"id_entry-1-{field}_0", message))
        return errors

    def split(self, by, seen_version):
        return services.split_practice(
            practice=self.practice,
            by=by,
            seen_version=seen_version,
            parts=[form.part() for form in self.parts],
            kept_title=self.kept.cleaned_data["title"] if self.keeps_some else "",
        )
