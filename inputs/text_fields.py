"""
Text in the portal's forms. Every text field has a limit no real answer reaches, said in plain
English with the GOV.UK character count under long boxes; browsers are never told to cut what
people type or paste (no maxlength), the form says how much to remove instead; only an answer more than
twice its limit is cut when shown back, so no page sends back a pasted book. Line breaks are
stored one way, and one-line answers refuse control and text-direction characters: pasted from
elsewhere, they break email headers and can make text read differently from what is stored. Long answers
keep their line breaks but lose the rest (clean_text, decision 0013).
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates

# Control, format (zero-width, text-direction, byte-order mark) and line or paragraph separator characters;
# but for the zero-width joiner and non-joiner, which emoji and some scripts need between letters.
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
JOINERS = {"\u200c", "\u200d"}
CONTROL_CHARACTERS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")  # all but tab and line breaks (and NUL: refused)
# What overrides or isolates the direction of the text after it (U+202A-U+202E, U+2066-U+2069): never stored,
# since it can make a sentence read differently from what is stored. The marks (U+200E, U+200F, U+061C) are kept.
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
ONE_LINE_WIDGETS = (forms.TextInput, forms.EmailInput, forms.URLInput)
# An answer over its limit is shown back whole up to this many times the limit, to be shortened where the
# person chooses; past that (a book pasted into a title, a file's runaway answer) only its start is shown.
SHOWN_BACK = 2


def is_hidden(character):
    return unicodedata.category(character) in HIDDEN_CATEGORIES and character not in JOINERS


def without_hidden(value):
    """The text without its hidden characters (a search's words, say, where none of them means anything)."""
    return "".join(character for character in value if not is_hidden(character))


def clean_text(value):
    """Long text as the portal stores it, from any form or importer: one newline for each line break, without
    the invisible control characters pasting can bring (they break the Word and Excel downloads) or the
    characters that change the direction of the text after them."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return DIRECTION_CONTROLS.sub("", CONTROL_CHARACTERS.sub("", value))


def refuse_hidden_characters(value):
    if any(map(is_hidden, value)):
        raise ValidationError(
            "Remove the line breaks or hidden formatting characters (they can come with copying and pasting)",
            code="hidden_characters",
        )


class OneLine:
    """refuse_hidden_characters for a one-line answer with a limit: an answer over its limit has the limit's
    message alone, which names the field (a second message naming nothing reads as a second problem)."""

    def __init__(self, limit):
        self.limit = limit

    def __call__(self, value):
        if not self.limit or len(value) <= self.limit:
            refuse_hidden_characters(value)


class MultilineField(forms.CharField):
    """A long answer, cleaned as clean_text says, with line breaks as one newline each (browsers send two
    characters), so that its length is counted as the person sees it and versions of it compare cleanly."""

    widget = forms.Textarea

    def to_python(self, value):
        value = clean_text(super().to_python(value))
        return value.strip() if self.strip else value  # what stood at either end may have gone


class TextLimitsMixin:
    """For a form with text fields: the limit in plain words, one-line fields kept to one line, and every long
    box cleaned as a MultilineField is (the admin's boxes for a model's TextField among them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField):
                continue
            field.widget.attrs.pop("maxlength", None)
            if field.max_length and "max_length" not in field.error_messages:  # a form's own wording stays
                label = field.label or name.replace("_", " ").capitalize()
                limit = f"{label} must be {field.max_length:,} characters or fewer"
                # Under a long box the character count says how many there are; a one-line box says it here.
                typed = "" if isinstance(field.widget, forms.Textarea) else " (you have %(show_value)s)"
                field.error_messages["max_length"] = limit + typed
            if isinstance(field.widget, ONE_LINE_WIDGETS) and not any(isinstance(v, OneLine) for v in field.validators):
                field.validators.append(OneLine(field.max_length))
            if type(field) is forms.CharField and isinstance(field.widget, forms.Textarea):
                field.__class__ = MultilineField  # the same field, with MultilineField's cleaning (its only change)


class TextModelForm(TextLimitsMixin, forms.ModelForm):
    """The admin's form for a model with text (ModelAdmin.form): cleaned as the portal's own forms are."""


class PortalBoundField(forms.BoundField):
    """A field as the portal shows it: a long box with a limit has a character count under it, and no answer
    is shown back at more than twice its limit (the message under it still says how long it was)."""

    def value(self):
        value = super().value()
        limit = self.field.max_length if isinstance(self.field, forms.CharField) else None
        if limit and isinstance(value, str) and len(value) > SHOWN_BACK * limit:
            return value[: SHOWN_BACK * limit]
        return value

    @property
    def character_limit(self):
        return self.field.max_length if isinstance(self.field.widget, forms.Textarea) else None

    @property
    def character_count(self):
        """What the count under the box says before any typing: the limit, or how much is too much."""
        if self.form.is_bound and (over := len(self.field.to_python(self.data or "")) - self.character_limit) > 0:
            return f"You have {over:,} character{'s' if over != 1 else ''} too many"
        return f"You can enter up to {self.character_limit:,} characters"

    @property
    def character_count_exceeded(self):
        return self.character_count.endswith("too many")

    @property
    def aria_describedby(self):
        described_by = super().aria_describedby
        if self.character_limit and described_by is not None:
            return " ".join(filter(None, [described_by, f"{self.auto_id}_count"]))
        return described_by


class PortalFormRenderer(DjangoTemplates):
    bound_field_class = PortalBoundField
