"""A resource a return names without a link or file yet ('Hackney's Diverse Curriculum'): kept, and flagged."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import escape

from submissions.models import Practice, Resource
from tests.factories import PracticeFactory, ResourceFactory, authority, lead, moderator
from tests.submissions.test_import_views import upload
from tests.submissions.test_importers import parse_bytes
from tests.submissions.test_proforma import proforma_data

pytestmark = pytest.mark.django_db

NAMED = "Hackney's Diverse Curriculum"

RETURN = """Anti-Racist Work and Tackling Disproportionality: Sharing Practice
LA Name: Hackney
Name of project or approach: A curriculum relatable to Black experience
Open meetings for staff led to an action plan to review the curriculum.
Resources:
Hackney's Diverse Curriculum
- Building Equal Foundations (cabinet report, March 2021)
The facilitator guide: https://example.org/hackney/guide
None
Contact: Annie Gammon (Director of Education), annie.gammon@example.org
"""


def test_a_resource_may_be_named_with_no_link_or_file_but_not_with_both():
    practice = PracticeFactory()

    Resource.objects.create(practice=practice, title=NAMED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.create(practice=practice, title="Both", url="https://example.org", file="resources/x.pdf")


def test_a_lead_saves_a_resource_named_without_a_link_or_file(client):
    client.force_login(lead("Hackney"))
    data = proforma_data(local_authority=str(authority("Hackney").pk), **{"resources-0-title": NAMED})

    client.post(reverse("practice_create"), data)

    resource = Practice.objects.get().resources.get()
    assert (resource.title, resource.url, resource.file.name) == (NAMED, "", "")
    assert resource.is_awaiting


def test_the_resource_rows_say_a_link_or_file_can_follow(client):
    client.force_login(lead("Hackney"))
    page = client.get(reverse("practice_create")).content.decode()
    assert "If you do not have a link or file yet, give only the title" in page


def test_the_importer_keeps_a_resource_line_with_no_address_as_a_named_resource():
    parsed = parse_bytes(RETURN.encode(), "hackney.txt")

    assert parsed.links == [
        {"title": "The facilitator guide", "url": "https://example.org/hackney/guide"},
        {"title": NAMED, "url": ""},
        {"title": "Building Equal Foundations (cabinet report, March 2021)", "url": ""},
    ]
    assert any("named with no link" in warning for warning in parsed.warnings["links"])


def test_an_imported_named_resource_opens_in_the_form_awaiting_a_link_or_file(client):
    client.force_login(lead("Hackney"))
    response = upload(client, "hackney-resources.txt", RETURN.encode())

    resources = response.context["proforma"].resources
    assert [form.initial for form in resources.forms[1:3]] == [
        {"title": NAMED, "url": ""},
        {"title": "Building Equal Foundations (cabinet report, March 2021)", "url": ""},
    ]


def test_check_your_answers_flags_a_resource_awaiting_a_link_or_file_and_still_offers_submit(client):
    practice = PracticeFactory()
    Resource.objects.create(practice=practice, title=NAMED)
    client.force_login(lead("Hackney"))

    page = client.get(reverse("practice_check", args=[practice.pk])).content.decode()

    assert "Awaiting a link or file" in page
    assert f"‘{escape(NAMED)}’ is named without a link or file" in page
    assert ">Submit</button>" in page


def test_the_moderator_is_told_of_a_resource_awaiting_a_link_or_file_on_review(client):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    Resource.objects.create(practice=practice, title=NAMED)
    ResourceFactory(practice=practice)
    client.force_login(moderator())

    page = client.get(reverse("review", args=[practice.pk])).content.decode()

    assert f"‘{escape(NAMED)}’ is named without a link or file" in page
    assert "Evaluation report’ is named" not in page
