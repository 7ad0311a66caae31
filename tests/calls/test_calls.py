"""Calls for practice: who is asked, the returns tracker, reminders, coverage and the call's practice pack."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document

from calls import services as call_services
from calls.models import Call, CallReminder
from calls.tracker import coverage, returns
from outbox.models import OutgoingEmail
from reference.models import LocalAuthority
from submissions import services
from submissions.models import Practice
from tests import factories
from tests.factories import PracticeFactory, authority


@pytest.fixture
def east_london(db):
    return list(LocalAuthority.objects.filter(sub_region__slug="east-london").order_by("name"))


@pytest.fixture
def leads(db):
    """One lead for Redbridge and Newham (East London), and one for Camden (North Central)."""
    return {
        "Redbridge": factories.lead("Redbridge", email="lead@redbridge.example.org"),
        "Newham": factories.lead("Newham", email="lead@newham.example.org"),
        "Camden": factories.lead("Camden", email="lead@camden.example.org"),
    }


@pytest.fixture
def east_call(east_london):
    return factories.call([la.name for la in east_london], opened=False)


def date_parts(name, day):
    """A date as the GOV.UK date input sends it: day, month and year boxes."""
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def recipients(subject_start):
    return sorted(email.to for email in OutgoingEmail.objects.filter(subject__startswith=subject_start))


def states(call):
    return {row.local_authority.name: row.state for row in returns(call)}


# -- making and opening a call ---------------------------------------------------------------


def test_a_moderator_makes_a_call_to_a_sub_region(client, east_london):
    client.force_login(factories.moderator())
    today = timezone.localdate()
    response = client.post(
        reverse("call_create"),
        {
            "title": "East London DCS meeting, March",
            "message": "Please share your work on exclusions.",
            "audience": "sub_region",
            **date_parts("opens_on", today),
            **date_parts("return_by", today + timedelta(days=21)),
            "sub_region": east_london[0].sub_region_id,
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("call_returns", args=[call.pk])
    assert list(call.local_authorities.order_by("name")) == east_london
    assert not call.is_opened
    assert not OutgoingEmail.objects.exists()


def test_a_call_form_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(client, db):
    client.force_login(factories.moderator())
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("call_create"),
        {"title": "Exclusions round", "message": "", "audience": "authorities", **date_parts("opens_on", yesterday)},
    )
    assert response.status_code == 200
    messages = sorted(message for _, message in response.context["errors"])
    assert messages == [
        "Enter a message to the leads",
        "Enter the return-by date",
        "Select the local authorities the call is for",
        "The opening date must be today or in the future",
    ]
    assert 'value="Exclusions round"' in response.content.decode()
    assert not Call.objects.exists()


def test_opening_a_call_emails_only_the_leads_of_its_local_authorities(east_call, leads):
    call_services.open_call(call=east_call, by=factories.moderator())
    assert recipients("Call for practice") == ["lead@newham.example.org", "lead@redbridge.example.org"]
    email = OutgoingEmail.objects.get(to="lead@redbridge.example.org")
    assert f"/submissions/new/?call={east_call.pk}" in email.body
    assert east_call.return_by.strftime("%-d %B %Y") in email.subject


def test_a_call_is_opened_once(east_call, leads):
    call_services.open_call(call=east_call)
    with pytest.raises(services.TransitionNotAllowed):
        call_services.open_call(call=east_call)
    assert len(recipients("Call for practice")) == 2


# -- the tracker -------------------------------------------------------------------------------


def test_the_tracker_shows_each_local_authority_at_its_furthest_return(east_call, east_london, leads):
    call_services.open_call(call=east_call)
    PracticeFactory(call=east_call, local_authority=authority("Redbridge"), status=Practice.Status.SUBMITTED)
    PracticeFactory(call=east_call, local_authority=authority("Redbridge"), status=Practice.Status.DRAFT)
    PracticeFactory(call=east_call, local_authority=authority("Newham"), status=Practice.Status.DRAFT)
    PracticeFactory(call=east_call, local_authority=authority("Havering"), status=Practice.Status.WITHDRAWN)
    PracticeFactory(call=east_call, local_authority=authority("Hackney"), status=Practice.Status.PUBLISHED)
    PracticeFactory(local_authority=authority("Barking and Dagenham"), status=Practice.Status.SUBMITTED)  # no call
    expected = {la.name: "not_started" for la in east_london}
    expected |= {"Hackney": "published", "Newham": "draft", "Redbridge": "submitted"}
    assert states(east_call) == expected


def test_the_tracker_page_counts_states_and_lists_the_leads(client, east_call, leads):
    call_services.open_call(call=east_call)
    PracticeFactory(call=east_call, local_authority=authority("Redbridge"), status=Practice.Status.SUBMITTED)
    client.force_login(factories.moderator())
    response = client.get(reverse("call_returns", args=[east_call.pk]))
    counts = dict(response.context["counts"])
    assert counts["Submitted"] == 1
    assert counts["Not started"] == east_call.local_authorities.count() - 1
    page = response.content.decode()
    assert "lead@redbridge.example.org" in page
    assert "lead@camden.example.org" not in page


def test_the_tracker_downloads_as_csv_one_row_per_local_authority(client, east_call, leads):
    call_services.open_call(call=east_call)
    PracticeFactory(
        call=east_call, local_authority=authority("Redbridge"), status=Practice.Status.SUBMITTED, title="=HYPERLINK()"
    )
    client.force_login(factories.moderator())
    response = client.get(reverse("call_returns_csv", args=[east_call.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Local authority"] for row in rows] == list(
        east_call.local_authorities.order_by("name").values_list("name", flat=True)
    )
    redbridge = next(row for row in rows if row["Local authority"] == "Redbridge")
    assert redbridge["State"] == "Submitted"
    assert redbridge["Entries"] == "'=HYPERLINK() (Submitted)"  # never run as a formula
    assert redbridge["Leads"] == "lead@redbridge.example.org"


def test_leads_cannot_see_other_local_authorities_drafts_through_a_call(client, east_call, leads):
    call_services.open_call(call=east_call)
    PracticeFactory(call=east_call, local_authority=authority("Newham"), title="Newham's unfinished draft")
    client.force_login(leads["Redbridge"])
    assert client.get(reverse("call_returns", args=[east_call.pk])).status_code == 403
    assert client.get(reverse("call_returns_csv", args=[east_call.pk])).status_code == 403
    page = client.get(reverse("call_detail", args=[east_call.pk]))
    assert [row.local_authority.name for row in page.context["own_returns"]] == ["Redbridge"]
    assert "Newham's unfinished draft" not in page.content.decode()
    home = client.get(reverse("home")).content.decode()
    assert east_call.title in home and "Newham's unfinished draft" not in home


# -- reminders ---------------------------------------------------------------------------------


def test_reminders_go_only_to_local_authorities_that_have_not_submitted(east_call, leads):
    call_services.open_call(call=east_call)
    PracticeFactory(call=east_call, local_authority=authority("Redbridge"), status=Practice.Status.SUBMITTED)
    reminded = call_services.remind_call(call=east_call)
    assert [la.name for la in reminded] == ["Newham"]  # Redbridge has submitted; the rest have no lead yet
    assert recipients("Reminder") == ["lead@newham.example.org"]


def test_a_local_authority_is_reminded_at_most_once_a_day(east_call, leads):
    call_services.open_call(call=east_call)
    today = timezone.localdate()
    first = call_services.remind_call(call=east_call, today=today)
    again = call_services.remind_call(call=east_call, today=today)
    assert first and again == []
    both = ["lead@newham.example.org", "lead@redbridge.example.org"]
    assert recipients("Reminder") == both
    tomorrow = call_services.remind_call(call=east_call, today=today + timedelta(days=1))
    assert len(tomorrow) == len(first)
    assert recipients("Reminder") == sorted(both * 2)


def test_the_reminder_button_says_who_was_reminded(client, east_call, leads):
    call_services.open_call(call=east_call)
    client.force_login(factories.moderator())
    response = client.post(reverse("call_remind", args=[east_call.pk]), follow=True)
    assert "Reminded the leads of 2 local authorities: Newham, Redbridge." in response.content.decode()
    assert CallReminder.objects.filter(call=east_call).count() == 2
    response = client.post(reverse("call_remind", args=[east_call.pk]), follow=True)
    assert "Nobody was reminded" in response.content.decode()


def test_the_daily_job_opens_due_calls_and_reminds_on_the_set_days_only(settings, leads, east_london):
    settings.PORTAL_CALL_REMINDER_DAYS = [7]
    names = [la.name for la in east_london]
    due = factories.call(names, opened=False, return_in_days=7, title="Due today")
    later = factories.call(names, return_in_days=10, title="Not yet")
    call_command("send_call_reminders", stdout=io.StringIO())
    call_command("send_call_reminders", stdout=io.StringIO())  # run twice by mistake: nothing is sent twice
    due.refresh_from_db()
    assert due.is_opened
    assert recipients("Call for practice: Due today") == ["lead@newham.example.org", "lead@redbridge.example.org"]
    assert recipients("Reminder: Due today") == ["lead@newham.example.org", "lead@redbridge.example.org"]
    assert not CallReminder.objects.filter(call=later).exists()
    assert "lead@camden.example.org" not in {email.to for email in OutgoingEmail.objects.all()}


def test_reminder_and_call_emails_are_sent_after_commit(east_call, leads, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_services.open_call(call=east_call)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "lead@newham.example.org",
        "lead@redbridge.example.org",
    ]


# -- the proforma started from a call --------------------------------------------------------


def test_a_proforma_started_from_the_call_link_is_tied_to_the_call(client, leads, east_london):
    call = factories.call([la.name for la in east_london], themes=["school-exclusions"])
    client.force_login(leads["Redbridge"])
    response = client.get(reverse("practice_create") + f"?call={call.pk}")
    form = response.context["proforma"].form
    assert form.initial["call"] == call
    assert [theme.slug for theme in form.initial["themes"]] == ["school-exclusions"]
    assert f'<option value="{call.pk}" selected>' in response.content.decode()


def save_draft_for(client, call, authority_name):
    """Save a new draft, 'Reverse mentoring', for this local authority, as a return to the call."""
    empty_formsets = {
        f"{prefix}-{count}_FORMS": "0" for prefix in ("contacts", "resources") for count in ("TOTAL", "INITIAL")
    }
    data = {"call": call.pk, "local_authority": authority(authority_name).pk, "title": "Reverse mentoring"}
    return client.post(reverse("practice_create"), {**data, **empty_formsets, "action": "draft"})


def test_a_proforma_cannot_be_returned_to_a_call_that_did_not_ask_its_authority(client, db):
    call = factories.call(["Newham"])
    lead = factories.lead("Redbridge")
    factories.Membership.objects.create(user=lead, local_authority=authority("Newham"))
    client.force_login(lead)
    response = save_draft_for(client, call, "Redbridge")
    assert response.status_code == 200
    assert any("was not sent to Redbridge" in message for _, message in response.context["errors"])
    assert not Practice.objects.exists()


def test_leads_without_open_calls_are_not_asked_about_calls(client, leads):
    client.force_login(leads["Camden"])
    factories.call(["Redbridge"])
    factories.call(["Camden"], return_in_days=-1)  # past its return-by date
    response = client.get(reverse("practice_create"))
    assert "call" not in response.context["proforma"].form.fields


# -- after the return-by date ------------------------------------------------------------------


@pytest.fixture
def closed_call(leads, east_london):
    call = factories.call([la.name for la in east_london], return_in_days=-1, title="Exclusions round")
    PracticeFactory(
        call=call, local_authority=authority("Redbridge"), status=Practice.Status.PUBLISHED, title="Redbridge mentors"
    )
    PracticeFactory(call=call, local_authority=authority("Newham"), status=Practice.Status.PUBLISHED, title="Newham")
    PracticeFactory(call=call, local_authority=authority("Havering"), status=Practice.Status.SUBMITTED, title="Hidden")
    PracticeFactory(local_authority=authority("Camden"), status=Practice.Status.PUBLISHED, title="Not in the call")
    return call


def test_after_the_return_by_date_directors_see_the_published_returns(client, closed_call):
    client.force_login(factories.dcs())
    response = client.get(reverse("call_detail", args=[closed_call.pk]))
    assert [practice.title for practice in response.context["published"]] == ["Newham", "Redbridge mentors"]
    assert reverse("call_pack", args=[closed_call.pk]) in response.content.decode()


def test_before_the_return_by_date_the_pack_waits(client, leads, east_london):
    call = factories.call([la.name for la in east_london])
    client.force_login(factories.dcs())
    response = client.get(reverse("call_pack", args=[call.pk]))
    assert response.status_code == 302
    assert response.url == reverse("call_detail", args=[call.pk])


def test_the_calls_practice_pack_holds_exactly_its_published_returns(client, closed_call):
    client.force_login(factories.dcs())
    response = client.get(reverse("call_pack", args=[closed_call.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(io.BytesIO(response.content))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "East London") in headings
    entry_titles = [text for style, text in headings if style == "Heading 3" and text != "East London"]
    assert entry_titles == ["Newham", "Redbridge mentors"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Exclusions round" in text
    assert "lisa@example.org" in text  # a signed-in director's pack has the contacts' emails
    assert "Hidden" not in text and "Not in the call" not in text


def test_browsing_a_calls_returns_shows_only_them(client, closed_call):
    client.force_login(factories.dcs())
    response = client.get(reverse("practice_list") + f"?call={closed_call.pk}")
    assert sorted(hit.title for hit in response.context["results"].hits) == ["Newham", "Redbridge mentors"]


# -- coverage ----------------------------------------------------------------------------------


def cell(table, authority_name, column_slug):
    for _, rows in table.groups:
        for row in rows:
            if row.local_authority.name == authority_name:
                return next(count for column, count, _ in row.cells if column.slug == column_slug)
    raise KeyError(authority_name)


def test_coverage_counts_published_entries_by_authority_and_theme(closed_call):
    table = coverage(by="theme")
    assert cell(table, "Redbridge", "school-exclusions") == 1
    assert cell(table, "Camden", "school-exclusions") == 1
    assert cell(table, "Havering", "school-exclusions") == 0  # submitted, not published
    assert cell(table, "Redbridge", "youth-justice") == 0
    assert sum(len(rows) for _, rows in table.groups) == 33
    by_call = coverage(by="theme", call=closed_call)
    assert cell(by_call, "Newham", "school-exclusions") == 1
    listed = {row.local_authority for _, rows in by_call.groups for row in rows}
    assert listed == set(closed_call.local_authorities.all())  # Camden, not asked, is not a gap of the call
    assert by_call.gaps == len(listed) * len(by_call.columns) - 2  # Redbridge's and Newham's one theme each
    last_year = coverage(by="category", year=timezone.localdate().year - 1)
    assert cell(last_year, "Redbridge", "with-partners") == 0
    assert cell(coverage(by="category"), "Redbridge", "with-partners") == 1


def test_coverage_cells_link_to_the_same_entries_on_the_browse_page(client, closed_call):
    table = coverage(by="theme", call=closed_call)
    url = next(
        url
        for _, rows in table.groups
        for row in rows
        for column, count, url in row.cells
        if row.local_authority.name == "Redbridge" and column.slug == "school-exclusions"
    )
    hits = client.get(url).context["results"].hits
    assert [hit.title for hit in hits] == ["Redbridge mentors"]


def test_the_coverage_page_is_a_real_table_filterable_by_call(client, closed_call):
    client.force_login(factories.dcs())
    page = client.get(reverse("coverage"), {"call": closed_call.pk}).content.decode()
    assert '<th scope="col">School exclusions</th>' in page
    assert '<th scope="row">Redbridge</th>' in page
    assert '<th scope="rowgroup" colspan=' in page
    assert "returned to ‘Exclusions round’" in page


def test_a_call_that_closes_while_the_lead_is_typing_is_explained_and_nothing_is_lost(client, leads):
    call = factories.call(["Redbridge"])
    client.force_login(leads["Redbridge"])
    yesterday = timezone.localdate() - timedelta(days=1)
    Call.objects.filter(pk=call.pk).update(opens_on=yesterday, return_by=yesterday)
    response = save_draft_for(client, call, "Redbridge")
    assert response.status_code == 200
    assert any("no longer taking returns" in message for _, message in response.context["errors"])
    assert 'value="Reverse mentoring"' in response.content.decode()


def test_a_draft_returned_to_a_call_can_be_edited_and_keeps_its_call(client, leads):
    call = factories.call(["Redbridge"])
    draft = PracticeFactory(call=call, local_authority=authority("Redbridge"))
    client.force_login(leads["Redbridge"])
    page = client.get(reverse("practice_edit", args=[draft.pk]))
    assert page.status_code == 200
    assert page.context["proforma"].form["call"].value() == call.pk
    Call.objects.filter(pk=call.pk).update(
        opens_on=timezone.localdate() - timedelta(days=9), return_by=timezone.localdate() - timedelta(days=1)
    )
    assert client.get(reverse("practice_edit", args=[draft.pk])).status_code == 200  # closed since: still editable


def test_changes_to_a_published_return_stay_with_its_call(client, leads):
    call = factories.call(["Redbridge"])
    live = PracticeFactory(call=call, local_authority=authority("Redbridge"), status=Practice.Status.PUBLISHED)
    revision = services.start_revision(practice=live, by=leads["Redbridge"])
    client.force_login(leads["Redbridge"])
    assert "call" not in client.get(reverse("practice_edit", args=[revision.pk])).context["proforma"].form.fields
    assert revision.call == call


def test_no_reminders_after_the_return_by_date_or_to_authorities_without_leads(east_call, leads):
    call_services.open_call(call=east_call)
    call_services.remind_call(call=east_call)
    reminded = set(CallReminder.objects.values_list("local_authority__name", flat=True))
    assert reminded == {"Newham", "Redbridge"}  # the other East London boroughs have no lead to email
    later = east_call.return_by + timedelta(days=1)
    with pytest.raises(services.TransitionNotAllowed):
        call_services.remind_call(call=east_call, today=later)


def test_the_daily_job_does_not_open_a_call_whose_return_by_date_has_passed(leads):
    overdue = factories.call(["Redbridge"], opened=False, return_in_days=-2)
    call_command("send_call_reminders", stdout=io.StringIO())
    overdue.refresh_from_db()
    assert not overdue.is_opened
    assert not OutgoingEmail.objects.exists()


def test_a_lead_of_two_authorities_sees_both_in_a_call(client, east_london):
    lead = factories.lead("Redbridge")
    factories.Membership.objects.create(user=lead, local_authority=authority("Newham"))
    call = factories.call([la.name for la in east_london])
    PracticeFactory(call=call, local_authority=authority("Newham"), status=Practice.Status.SUBMITTED)
    client.force_login(lead)
    rows = client.get(reverse("call_detail", args=[call.pk])).context["own_returns"]
    assert [(row.local_authority.name, row.state) for row in rows] == [
        ("Newham", "submitted"),
        ("Redbridge", "not_started"),
    ]
    [(home_call, home_rows)] = client.get(reverse("home")).context["open_calls"]
    assert home_call == call and len(home_rows) == 2


def test_a_stale_call_in_a_coverage_bookmark_keeps_the_year(client, closed_call):
    client.force_login(factories.dcs())
    chosen = client.get(reverse("coverage"), {"call": "999999", "year": str(timezone.localdate().year)}).context[
        "chosen"
    ]
    assert chosen == {"call": None, "year": timezone.localdate().year}


def test_only_signed_in_users_can_filter_by_call(client, closed_call):
    anonymous = client.get(reverse("practice_list"), {"call": closed_call.pk})
    assert anonymous.context["browse"].filters.calls == []
    assert closed_call.title not in anonymous.content.decode()
