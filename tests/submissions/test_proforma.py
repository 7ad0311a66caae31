"""The borough lead's journey through the proforma, as the test client sees it."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from submissions.models import Event, Practice
from tests import factories
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def proforma_data(**overrides):
    """A POST of the proforma page with one contact and no resources, as a browser would send it."""
    data = {
        "local_authority": "",
        "title": "Black leadership group",
        "summary": "A group of Black staff acts as critical friend to the service.",
        "description": "The group meets monthly.\n\n- Reviews policy\n- Sits on recruitment panels",
        "impact": "Three policies rewritten.",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Lisa Aldridge",
        "contacts-0-role": "Head of Safeguarding and Learning",
        "contacts-0-email": "lisa.aldridge@example.org",
        "contacts-0-phone": "020 7946 0002",
        "resources-TOTAL_FORMS": "1",
        "resources-INITIAL_FORMS": "0",
        "action": "draft",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signed_in_lead(client, lead_a):
    client.force_login(lead_a)
    return client


def hackney_id():
    from tests.factories import authority

    return str(authority("Hackney").pk)


def test_lead_saves_a_draft_with_a_contact(signed_in_lead, lead_a):
    response = signed_in_lead.post(reverse("practice_create"), proforma_data(local_authority=hackney_id()))

    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("my_submissions")
    assert practice.status == Practice.Status.DRAFT
    assert practice.created_by == lead_a
    assert [c.email for c in practice.contacts.all()] == ["lisa.aldridge@example.org"]
    assert practice.events.get().action == Event.Action.CREATED


def test_invalid_proforma_shows_an_error_summary_and_keeps_what_was_typed(signed_in_lead):
    data = proforma_data(local_authority=hackney_id(), title="", **{"contacts-0-email": "lisa at hackney"})

    response = signed_in_lead.post(reverse("practice_create"), data)

    assert response.status_code == 200
    assert not Practice.objects.exists()
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_title">Enter the name of the project or approach</a>' in page
    assert 'href="#id_contacts-0-email">Contact 1: Enter an email address in the correct format' in page
    assert "A group of Black staff acts as critical friend to the service." in page
    assert 'value="lisa at hackney"' in page
    assert response.context["proforma"].form["title"].value() == ""
    assert "<title>Error: Share practice" in page


def test_a_valid_upload_survives_an_error_elsewhere_on_the_page(signed_in_lead, pdf_bytes):
    upload = SimpleUploadedFile("evaluation.pdf", pdf_bytes, content_type="application/pdf")
    data = proforma_data(local_authority=hackney_id(), title="", **{"resources-0-title": "Evaluation"})

    response = signed_in_lead.post(reverse("practice_create"), {**data, "resources-0-file": upload})
    assert "Uploaded:</strong> evaluation.pdf" in response.content.decode()
    kept = response.context["proforma"].resources.forms[0]["kept_upload"].value()

    fixed = {**data, "title": "Evaluation of reflective circles", "resources-0-kept_upload": kept}
    signed_in_lead.post(reverse("practice_create"), fixed)

    resource = Practice.objects.get().resources.get()
    assert resource.original_filename == "evaluation.pdf"
    assert resource.content_type == "application/pdf"
    assert resource.file.read() == pdf_bytes


def test_an_executable_renamed_to_pdf_is_refused(signed_in_lead):
    upload = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")
    data = proforma_data(local_authority=hackney_id(), **{"resources-0-title": "Report", "resources-0-file": upload})

    response = signed_in_lead.post(reverse("practice_create"), data)

    assert response.status_code == 200
    assert "Resource 1: The selected file must be a PDF, Word, Excel" in response.content.decode()
    assert not Practice.objects.exists()


def test_a_25_mb_file_is_refused_and_the_draft_survives(signed_in_lead, pdf_bytes):
    practice = PracticeFactory(title="Youth justice disproportionality plan")  # a Hackney draft, lead A's
    big = SimpleUploadedFile("big.pdf", pdf_bytes + b"0" * (25 * 1024 * 1024), content_type="application/pdf")
    data = proforma_data(
        local_authority=hackney_id(),
        title="Youth justice disproportionality plan, revised",
        **{"resources-0-title": "Full report", "resources-0-file": big},
    )

    response = signed_in_lead.post(reverse("practice_edit", args=[practice.pk]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Resource 1: The selected file must be smaller than 20" in page
    assert "Youth justice disproportionality plan, revised" in page  # what was typed is still there
    practice.refresh_from_db()
    assert practice.title == "Youth justice disproportionality plan"  # the saved draft is untouched
    assert not practice.resources.exists()


def test_links_must_be_web_addresses(signed_in_lead):
    data = proforma_data(
        local_authority=hackney_id(),
        **{"resources-0-title": "Toolkit", "resources-0-url": "javascript:alert(document.cookie)"},
    )

    response = signed_in_lead.post(reverse("practice_create"), data)

    assert "Resource 1: Enter a web link starting http:// or https://" in response.content.decode()


def test_a_lead_cannot_file_an_entry_under_another_authority(signed_in_lead):
    from tests.factories import authority

    data = proforma_data(local_authority=str(authority("Redbridge").pk))

    response = signed_in_lead.post(reverse("practice_create"), data)

    assert "Select one of your local authorities" in response.content.decode()
    assert not Practice.objects.exists()


def test_check_your_answers_lists_what_is_missing_and_will_not_submit(signed_in_lead):
    practice = PracticeFactory(summary="", complete=False)

    response = signed_in_lead.post(reverse("practice_check", args=[practice.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a short summary of the work" in page
    assert "Select at least one theme" in page
    practice.refresh_from_db()
    assert practice.status == Practice.Status.DRAFT


def test_lead_submits_a_complete_draft_and_sees_it_as_submitted(signed_in_lead):
    practice = PracticeFactory()

    response = signed_in_lead.post(reverse("practice_check", args=[practice.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("practice_submitted", args=[practice.pk])
    assert "Practice submitted" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED
    listing = signed_in_lead.get(reverse("my_submissions")).content.decode()
    assert "status-tag--submitted" in listing


def test_a_submitted_entry_can_no_longer_be_edited(signed_in_lead):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)

    response = signed_in_lead.post(reverse("practice_edit", args=[practice.pk]), proforma_data(), follow=True)

    assert "cannot be changed now" in response.content.decode()
    practice.refresh_from_db()
    assert practice.title != "Black leadership group"


def test_lead_withdraws_a_submitted_entry_with_a_reason(signed_in_lead, lead_a):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)

    signed_in_lead.post(reverse("practice_withdraw", args=[practice.pk]), {"reason": "Duplicate of our other entry"})

    practice.refresh_from_db()
    assert practice.status == Practice.Status.WITHDRAWN
    event = practice.events.get()
    assert (event.actor, event.comment) == (lead_a, "Duplicate of our other entry")


def test_lead_b_cannot_read_edit_or_download_lead_a_draft(client, lead_b):
    from tests.conftest import attach_pdf

    draft = PracticeFactory()  # Hackney's
    resource = attach_pdf(draft)
    client.force_login(lead_b)

    for name in ["submission_detail", "practice_edit", "practice_check", "practice_withdraw", "practice_submitted"]:
        assert client.get(reverse(name, args=[draft.pk])).status_code == 404, name
    assert client.post(reverse("practice_edit", args=[draft.pk]), proforma_data()).status_code == 404
    assert client.post(reverse("practice_check", args=[draft.pk])).status_code == 404
    assert client.get(reverse("resource_download", args=[resource.pk])).status_code == 404
    assert client.get(reverse("practice_detail", args=[draft.pk])).status_code == 404
    assert draft.title not in client.get(reverse("my_submissions")).content.decode()
    assert not mail.outbox


def test_lead_removes_a_contact_and_a_file_resource_and_the_file_goes_too(
    signed_in_lead, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from tests.conftest import attach_pdf

    practice = PracticeFactory()
    contact = practice.contacts.get()
    resource = attach_pdf(practice)
    data = proforma_data(
        local_authority=hackney_id(),
        **{
            "contacts-TOTAL_FORMS": "2",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk),
            "contacts-0-DELETE": "on",
            "contacts-1-name": "Annie Gammon",
            "resources-TOTAL_FORMS": "2",
            "resources-INITIAL_FORMS": "1",
            "resources-0-id": str(resource.pk),
            "resources-0-title": resource.title,
            "resources-0-DELETE": "on",
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_lead.post(reverse("practice_edit", args=[practice.pk]), data)

    assert response.status_code == 302
    assert [c.name for c in practice.contacts.all()] == ["Annie Gammon"]
    assert not practice.resources.exists()
    assert not default_storage.exists(resource.file.name)


def test_when_two_people_edit_an_entry_the_second_save_is_refused_and_their_text_kept(client, db):
    first, second = factories.lead("Hackney"), factories.lead("Hackney")
    draft = PracticeFactory(title="Mentoring")
    other = Client()
    client.force_login(first)
    other.force_login(second)
    url = reverse("practice_edit", args=[draft.pk])
    page, other_page = client.get(url), other.get(url)

    def save(browser, page, title):
        seen = re.search(r'name="seen_version" value="(\d+)"', page.content.decode()).group(1)
        return browser.post(url, proforma_data(local_authority=hackney_id(), title=title, seen_version=seen))

    assert save(client, page, "Mentoring for governors").status_code == 302
    refused = save(other, other_page, "Reverse mentoring")
    assert refused.status_code == 200
    assert "Someone else saved changes to this entry" in refused.content.decode()
    assert 'value="Reverse mentoring"' in refused.content.decode()
    assert Practice.objects.get(pk=draft.pk).title == "Mentoring for governors"
    # Having seen the warning, saving again replaces the other person's version.
    assert save(other, refused, "Reverse mentoring").status_code == 302
    assert Practice.objects.get(pk=draft.pk).title == "Reverse mentoring"


def test_answers_sent_after_the_session_expired_are_kept_until_the_lead_signs_in_again(client, lead_a):
    draft = PracticeFactory(title="Mentoring")
    url = reverse("practice_edit", args=[draft.pk])
    client.force_login(lead_a)
    client.get(url)
    client.session.flush()  # the session expires while the lead is typing
    client.cookies.pop("sessionid", None)
    sent = client.post(url, proforma_data(local_authority=hackney_id(), title="Reverse mentoring, with governors"))
    assert sent.status_code == 302 and sent.url.startswith(reverse("login"))
    assert Practice.objects.get(pk=draft.pk).title == "Mentoring"  # nothing saved while signed out

    signed_in = client.post(sent.url, {"username": lead_a.email, "password": "a-long-test-password"})
    assert signed_in.url == url
    page = client.get(url).content.decode()
    assert "You were signed out before your answers were saved" in page
    assert 'value="Reverse mentoring, with governors"' in page
    assert "You were signed out" not in client.get(url).content.decode()  # shown once


def test_my_submissions_comes_a_page_at_a_time_the_latest_changed_first(signed_in_lead):
    entries = PracticeFactory.create_batch(51)
    entries[0].title = "Changed just now"
    entries[0].save()

    first = signed_in_lead.get(reverse("my_submissions")).content.decode()
    second = signed_in_lead.get(reverse("my_submissions"), {"page": 2}).content.decode()

    assert first.count('scope="row"') == 50 and second.count('scope="row"') == 1
    rows = first.split('scope="row"')[1:]
    assert "Changed just now" in rows[0] and f"{entries[-1].title}<" in rows[1]
    assert f"{entries[1].title}<" in second
    assert "Page 1 of 2" in first and 'rel="next"' in first


def test_adding_another_contact_or_resource_is_not_recorded_as_an_edit(signed_in_lead, lead_a):
    signed_in_lead.post(reverse("practice_create"), proforma_data(local_authority=hackney_id()))
    practice = Practice.objects.get()
    edit = reverse("practice_edit", args=[practice.pk])
    contact = {"contacts-INITIAL_FORMS": "1", "contacts-0-id": str(practice.contacts.get().pk)}
    for action in ["add_contact", "add_resource", "add_contact"]:
        response = signed_in_lead.post(edit, proforma_data(local_authority=hackney_id(), action=action, **contact))
        assert response.status_code == 302  # saved, and back to the form
    signed_in_lead.post(edit, proforma_data(local_authority=hackney_id(), action="draft", **contact))

    assert [event.action for event in practice.events.all()] == [Event.Action.CREATED, Event.Action.EDITED]
    assert "Edited" in signed_in_lead.get(reverse("submission_detail", args=[practice.pk])).content.decode()


def test_a_lead_deletes_a_draft_after_confirming_and_its_file_goes_too(
    signed_in_lead, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from tests.conftest import attach_pdf

    draft = PracticeFactory(title="Black leadership group")
    stored = attach_pdf(draft).file.name
    page = signed_in_lead.get(reverse("practice_delete", args=[draft.pk])).content.decode()
    assert "Are you sure you want to delete the draft ‘Black leadership group’?" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_lead.post(reverse("practice_delete", args=[draft.pk]), follow=True)

    assert "Your draft ‘Black leadership group’ was deleted." in response.content.decode()
    assert not Practice.objects.filter(pk=draft.pk).exists()
    assert not default_storage.exists(stored)


def test_a_submitted_entry_cannot_be_deleted_only_withdrawn(signed_in_lead):
    submitted = PracticeFactory(status=Practice.Status.SUBMITTED)
    assert signed_in_lead.get(reverse("practice_delete", args=[submitted.pk])).status_code == 302
    signed_in_lead.post(reverse("practice_delete", args=[submitted.pk]))
    assert Practice.objects.filter(pk=submitted.pk).exists()
    assert "Withdraw" in signed_in_lead.get(reverse("submission_detail", args=[submitted.pk])).content.decode()


def test_withdrawn_entries_leave_the_main_list_for_a_withdrawn_list(signed_in_lead):
    PracticeFactory(title="Still a draft")
    PracticeFactory(title="Taken back", status=Practice.Status.WITHDRAWN)
    PracticeFactory(title="Live entry", status=Practice.Status.PUBLISHED)
    page = signed_in_lead.get(reverse("my_submissions")).content.decode()
    table, withdrawn = page.split('<h2 class="h4 mt-4">Withdrawn</h2>')
    assert "Still a draft" in table and "Taken back" not in table
    assert "Taken back" in withdrawn
    assert 'Change this entry<span class="visually-hidden"> ‘Live entry’</span>' in table
