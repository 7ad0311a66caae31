"""GOV.UK's date input: day, month and year as three boxes, with its error messages."""

from datetime import date

from django import forms

PARTS = ("day", "month", "year")


class DateParts(forms.MultiWidget):
    """Three numeric text boxes; rendered with their labels by templates/includes/date_input.html."""

    is_date_parts = True

    def __init__(self, attrs=None):
        widths = {"day": 2, "month": 2, "year": 4}
        super().__init__(
            {
                part: forms.TextInput(attrs={"inputmode": "numeric", "class": f"date-input__{part}", "size": width})
                for part, width in widths.items()
            },
            attrs,
        )

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


def long_date(value):
    return f"{value.day} {value:%B %Y}"


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year. `what` names it in messages: "The opening date". `earliest` and
    `latest` (dates, or callables giving one, such as a year from today) bound it, in GOV.UK's words."""

    widget = DateParts

    def __init__(self, *, what, earliest=None, latest=None, **kwargs):
        self.what = what
        self.earliest, self.latest = earliest, latest
        parts = [forms.CharField(required=False, strip=True) for _ in PARTS]
        self.lowercase = what[0].lower() + what[1:]
        kwargs.setdefault("error_messages", {"required": f"Enter {self.lowercase}"})
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not values or not any(values):
            return None
        missing = [part for part, value in zip(PARTS, values, strict=True) if not value]
        if missing:
            raise forms.ValidationError(f"{self.what} must include a {' and a '.join(missing)}", code="incomplete")
        if not all(value.isdigit() and len(value) <= 4 for value in values):
            raise forms.ValidationError(f"{self.what} must be a real date", code="invalid")
        day, month, year = (int(value) for value in values)
        if year < 1000:
            raise forms.ValidationError(f"The year of {self.lowercase} must include 4 numbers", code="invalid")
        try:
            value = date(year, month, day)
        except ValueError:
            raise forms.ValidationError(f"{self.what} must be a real date", code="invalid") from None
        return self.in_range(value)

    def in_range(self, value):
        earliest = self.earliest() if callable(self.earliest) else self.earliest
        latest = self.latest() if callable(self.latest) else self.latest
        if earliest and value < earliest:
            raise forms.ValidationError(f"{self.what} must be the same as or after {long_date(earliest)}", code="early")
        if latest and value > latest:
            raise forms.ValidationError(f"{self.what} must be the same as or before {long_date(latest)}", code="late")
        return value
