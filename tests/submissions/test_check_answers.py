"""Check your answers: every link from it lands on the question it names, and Submit waits for every answer."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.conftest import attach_pdf
from tests.factories import PracticeFactory, ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_lead(client, lead_a):
    client.force_login(lead_a)
    return client


def ids_on(page):
    return set(re.findall(r'\sid="([^"]+)"', page))


def links_to_the_form(page, practice):
    edit = reverse("practice_edit", args=[practice.pk])
    return re.findall(rf'href="{re.escape(edit)}#([^"]+)"', page)


def test_each_change_link_lands_on_an_element_with_that_id(signed_in_lead):
    practice = PracticeFactory()
    ResourceFactory(practice=practice)
    attach_pdf(practice)
    check = signed_in_lead.get(reverse("practice_check", args=[practice.pk])).content.decode()
    form = signed_in_lead.get(reverse("practice_edit", args=[practice.pk])).content.decode()

    anchors = links_to_the_form(check, practice)
    assert len(anchors) >= 8
    assert set(anchors) <= ids_on(form), set(anchors) - ids_on(form)


def test_a_missing_answer_is_a_link_to_its_question_not_not_provided(signed_in_lead):
    practice = PracticeFactory(title="Black leadership group", summary="", description="", impact="", complete=False)
    check = signed_in_lead.get(reverse("practice_check", args=[practice.pk])).content.decode()
    form = signed_in_lead.get(reverse("practice_edit", args=[practice.pk])).content.decode()

    edit = reverse("practice_edit", args=[practice.pk])
    assert f'<a class="summary-list__to-do" href="{edit}#id_summary">Enter a short summary of the work</a>' in check
    assert "Not provided" not in check
    assert set(links_to_the_form(check, practice)) <= ids_on(form)


def test_submit_is_offered_only_once_nothing_is_missing(signed_in_lead):
    incomplete = PracticeFactory(summary="", complete=False)
    complete = PracticeFactory()
    assert (
        ">Submit</button>" not in signed_in_lead.get(reverse("practice_check", args=[incomplete.pk])).content.decode()
    )
    assert ">Submit</button>" in signed_in_lead.get(reverse("practice_check", args=[complete.pk])).content.decode()


def test_the_error_summary_links_to_rows_on_the_page(signed_in_lead):
    practice = PracticeFactory(summary="", complete=False)
    page = signed_in_lead.post(reverse("practice_check", args=[practice.pk])).content.decode()
    summary = page.split('class="error-summary"')[1].split("</ul>")[0]
    anchors = re.findall(r'href="#([^"]+)"', summary)
    assert len(anchors) == 3  # the summary, a category and a theme: an impact and a contact are optional
    assert set(anchors) <= ids_on(page)


def test_files_and_links_open_from_check_your_answers_and_the_entry_page(signed_in_lead):
    practice = PracticeFactory()
    ResourceFactory(practice=practice, url="https://example.org/evaluation")
    file = attach_pdf(practice)
    for name in ["practice_check", "submission_detail"]:
        page = signed_in_lead.get(reverse(name, args=[practice.pk])).content.decode()
        assert '<a href="https://example.org/evaluation">https://example.org/evaluation</a>' in page, name
        assert f'<a href="{reverse("resource_download", args=[file.pk])}">evaluation.pdf (' in page, name
    assert signed_in_lead.get(reverse("resource_download", args=[file.pk])).status_code == 200


def test_the_hidden_words_of_a_contacts_change_link_keep_their_name_as_written(client):
    lead = factories.lead("Hackney")
    practice = factories.PracticeFactory(local_authority=factories.authority("Hackney"))
    practice.contacts.update(name="Sonia Khan")
    client.force_login(lead)
    page = client.get(reverse("practice_check", args=[practice.pk])).content.decode()
    assert 'Change<span class="visually-hidden"> Sonia Khan</span>' in page
