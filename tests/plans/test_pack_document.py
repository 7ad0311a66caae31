"""The meeting pack reads like a DCS paper, and the draft for the next meeting carries what was said at the last."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from evidence.pages import measure_figures
from plans import sent_packs, services
from plans.models import Action, BoroughCheck, Owner, Update
from reference.models import SharingCategory
from tests import factories
from tests.evidence.factories import youth_justice_world
from tests.evidence.test_citations import citation_of
from tests.plans import world
from tests.plans.test_borough_checklist import point_of_contact
from tests.plans.test_meetings_and_pack import meeting_form

pytestmark = pytest.mark.django_db

PUBLIC = "https://practice.liia.london"


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch, settings):
    monkeypatch.setattr(sent_packs, "SOFFICE", "no-libreoffice-here")
    settings.PORTAL_BASE_URL = PUBLIC


@pytest.fixture
def ncl():
    return world.north_central()


def opened(response):
    assert response.status_code == 200, response.status_code
    return Document(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def paragraphs(document):
    return [(p.style.name, p.text) for p in document.paragraphs if p.text]


def texts(document):
    return [text for _, text in paragraphs(document)]


def links(document):
    return [rel.target_ref for rel in document.part.rels.values() if rel.is_external]


def section_of(document, heading):
    """The paragraphs from the heading to the next heading of its level or above."""
    found = paragraphs(document)
    start = next(n for n, (style, text) in enumerate(found) if text == heading)
    level = found[start][0]
    rest = found[start + 1 :]
    end = next((n for n, (style, _) in enumerate(rest) if style.startswith("Heading") and style <= level), len(rest))
    return [text for _, text in rest[:end]]


def held_first_meeting(client, ncl, typed, days_ago=14):
    """A meeting a fortnight ago whose updates the coordinator typed on the meeting page."""
    first = services.record_meeting(
        plan=ncl,
        by=None,
        held_on=timezone.localdate() - timedelta(days=days_ago),
        attendees=[world.director(first_name="Dami", last_name="Ade")],
        other_attendees="Ben (LIIA)",
    )
    client.force_login(world.coordinator())
    assert client.post(first.get_absolute_url(), meeting_form(first, typed)).status_code == 302
    return first


def test_the_second_meetings_draft_pack_has_the_updates_recorded_at_the_first(client, ncl):
    data_action, youth_justice = Action.objects.filter(area__plan=ncl)[:2]
    first = held_first_meeting(
        client,
        ncl,
        {data_action: ("First cut shared with DCSs", "done"), youth_justice: ("YOS HoS met", "in_progress")},
    )
    services.add_update(
        action=youth_justice,
        by=None,
        seen_version=None,
        text="Said before the first meeting",
        written_on=first.held_on - timedelta(days=1),
    )
    second = world.meeting(ncl, days_ahead=7)
    document = opened(client.get(reverse("plans:pack_download", args=[second.pk])))
    text = "\n".join(texts(document))
    assert f"Updates since the meeting of {first.held_on:%-d %B %Y}." in texts(document)
    assert f"{first.held_on:%d/%m/%y}, status changed to done: First cut shared with DCSs" in texts(document)
    assert f"{first.held_on:%d/%m/%y}: YOS HoS met" in texts(document)
    assert "Said before the first meeting" not in text
    first_pack = "\n".join(texts(opened(client.get(reverse("plans:pack_download", args=[first.pk])))))
    assert "YOS HoS met" not in first_pack  # recorded at the first meeting: news for the one after it
    assert "Said before the first meeting" in first_pack


def test_an_action_arising_at_the_last_meeting_is_new_in_the_next_pack_under_its_parent(client, ncl):
    youth_justice = Action.objects.filter(area__plan=ncl)[1]
    first = held_first_meeting(client, ncl, {youth_justice: ("YOS HoS met", "in_progress")})
    services.raise_action(
        by=None, what="Tony to organise YOS HoS meeting", owners=[], parent=youth_justice, meeting=first
    )
    second = world.meeting(ncl, days_ahead=7)
    document = opened(client.get(reverse("plans:pack_download", args=[second.pk])))
    headings = [text for style, text in paragraphs(document) if style == "Heading 3"]
    assert headings[headings.index("Action 2.1") + 1] == "Action 2.1.1 (New)"
    third = world.meeting(ncl, days_ahead=14)  # after the second meeting, it is no longer news
    headings = [
        text
        for style, text in paragraphs(opened(client.get(reverse("plans:pack_download", args=[third.pk]))))
        if style == "Heading 3"
    ]
    assert "Action 2.1.1" in headings and "Action 2.1.1 (New)" not in headings


def test_the_pack_has_a_cover_numbered_actions_one_owner_line_overdue_and_updates_in_paragraphs(client, ncl):
    data_action, youth_justice = Action.objects.filter(area__plan=ncl)[:2]
    services.edit_action(action=youth_justice, by=None, seen_version=None, due_on=date(2026, 3, 1))
    first = held_first_meeting(
        client,
        ncl,
        {youth_justice: ("Terms of reference agreed.\n\nTony to organise the first session.", "in_progress")},
    )
    later = services.add_action(
        area=data_action.area,
        by=None,
        what="Share the Camden work",
        owners=[services.OwnerChoice(Owner.Kind.NAMED, name="Ann")],
    )
    second = world.meeting(ncl, days_ahead=7)
    document = opened(client.get(reverse("plans:pack_download", args=[second.pk])))
    found = texts(document)
    assert found[:2] == [ncl.title, f"Pack for the {second}"]
    assert "Sub-region: North Central London" in found
    assert f"Meeting: {second.held_on:%A %-d %B %Y}" in found
    assert any(text.startswith("Plan version: draft, the plan as it stands on") for text in found)
    assert "Attending: Dami Ade; Ben (LIIA)" not in found  # the first meeting's attendees, not the second's
    headings = [text for style, text in paragraphs(document) if style == "Heading 3"]
    assert headings[:2] == ["Action 1.1", f"Action {later.number} (New)"]
    assert "Action 2.1" in headings and "Action 2.1 (New)" not in headings
    youth = section_of(document, "Action 2.1")
    assert youth == [
        "Action: " + youth_justice.what,
        "Owners: Tony / Martin to engage NCL YOS HoS",
        "Status: In progress",
        "Overdue: due 1 March 2026",
        f"On the portal: {PUBLIC}{youth_justice.get_absolute_url()}",
        f"Updates since the meeting of {first.held_on:%-d %B %Y}",
        f"{first.held_on:%d/%m/%y}: Terms of reference agreed.",
        "Tony to organise the first session.",
    ]
    for heading in headings:
        owner_lines = [text for text in section_of(document, heading) if text.startswith(("Owner", "Owners"))]
        assert len(owner_lines) == 1, heading
    assert not any("as written" in text.lower() for text in found)


def test_the_pack_shows_practice_with_its_authority_categories_summary_and_public_links(client, ncl):
    coming = world.meeting(ncl, days_ahead=7)
    various = factories.published("Various", "Redbridge", "youth-justice")
    linked = factories.published("Stop and search through a safeguarding lens", "Haringey", "youth-justice")
    action = world.first_action(ncl)
    services.edit_action(action=action, by=None, seen_version=None, practices=[linked])
    services.add_to_pack(meeting=coming, practice=various, by=None)
    client.force_login(world.director())
    document = opened(client.get(reverse("plans:pack_download", args=[coming.pk])))
    entry = section_of(document, "Various (Redbridge)")
    shared = SharingCategory.objects.get(slug="with-partners").name
    assert entry[:3] == ["Local authority: Redbridge", f"Shared with: {shared}", "Themes: Youth justice"]
    assert "Summary: Various" in entry and f"On the portal: {PUBLIC}{various.get_absolute_url()}" in entry
    on_action = section_of(document, "Action 1.1")
    start = on_action.index("Practice linked to this action")
    assert on_action[start + 1 : start + 3] == [
        "Stop and search through a safeguarding lens (Haringey)",
        "Local authority: Haringey",
    ]
    assert f"On the portal: {PUBLIC}{linked.get_absolute_url()}" in on_action
    assert links(document) and all(link.startswith(PUBLIC + "/") for link in links(document))
    assert not any("testserver" in text for text in texts(document))


def test_the_cover_names_who_attended_the_meeting(client, ncl):
    coming = services.record_meeting(
        plan=ncl,
        by=None,
        held_on=timezone.localdate() + timedelta(days=3),
        attendees=[world.director(first_name="Dami", last_name="Ade")],
        other_attendees="Ben (LIIA)\nAnne",
    )
    client.force_login(world.coordinator())
    found = texts(opened(client.get(reverse("plans:pack_download", args=[coming.pk]))))
    assert "Attending: Dami Ade; Ben (LIIA); Anne" in found


def test_a_status_changed_to_done_says_why_in_the_print_view_too(client, ncl):
    action = world.first_action(ncl)
    first = held_first_meeting(client, ncl, {action: ("The data pack went to every DCS", "done")})
    second = world.meeting(ncl, days_ahead=7)
    page = " ".join(client.get(reverse("plans:pack_print", args=[second.pk])).content.decode().split())
    assert f"<strong>{first.held_on:%d/%m/%y}, status changed to done:</strong> The data pack went to every DCS" in page
    assert Update.objects.get(action=action, meeting=first).status == "done"


def test_the_pack_shows_the_figures_a_linked_entry_cites_with_their_source_and_small_numbers_hidden(client, ncl):
    youth_justice_world()
    linked = factories.published("Mentoring at the youth offending service", "Hackney", "youth-justice")
    citation = citation_of(linked)
    action = Action.objects.filter(area__plan=ncl)[1]
    services.edit_action(action=action, by=None, seen_version=None, practices=[linked])
    coming = world.meeting(ncl, days_ahead=7)
    client.force_login(world.coordinator())
    document = opened(client.get(reverse("plans:pack_download", args=[coming.pk])))
    on_action = section_of(document, f"Action {action.number}")
    assert f"Evidence it cites: Youth justice: {citation.points_at()}" in on_action
    assert any(text.startswith("Source: ") for text in on_action)
    assert any(text.startswith("Counts from 1 to ") and "are not shown" in text for text in on_action)
    assert f"The figures on the portal: {PUBLIC}{citation.get_absolute_url()}" in on_action
    choice, stage_figures, _ = measure_figures(citation.measure, {"area": "hackney", "period": "2022"})
    table = document.tables[0]
    shown = [[cell.text for cell in row.cells] for row in table.rows]
    assert shown[0][:3] == ["Ethnic group", "Number", "Rate per 1,000"]
    page_rows = [
        [f.group.short_name + (" (comparison)" if f.is_comparison else ""), f.count_text, f.rate_text]
        for f in stage_figures[0].groups
        if f.status != "none"
    ]
    assert [row[:3] for row in shown[1:-1]] == page_rows  # as the measure page shows them, small numbers hidden
    assert "hidden to protect small numbers" in [row[1] for row in shown]
    assert f"No data for: {', '.join(stage_figures[0].without_data)}." in on_action


def test_an_each_la_actions_borough_progress_is_in_the_pack(client, ncl):
    action = point_of_contact(ncl)
    for borough in ("Barnet", "Enfield", "Haringey"):
        BoroughCheck.objects.create(action=action, local_authority=factories.authority(borough))
    coming = world.meeting(ncl, days_ahead=3)
    client.force_login(world.coordinator())
    found = texts(opened(client.get(reverse("plans:pack_download", args=[coming.pk]))))
    assert "Boroughs: 3 of 5 boroughs have done this; Camden and Islington have not." in found


def test_the_pack_shows_the_figures_an_action_cites_under_it_with_their_source_and_protection(client, ncl):
    from tests.evidence.test_action_citations import action_citation_of

    youth_justice_world()
    action = Action.objects.filter(area__plan=ncl)[1]
    citation = action_citation_of(action)
    coming = world.meeting(ncl, days_ahead=7)
    client.force_login(world.coordinator())
    document = opened(client.get(reverse("plans:pack_download", args=[coming.pk])))
    on_action = section_of(document, f"Action {action.number}")
    said = f"Evidence this action cites: Youth justice: {citation.points_at()}"
    assert said in on_action
    assert on_action.index(said) < next(n for n, text in enumerate(on_action) if text.startswith("Updates since"))
    assert any(text.startswith("Source: ") for text in on_action)
    assert any(text.startswith("Counts from 1 to ") and "are not shown" in text for text in on_action)
    assert f"The figures on the portal: {PUBLIC}{citation.get_absolute_url()}" in on_action
    shown = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert shown[0][:3] == ["Ethnic group", "Number", "Rate per 1,000"]
    assert "hidden to protect small numbers" in [row[1] for row in shown]
    others = [text for text in texts(document) if text.startswith("Evidence this action cites")]
    assert others == [said]  # under its own action only
