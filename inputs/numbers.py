"""
The one way a number is read from a request (a page, a page size, an id, a year, a version).

Python's own int() and str.isdigit() accept more than a browser's digits ("²", "١٢", " 7 ",
"1_000"), so every number from a URL or a form goes through here: ASCII digits only, within a
range, or nothing.
"""

import re

from django import forms

ASCII_DIGITS = re.compile(r"[0-9]+")
LARGEST_ID = 2**63 - 1  # BigAutoField
LARGEST_PAGE = 100_000
YEARS = (1000, 9999)  # a year published, as (lowest, highest)


def whole_number(value, *, lowest=1, highest=LARGEST_ID):
    """`value` as an int when it is ASCII digits from `lowest` to `highest`, else None."""
    if not isinstance(value, str) or len(value) > len(str(highest)) + 2 or not ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if lowest <= number <= highest else None


def whole_numbers(values, *, lowest=1, highest=LARGEST_ID):
    """The valid whole numbers among `values`, each once, in the order given."""
    numbers = (whole_number(value, lowest=lowest, highest=highest) for value in values)
    return list(dict.fromkeys(number for number in numbers if number is not None))


class WholeNumberField(forms.IntegerField):
    """A form field for a number the portal wrote into the page itself (a version, say)."""

    def __init__(self, *, lowest=1, highest=LARGEST_ID, **kwargs):
        self.lowest, self.highest = lowest, highest
        super().__init__(min_value=lowest, max_value=highest, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = whole_number(str(value), lowest=self.lowest, highest=self.highest)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Tick boxes of objects by id: a value that is no id is not a choice, before the database is asked
    (SQLite cannot even bind an id past 64 bits, and answers with an OverflowError)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else []:
            if not isinstance(pk, int) and whole_number(str(pk)) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class IdChoiceField(forms.ModelChoiceField):
    """A select of objects by id: a value that is no id is not a choice, before the database is asked."""

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values and whole_number(value) is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
