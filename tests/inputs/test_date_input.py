"""The date input's range: a date before `earliest` or after `latest` is refused in GOV.UK's words."""

from datetime import date

import pytest
from django import forms

from inputs.date_input import DateInputField


class MeetingForm(forms.Form):
    held_on = DateInputField(what="The meeting's date", earliest=date(2020, 1, 1), latest=lambda: date(2030, 6, 30))


def errors_for(day, month, year):
    form = MeetingForm({"held_on_day": day, "held_on_month": month, "held_on_year": year})
    return form.errors.get("held_on", [])


@pytest.mark.parametrize(
    ("typed", "errors"),
    [
        (("31", "12", "2019"), ["The meeting's date must be the same as or after 1 January 2020"]),
        (("1", "1", "2020"), []),
        (("30", "6", "2030"), []),
        (("1", "7", "2030"), ["The meeting's date must be the same as or before 30 June 2030"]),
    ],
)
def test_dates_outside_the_range_are_refused_and_its_ends_are_not(typed, errors):
    assert errors_for(*typed) == errors
