"""A title that tells the work apart: 'Various' is turned down with a name from the description offered in its place."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from submissions.models import Practice
from submissions.texts import is_vague_title, suggested_title
from tests.factories import authority, lead
from tests.submissions.test_import_views import upload
from tests.submissions.test_importers import FIXTURES
from tests.submissions.test_proforma import proforma_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("title", ["Various", "various ", "Various projects", "Multiple", "Several pieces of work."])
def test_a_title_that_names_no_work_is_vague(title):
    assert is_vague_title(title)


@pytest.mark.parametrize("title", ["Various approaches to school exclusions", "Black leadership group", ""])
def test_a_title_that_names_the_work_is_not_vague(title):
    assert not is_vague_title(title)


def test_a_title_is_suggested_from_the_first_bold_line_of_the_description():
    description = "Our approach:\n\n**Reverse mentoring of head teachers**\n\nYoung people mentor heads."
    assert suggested_title(description) == "Reverse mentoring of head teachers"


def test_a_title_is_suggested_from_the_first_sentence_shortened_at_a_word():
    description = (
        "- Redbridge disproportionality and anti-racist work is driven by a strong sense of moral purpose and "
        "by the wish to make a tangible difference. It crosses partnerships."
    )
    suggestion = suggested_title(description)
    assert (
        suggestion == "Redbridge disproportionality and anti-racist work is driven by a strong sense of moral purpose…"
    )
    assert len(suggestion) <= 100


def test_no_title_is_suggested_from_an_empty_description():
    assert suggested_title("  ") == ""


def test_various_is_refused_with_a_name_from_the_description_put_in_its_place(client):
    client.force_login(lead("Hackney"))
    data = proforma_data(
        local_authority=str(authority("Hackney").pk),
        title="Various",
        description="A Black leadership group acts as critical friend. It meets monthly.",
    )

    response = client.post(reverse("practice_create"), data)

    page = response.content.decode()
    assert not Practice.objects.exists()
    assert "‘Various’ does not tell this work apart from others" in page
    assert response.context["proforma"].form["title"].value() == "A Black leadership group acts as critical friend"

    client.post(reverse("practice_create"), {**data, "title": response.context["proforma"].form["title"].value()})
    assert Practice.objects.get().title == "A Black leadership group acts as critical friend"


def test_various_with_no_description_asks_for_a_name_of_its_own(client):
    client.force_login(lead("Hackney"))
    data = proforma_data(local_authority=str(authority("Hackney").pk), title="Multiple projects", description="")

    page = client.post(reverse("practice_create"), data).content.decode()

    assert "Give the work a name of its own rather than ‘Multiple projects’" in page
    assert not Practice.objects.exists()


def test_the_title_hint_no_longer_suggests_various(client):
    client.force_login(lead("Hackney"))
    assert "you can write 'Various'" not in client.get(reverse("practice_create")).content.decode()


def test_an_imported_various_return_opens_with_a_name_from_its_description(client):
    client.force_login(lead("Redbridge"))

    response = upload(client, "redbridge.txt")

    form = response.context["proforma"].form
    assert form["title"].value() == (
        "Redbridge disproportionality and anti-racist work is driven by a strong sense of moral purpose"
    )
    assert form.fields["title"].warning == (
        "The proforma names the work ‘Various’; we suggest one from its description. Change it if you like."
    )


def test_the_import_command_names_a_various_return_from_its_description_not_with_invented_words(capsys):
    call_command("import_proformas", str(FIXTURES / "redbridge.txt"))

    assert Practice.objects.get().title == (
        "Redbridge disproportionality and anti-racist work is driven by a strong sense of moral purpose"
    )


def test_an_imported_return_with_no_title_opens_with_a_name_from_its_description(client):
    client.force_login(lead("Hackney"))

    response = upload(client, "hackney.txt")

    form = response.context["proforma"].form
    assert form["title"].value() == (
        "Hackney has a wide range of anti-racist and inclusivity initiatives, many of which were reviewed…"
    )
    assert form.fields["title"].warning == (
        "The proforma gives no name for the work; we suggest one from its description. Change it if you like."
    )
