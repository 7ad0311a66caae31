"""The phone numbers a contact form takes: UK numbers as people write them, extensions included, and no junk."""

import pytest

from submissions.forms import ContactForm


def phone_errors(phone):
    form = ContactForm(data={"name": "Rahima Begum", "role": "", "email": "", "phone": phone})
    form.is_valid()
    return form.errors.get("phone", [])


@pytest.mark.parametrize(
    "phone",
    [
        "020 7946 0922",
        "+44 20 7946 0922",
        "+44 (0)20 7946 0922",
        "07700 900123",
        "020 8547 5000 ext. 2231",
        "020 8547 5000 ext 4567",
        "020 8547 5000 Ext. 4567",
        "020 8547 5000, extension 12",
        "020 8547 5000 x123",
        "020 8547 5000x123",
    ],
)
def test_uk_numbers_with_or_without_an_extension_are_taken(phone):
    assert phone_errors(phone) == []


@pytest.mark.parametrize(
    "phone",
    ["call reception", "0207", "ext. 2231", "020 8547 5000 ext.", "020 8547 5000 ext abc", "020 8547 5000 y123"],
)
def test_anything_else_is_refused_with_an_example_of_an_extension(phone):
    assert phone_errors(phone) == [
        "Enter a phone number, like 020 7946 0001, +44 20 7946 0001 or 020 7946 0001 ext. 214"
    ]
