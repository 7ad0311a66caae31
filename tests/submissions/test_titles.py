"""A title that tells the work apart: 'Various' is turned down with a name from the description offered in its place."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from submissions.models import Practice
from submissions.texts import is_vague_title, suggested_title
from tests.factories import authority, lead
from tests.submissions.test_import_views import upload
from tests.submissions.test_importers import FIXTURES, parse
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


def test_a_title_is_suggested_from_a_heading_like_line_of_the_description():
    description = "Our approach:\n\nReverse mentoring of head teachers\n\nYoung people mentor heads."
    assert suggested_title(description) == "Reverse mentoring of head teachers"


def test_a_line_leading_in_to_a_list_is_not_taken_for_a_heading():
    description = (
        "Examples of our work include\n\n- A Black leadership group acts as critical friend.\n"
        "- A programme of anti-racist conversations runs for three years."
    )
    assert suggested_title(description) == "A Black leadership group acts as critical friend"


def real_description(name):
    return parse(f"{name}.txt").description


def test_hackneys_return_is_named_by_its_first_sentences_main_clause():
    suggestion = suggested_title(real_description("hackney"), authority("Hackney"))
    assert suggestion == "Hackney has a wide range of anti-racist and inclusivity initiatives"


def test_redbridges_return_with_no_clause_short_enough_is_named_for_its_authority():
    # 'Redbridge disproportionality and anti-racist work is driven by a strong sense of moral purpose': 94
    # characters and no clause's end to cut at, so no part of it reads as a title.
    assert suggested_title(real_description("redbridge"), authority("Redbridge")) == "Redbridge anti-racist practice"


@pytest.mark.parametrize(
    "description, title",
    [
        (
            "We run a mentoring programme for Black boys in year 9 which pairs each of them with a Black professional.",
            "We run a mentoring programme for Black boys in year 9",
        ),
        (
            "Our youth council holds the council to account – it meets every month with the director of children's "
            "services and the lead member.",
            "Our youth council holds the council to account",
        ),
        (
            "Black staff lead three working groups on disproportionality, for example in assessments and "
            "decision-making, with a white colleague.",
            "Black staff lead three working groups on disproportionality",
        ),
        (  # a clause that only sets the scene, and then none that fits
            "Since the murder of George Floyd in 2020, our staff network has run listening circles in every team "
            "across the service.",
            "Hackney anti-racist practice",
        ),
        (  # too few words before the first comma to name anything
            "In 2020, we started a programme of anti-racist conversations for every member of staff in the service.",
            "Hackney anti-racist practice",
        ),
    ],
)
def test_a_long_first_sentence_is_cut_at_its_main_clause_never_mid_phrase(description, title):
    suggestion = suggested_title(description, authority("Hackney"))
    assert suggestion == title
    assert len(suggestion) <= 70
    assert "…" not in suggestion


def test_with_no_clause_that_fits_and_no_authority_nothing_is_suggested():
    description = (
        "Redbridge disproportionality and anti-racist work is driven by a strong sense of moral purpose and by the "
        "wish to make a tangible difference. It crosses partnerships."
    )
    assert suggested_title(description) == ""


@pytest.mark.parametrize("description", ["-", "- \n- ", "**", "1. ", "Examples:\n- "])
def test_list_marks_alone_are_not_taken_for_a_title(description):
    assert suggested_title(description) == ""


def test_no_title_is_suggested_from_an_empty_description():
    assert suggested_title("  ") == ""
    assert suggested_title("  ", authority("Hackney")) == ""


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
    assert form["title"].value() == "Redbridge anti-racist practice"
    assert form.fields["title"].warning == (
        "The proforma names the work ‘Various’; we suggest one. Change it if you like."  # not from its description
    )


def test_the_import_command_names_a_various_return_as_a_title_reads_not_various(capsys):
    call_command("import_proformas", str(FIXTURES / "redbridge.txt"))

    assert Practice.objects.get().title == "Redbridge anti-racist practice"


def test_an_imported_return_with_no_title_opens_with_a_name_from_its_description(client):
    client.force_login(lead("Hackney"))

    response = upload(client, "hackney.txt")

    form = response.context["proforma"].form
    assert form["title"].value() == "Hackney has a wide range of anti-racist and inclusivity initiatives"
    assert form.fields["title"].warning == (
        "The proforma gives no name for the work; we suggest one from its description. Change it if you like."
    )


def test_various_over_a_description_with_no_title_in_it_is_replaced_by_the_authoritys_practice(client):
    client.force_login(lead("Hackney"))
    description = (
        "Hackney's anti-racist work is driven by a strong sense of moral purpose held by the heads of service. "
        "It crosses partnerships."
    )
    data = proforma_data(local_authority=str(authority("Hackney").pk), title="Various", description=description)

    response = client.post(reverse("practice_create"), data)

    assert response.context["proforma"].form["title"].value() == "Hackney anti-racist practice"
    assert not Practice.objects.exists()
