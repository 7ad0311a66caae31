"""
North Central London's cycle over three meetings, as its coordinator runs it from the v.2 document (issue 26):
import the plan (its plan-level item becomes the forward plan); meeting 1 with an agenda item, an apology, updates
to two actions, a decision and two actions arising (one for Ben Walker, a plan contact without an account); send the
pack; meeting 2's draft pack carries what was recorded at meeting 1; a week later, after more edits, meeting 1's pack
downloads byte for byte as sent; Ben's reminder links to his actions without signing in; the boroughs tick off
"DCSs to identify a point of contact in their LA"; meeting 2 is recorded and sent, and meeting 3's draft pack starts
from meeting 2, not from meeting 1 again. Every new page is checked with axe.

Time moves on by patching django.utils.timezone's now and localdate (as tests/plans/test_sent_pack.py does), in
this process, which the live server's thread shares: meetings on day 0, 10 and 20, the pack checked again on day 7.
A session lasts a working day, so the coordinator signs in again after each step on.
"""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from plans import services
from plans.models import Action, Meeting, Owner, SentPack
from tests import factories
from tests.browser.test_plans_journey import fill_date, update_box
from tests.clock import move_on
from tests.plans import world
from tests.plans.test_import_context_plans import NORTH_CENTRAL, WORD

pytestmark = pytest.mark.django_db(transaction=True)

NCL_WORD = WORD / f"{NORTH_CENTRAL.stem}.docx"
# The document's own words (plans/data/north-central-london-areas-for-collaboration-v2.txt).
ANALYSIS = "Commission LIIA data analysis of disproportionality"
POINT_OF_CONTACT = "DCSs to identify a point of contact in their LA"
YOUTH_JUSTICE = "bring together the YOS HoS in NCL"
COMPETENCE = "DCS’s to consider cultural competence framework"
POST_16 = "use Ofsted work within NCL HOSI meeting"
TERMS = "Ben to provide ToR for the work."
YOS_MEETING = "Tony to organise YOS HoS meeting to kick off their work together on disproportionality."
COLLATE = "Ben to provide a mechanism to collate approaches and learning to anti-racist work."
STAFF_COLLEGE = (
    "Agreed to use Staff College work as a reference point rather than undertake a cultural competence assessment"
    " in each LA."
)
POST_16_DECISION = (
    "Ofsted post-16 work and transitions work to be discussed at the HOSI meeting once shared and read by all."
)
FORWARD_PLAN = (
    "Agreement to put a further themed discussion about disproportionality and anti-racism on the forward plan"
)
PAN_LONDON = "Anne to update on developments from pan-London adolescent safeguarding work."
NCL_BOROUGHS = ["Barnet", "Camden", "Enfield", "Haringey", "Islington"]


def pack_lines(page, link_name):
    """The meeting page's pack, downloaded through its link: (the Word bytes, its non-empty paragraphs)."""
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    path = download.value.path()
    return path.read_bytes(), [paragraph.text for paragraph in Document(path).paragraphs if paragraph.text]


def record_meeting(page, live_server, plan, day):
    page.goto(live_server.url + plan.get_absolute_url())
    page.get_by_role("link", name="Record a meeting").click()
    fill_date(page, "held_on", day)
    return page


def test_three_meetings_of_north_central_london_from_the_v2_document(
    page, browser, live_server, sign_in, check_page, monkeypatch
):
    coordinator = world.coordinator(email="cora@example.org", first_name="Cora", last_name="Mensah")
    world.director(email="dami@example.org", first_name="Dami", last_name="Okafor")
    barnet = factories.lead("Barnet", email="bola@example.org", first_name="Bola", last_name="Adeyemi")
    day0 = timezone.localdate()
    move_on(monkeypatch, 0)

    # The plan from the Word copy of the v.2 document.
    sign_in(coordinator)
    page.get_by_role("link", name="Plans", exact=True).click()
    page.get_by_role("link", name="Import a plan").click()
    page.get_by_label("The plan as a Word (.docx) or text (.txt) file").set_input_files(NCL_WORD)
    page.get_by_role("button", name="Import the plan").click()
    expect(page.get_by_role("status").first).to_contain_text("5 areas, 5 actions, 5 dated updates")
    expect(page.locator("section[aria-labelledby=forward-plan]")).to_contain_text(FORWARD_PLAN)
    check_page("100-cycle-plan-imported")
    plan = Action.objects.get(what__startswith=ANALYSIS).area.plan
    assert not Action.objects.filter(what__startswith="Agreement to put").exists()  # not filed under area 5
    actions = {key: Action.objects.get(area__plan=plan, what__contains=key) for key in (ANALYSIS, YOUTH_JUSTICE)}
    actions[COMPETENCE] = Action.objects.get(area__plan=plan, area__number=3)
    actions[POST_16] = Action.objects.get(area__plan=plan, area__number=4)

    # Ben, who has no account, as a contact of the sub-region: he takes the actions the document gives "Ben".
    page.goto(live_server.url + plan.get_absolute_url())
    page.get_by_role("link", name="Contacts (owners without an account)").click()
    page.get_by_label("Name").fill("Ben Walker")
    page.get_by_label("Email").fill("ben@liia.example.org")
    page.get_by_label("Organisation (optional)").fill("LIIA")
    page.get_by_role("button", name="Add the contact").click()
    expect(page.get_by_role("status").first).to_contain_text("Ben Walker is added to the contacts")
    check_page("101-cycle-contacts")

    # Meeting 1, today: an apology from someone without an account, an agenda item with its decision, two updates.
    record_meeting(page, live_server, plan, day0)
    page.get_by_role("group", name="Attending", exact=True).get_by_label("Dami Okafor (dami@example.org)").check()
    page.get_by_label("Others sending apologies (optional)").fill("Chris, Barnet")
    check_page("102-cycle-meeting-1-form")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("North Central London meeting")
    first = Meeting.objects.get(plan=plan, held_on=day0)

    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("An action of the plan").check()
    page.get_by_label("The action").select_option(str(actions[COMPETENCE].pk))
    page.get_by_label("Decision (optional)").fill(STAFF_COLLEGE)
    page.get_by_label("Minutes (optional)").fill(
        "There is a desire to share approaches and learning to anti-racist work.\nBen to provide a mechanism."
    )
    check_page("103-cycle-agenda-item")
    page.get_by_role("button", name="Add the item").click()
    expect(page.locator("#agenda + ol")).to_contain_text(STAFF_COLLEGE)

    update_box(page, ANALYSIS).fill("Analysis needs to be granular and descriptive not ‘BAME catch all’.")
    update_box(page, YOUTH_JUSTICE).fill("Carmel to share research undertaken by City University.")
    page.get_by_role("button", name="Save the updates").click()
    expect(page.get_by_role("status").first).to_contain_text("2 updates saved for the meeting")
    check_page("104-cycle-meeting-1-updates")

    # Two actions arising: one for Ben (a contact, typed by name), one for a director with an account.
    due = day0 + timedelta(days=5)
    page.get_by_role("link", name="Raise an action arising from item 1").click()
    page.get_by_label("Action", exact=True).fill(COLLATE)
    page.get_by_label("Other owners, by name (optional)").fill("Ben Walker")
    fill_date(page, "due_on", due)
    check_page("105-cycle-action-arising")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("status").first).to_contain_text("Action 3.1.1 is added to the plan")
    page.get_by_role("link", name="Raise an action arising", exact=True).click()
    page.get_by_label("Arising from").select_option(f"action-{actions[YOUTH_JUSTICE].pk}")
    page.get_by_label("Action", exact=True).fill(YOS_MEETING)
    page.get_by_label("Dami Okafor (dami@example.org)").check()
    fill_date(page, "due_on", day0 + timedelta(days=9))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("status").first).to_contain_text("Action 2.1.1 is added to the plan")
    arising = page.locator("#arising + ul")
    expect(arising).to_contain_text(f"3.1.1 {COLLATE}")
    expect(arising).to_contain_text(f"2.1.1 {YOS_MEETING}")
    expect(page.get_by_text("Chris (Barnet)")).to_be_visible()
    check_page("106-cycle-meeting-1-recorded")
    collate = Action.objects.get(what=COLLATE)
    [ben_owns] = collate.owners.all()
    assert (ben_owns.kind, ben_owns.contact.name) == (Owner.Kind.CONTACT, "Ben Walker")

    # Send meeting 1's pack.
    page.get_by_role("link", name="Send the pack").click()
    page.get_by_role("button", name="Send the pack").click()
    expect(page.get_by_role("status").first).to_contain_text("The pack is sent")
    check_page("107-cycle-meeting-1-sent")
    sent_bytes, _ = pack_lines(page, "Download the pack as sent (Word)")

    # Meeting 2, in ten days: its draft pack starts from what was recorded at meeting 1.
    record_meeting(page, live_server, plan, day0 + timedelta(days=10))
    page.get_by_role("button", name="Record the meeting").click()
    second = Meeting.objects.get(plan=plan, held_on=day0 + timedelta(days=10))
    check_page("108-cycle-meeting-2")
    _, lines = pack_lines(page, "Download the pack (Word)")
    text = "\n".join(lines)
    said = f"{day0:%d/%m/%y}: "
    assert f"Updates since the meeting of {day0:%-d %B %Y}." in lines
    assert said + "Analysis needs to be granular and descriptive not ‘BAME catch all’." in lines
    assert said + "Carmel to share research undertaken by City University." in lines
    assert f"Decisions at the meeting of {day0:%-d %B %Y}" in lines and STAFF_COLLEGE in text
    for number, what in (("2.1.1", YOS_MEETING), ("3.1.1", COLLATE)):
        heading = lines.index(f"Action {number} (New)")
        assert lines.index(f"Action {number[:3]}") < heading and lines[heading + 1] == f"Action: {what}"
    assert "Owner: Ben Walker" in lines[lines.index("Action 3.1.1 (New)") :]
    assert "Apologies: Chris (Barnet)" not in text  # meeting 2's cover lists its own apologies (none yet)

    # Ben's reminder, a week before his action is due: its link shows his actions without signing in.
    call_command("send_plan_reminders", stdout=io.StringIO())
    [email] = [m for m in mail.outbox if m.to == ["ben@liia.example.org"] and m.subject.startswith("Due")]
    assert COLLATE in email.body
    link = urlsplit(re.search(r"https?://\S+/plans/your-actions/\S+/", email.body).group(0)).path
    bens_page = browser.new_context().new_page()
    bens_page.goto(live_server.url + link)
    expect(bens_page.get_by_role("heading", level=1)).to_have_text("Your actions, Ben Walker")
    expect(bens_page.get_by_role("row", name=re.compile("Ben to provide a mechanism"))).to_contain_text(
        "North Central London 3.1.1"
    )
    check_page("109-cycle-contact-actions", on=bens_page)
    bens_page.context.close()

    # The boroughs' checklist: five, and Barnet's lead ticks Barnet.
    point_of_contact = actions[ANALYSIS]
    assert POINT_OF_CONTACT in point_of_contact.what
    leads_page = browser.new_context().new_page()
    sign_in(barnet, on=leads_page)
    leads_page.goto(live_server.url + point_of_contact.get_absolute_url())
    expect(leads_page.locator("#boroughs + p")).to_have_text("None of the 5 boroughs has done this yet.")
    rows = leads_page.locator("#boroughs ~ div tbody tr")
    assert [rows.nth(n).locator("th, td").first.inner_text().strip() for n in range(5)] == NCL_BOROUGHS
    leads_page.get_by_role("button", name=re.compile("Mark as done.*Barnet")).click()
    expect(leads_page.locator("#boroughs + p")).to_have_text(
        "1 of 5 boroughs has done this; Camden, Enfield, Haringey and Islington have not."
    )
    check_page("110-cycle-boroughs", on=leads_page)
    leads_page.context.close()

    # A week on, after more edits, meeting 1's pack is still what was sent, byte for byte.
    move_on(monkeypatch, 7)
    services.edit_action(
        action=Action.objects.get(pk=collate.pk), by=None, seen_version=None, due_on=day0 + timedelta(days=12)
    )
    sign_in(coordinator)
    page.goto(live_server.url + plan.get_absolute_url())
    page.get_by_role("link", name="Add an action to area 5").click()
    page.get_by_label("Action", exact=True).fill(PAN_LONDON)
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PAN_LONDON)
    page.goto(live_server.url + first.get_absolute_url())
    week_later_bytes, lines = pack_lines(page, "Download the pack as sent (Word)")
    assert "Action 5.2 (New)" not in lines and f"Action: {PAN_LONDON}" not in lines
    assert week_later_bytes == sent_bytes == SentPack.objects.get(meeting=first).word.read()

    # Meeting 2 is held on day 10: the second round of updates, a decision and an action arising; its pack sent.
    move_on(monkeypatch, 10)
    sign_in(coordinator)
    page.goto(live_server.url + second.get_absolute_url())
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("An action of the plan").check()
    page.get_by_label("The action").select_option(str(actions[POST_16].pk))
    page.get_by_label("Decision (optional)").fill(POST_16_DECISION)
    page.get_by_role("button", name="Add the item").click()
    expect(page.locator("#agenda + ol")).to_contain_text(POST_16_DECISION)
    update_box(page, COLLATE).fill("Collation template circulated to the five DCSs.")
    update_box(page, YOS_MEETING).fill("YOS HoS met on 1 October.")
    page.get_by_role("button", name="Save the updates").click()
    expect(page.get_by_role("status").first).to_contain_text("2 updates saved for the meeting")
    page.get_by_role("link", name="Raise an action arising from item 1").click()
    page.get_by_label("Action", exact=True).fill(TERMS)
    page.get_by_label("Other owners, by name (optional)").fill("Ben Walker")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("status").first).to_contain_text("Action 4.1.1 is added to the plan")
    check_page("111-cycle-meeting-2-recorded")
    page.get_by_role("link", name="Send the pack").click()
    page.get_by_role("button", name="Send the pack").click()
    expect(page.get_by_role("status").first).to_contain_text("The pack is sent")

    # Meeting 3, on day 20: record it, its draft pack starts from meeting 2 (not meeting 1 again), send it.
    record_meeting(page, live_server, plan, day0 + timedelta(days=20))
    page.get_by_role("button", name="Record the meeting").click()
    check_page("112-cycle-meeting-3")
    _, lines = pack_lines(page, "Download the pack (Word)")
    text = "\n".join(lines)
    said = f"{day0 + timedelta(days=10):%d/%m/%y}: "
    assert f"Updates since the meeting of {day0 + timedelta(days=10):%-d %B %Y}." in lines
    assert said + "Collation template circulated to the five DCSs." in lines
    assert said + "YOS HoS met on 1 October." in lines
    assert f"Decisions at the meeting of {day0 + timedelta(days=10):%-d %B %Y}" in lines and POST_16_DECISION in text
    assert f"Action: {PAN_LONDON}" in lines and "Action 5.2" in lines  # added on day 7, before meeting 2
    assert "Action 4.1.1 (New)" in lines and "Action 3.1.1" in lines and "Action 3.1.1 (New)" not in lines
    assert STAFF_COLLEGE not in text and "Analysis needs to be granular" not in text  # meeting 1's, in its pack
    page.get_by_role("link", name="Send the pack").click()
    page.get_by_role("button", name="Send the pack").click()
    expect(page.get_by_role("status").first).to_contain_text("The pack is sent")
    check_page("113-cycle-meeting-3-sent")
    assert SentPack.objects.filter(meeting__plan=plan).count() == 3
