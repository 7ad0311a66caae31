"""
The plans pages in the URL-access table (tests/test_url_access.py walks them with every other page), with
three more roles that only plans have: North Central London's coordinator and director, East London's coordinator.
lead_a and lead_b lead Hackney and Redbridge, both in East London; dcs is a director with no sub-region set.
"""

import time
from unittest import mock

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from plans import contact_links, services
from plans.models import ActionResource, ForwardPlanItem, PackItem, PlanContact, SentPack
from tests import factories
from tests.conftest import PDF_BYTES
from tests.plans import world

PLAN_ROLES = ["ncl_coordinator", "ncl_director", "el_coordinator"]


def answers(anonymous=302, lead=404, dcs=404, staff=200, ncl_coordinator=404, ncl_director=404, el_coordinator=404):
    return {
        "anonymous": anonymous,
        "lead_a": lead,
        "lead_b": lead,
        "dcs": dcs,
        "moderator": staff,
        "admin": staff,
        "ncl_coordinator": ncl_coordinator,
        "ncl_director": ncl_director,
        "el_coordinator": el_coordinator,
    }


SIGNED_IN = answers(lead=200, dcs=200, ncl_coordinator=200, ncl_director=200, el_coordinator=200)
# North Central London's plan is not shared: its own people read it; East London's leads do not even see it exists.
NCL_READERS = answers(ncl_coordinator=200, ncl_director=200)
NCL_EDITORS = answers(ncl_coordinator=200, ncl_director=403)
NCL_PACK = answers(ncl_coordinator=200, ncl_director=200)
# The director owns the action (as one of "All North Central London DCSs"), so adds updates to it.
NCL_OWNERS = answers(ncl_coordinator=200, ncl_director=200)
EL_READERS = answers(lead=200, ncl_coordinator=404, el_coordinator=200)
IMPORTERS = answers(lead=403, dcs=403, ncl_coordinator=200, ncl_director=403, el_coordinator=200)
POSTED = 405  # a POST-only view, asked with GET by someone allowed to post to it


def posted(table):
    return {role: POSTED if answer == 200 else answer for role, answer in table.items()}


EL_EDITORS = answers(lead=403, el_coordinator=200)
# A contact asked for through another sub-region's plan is not one of that plan's contacts.
NOT_THERE = answers(lead=403, staff=404)

PACK_ADDERS = answers(lead=403, dcs=403, staff=POSTED, ncl_coordinator=POSTED, ncl_director=POSTED, el_coordinator=403)

PLAN_GET_TABLE = {
    "plans:plan_list": ({}, SIGNED_IN),
    "plans:board": ({}, SIGNED_IN),
    "plans:my_actions": ({}, SIGNED_IN),
    "plans:plan_import": ({}, IMPORTERS),
    "plans:plan_create": ({}, IMPORTERS),
    "plans:plan_edit": ({"pk": "ncl_plan"}, NCL_EDITORS),
    "plans:plan_detail": ({"pk": "ncl_plan"}, NCL_READERS),
    "plans:plan_detail (East London)": ({"pk": "el_plan"}, EL_READERS),
    "plans:plan_delete": ({"pk": "ncl_plan"}, NCL_EDITORS),
    "plans:area_create": ({"pk": "ncl_plan"}, NCL_EDITORS),
    "plans:area_edit": ({"pk": "ncl_plan", "area": 1}, NCL_EDITORS),
    "plans:area_delete": ({"pk": "ncl_plan", "area": 1}, NCL_EDITORS),
    "plans:action_create": ({"pk": "ncl_plan", "area": 1}, NCL_EDITORS),
    "plans:meeting_create": ({"pk": "ncl_plan"}, NCL_EDITORS),
    "plans:action_arising": ({"pk": "ncl_plan"}, NCL_EDITORS),
    "plans:forward_plan_add": ({"pk": "ncl_plan"}, NCL_EDITORS),
    "plans:forward_plan_edit": ({"pk": "ncl_plan", "item": "ncl_forward_item"}, NCL_EDITORS),
    "plans:forward_plan_remove": ({"pk": "ncl_plan", "item": "ncl_forward_item"}, posted(NCL_EDITORS)),
    "plans:plan_versions": ({"pk": "ncl_plan"}, NCL_READERS),
    "plans:plan_version_save": ({"pk": "ncl_plan"}, posted(NCL_EDITORS)),
    "plans:plan_version": ({"pk": "ncl_plan", "number": 2}, NCL_READERS),
    "plans:action_detail": ({"pk": "ncl_action"}, NCL_READERS),
    "plans:action_edit": ({"pk": "ncl_action"}, NCL_EDITORS),
    "plans:action_delete": ({"pk": "ncl_action"}, NCL_EDITORS),
    "plans:action_move": ({"pk": "ncl_action"}, NCL_EDITORS),
    "plans:action_update": ({"pk": "ncl_action"}, NCL_OWNERS),
    "plans:resource_add": ({"pk": "ncl_action"}, NCL_OWNERS),
    "plans:resource_download": ({"pk": "ncl_action", "resource": "ncl_resource"}, NCL_READERS),
    "plans:resource_remove": ({"pk": "ncl_action", "resource": "ncl_resource"}, posted(NCL_EDITORS)),
    "plans:meeting_detail": ({"pk": "ncl_meeting"}, NCL_READERS),  # its editors type the updates there
    "plans:meeting_edit": ({"pk": "ncl_meeting"}, NCL_EDITORS),
    "plans:meeting_delete": ({"pk": "ncl_meeting"}, NCL_EDITORS),
    "plans:agenda_add": ({"pk": "ncl_meeting"}, NCL_EDITORS),
    "plans:agenda_edit": ({"pk": "ncl_meeting", "item": "ncl_agenda_item"}, NCL_EDITORS),
    "plans:agenda_move": ({"pk": "ncl_meeting", "item": "ncl_agenda_item"}, posted(NCL_EDITORS)),
    "plans:agenda_remove": ({"pk": "ncl_meeting", "item": "ncl_agenda_item"}, posted(NCL_EDITORS)),
    "plans:pack": ({"pk": "ncl_meeting"}, NCL_PACK),
    "plans:pack_print": ({"pk": "ncl_meeting"}, NCL_PACK),
    "plans:pack_download": ({"pk": "ncl_meeting"}, NCL_PACK),
    "plans:pack_item": ({"pk": "ncl_meeting", "item": "ncl_pack_item"}, posted(NCL_PACK)),
    "plans:pack_send": ({"pk": "ncl_meeting"}, NCL_EDITORS),
    # A sent pack is read as the plan is (a draft only by those who build packs); NCL's leads are not among the roles.
    "plans:pack_download (sent)": ({"pk": "ncl_sent_meeting"}, NCL_READERS),
    "plans:pack_pdf": ({"pk": "ncl_sent_meeting"}, NCL_READERS),
    "plans:pack_pdf (not sent)": ({"pk": "ncl_meeting"}, answers(ncl_coordinator=404, ncl_director=404, staff=404)),
    "plans:pack_add": ({}, PACK_ADDERS),
    "plans:pack_remove": ({}, PACK_ADDERS),
    "plans:reminders_unsubscribe": ({"token": "not-a-token"}, dict.fromkeys(SIGNED_IN, 404)),  # not valid
    "plans:contact_list": ({"pk": "ncl_plan"}, NCL_EDITORS),
    "plans:contact_list (East London)": ({"pk": "el_plan"}, EL_EDITORS),
    "plans:contact_edit": ({"pk": "ncl_plan", "contact": "ncl_contact"}, NCL_EDITORS),
    "plans:contact_edit (through another plan)": ({"pk": "el_plan", "contact": "ncl_contact"}, NOT_THERE),
    "plans:contact_invite": ({"pk": "ncl_plan", "contact": "ncl_contact"}, posted(NCL_EDITORS)),
    "plans:borough_check": ({"pk": "ncl_action", "authority": "camden"}, posted(NCL_EDITORS)),
    # The page behind a contact's reminder link needs no account: the link is the key, for everyone who holds it.
    "plans:contact_actions": ({"token": "ncl_contact_link"}, dict.fromkeys(SIGNED_IN, 200)),
    "plans:contact_actions (forged)": ({"token": "forged_contact_link"}, dict.fromkeys(SIGNED_IN, 403)),
    "plans:contact_actions (expired)": ({"token": "expired_contact_link"}, dict.fromkeys(SIGNED_IN, 410)),
}


def after_post(table, answer):
    return {role: answer if expected == 200 else expected for role, expected in table.items()}


# An empty form comes back with its errors (200); a version is saved and the page redirects (302).
PLAN_POST_TABLE = {
    "plans:plan_import": ({}, {}, IMPORTERS),
    "plans:plan_create": ({}, {}, IMPORTERS),
    "plans:plan_edit": ({"pk": "ncl_plan"}, {}, NCL_EDITORS),
    "plans:area_create": ({"pk": "ncl_plan"}, {}, NCL_EDITORS),
    "plans:action_edit": ({"pk": "ncl_action"}, {}, NCL_EDITORS),
    "plans:action_move": ({"pk": "ncl_action"}, {}, NCL_EDITORS),
    "plans:action_update": ({"pk": "ncl_action"}, {}, NCL_OWNERS),
    "plans:resource_add": ({"pk": "ncl_action"}, {}, NCL_OWNERS),
    "plans:meeting_create": ({"pk": "ncl_plan"}, {}, NCL_EDITORS),
    "plans:meeting_detail": ({"pk": "ncl_meeting"}, {}, NCL_EDITORS),
    "plans:meeting_edit": ({"pk": "ncl_meeting"}, {}, NCL_EDITORS),
    "plans:action_arising": ({"pk": "ncl_plan"}, {}, NCL_EDITORS),
    "plans:forward_plan_add": ({"pk": "ncl_plan"}, {}, NCL_EDITORS),
    "plans:forward_plan_edit": ({"pk": "ncl_plan", "item": "ncl_forward_item"}, {}, NCL_EDITORS),
    "plans:agenda_add": ({"pk": "ncl_meeting"}, {}, NCL_EDITORS),
    "plans:agenda_edit": ({"pk": "ncl_meeting", "item": "ncl_agenda_item"}, {}, NCL_EDITORS),
    "plans:agenda_move": (
        {"pk": "ncl_meeting", "item": "ncl_agenda_item"},
        {"move": "up"},
        after_post(NCL_EDITORS, 302),
    ),
    "plans:plan_version_save": ({"pk": "ncl_plan"}, {}, after_post(NCL_EDITORS, 302)),
    "plans:pack_item": ({"pk": "ncl_meeting", "item": "ncl_pack_item"}, {"move": "down"}, after_post(NCL_PACK, 302)),
    # Sent already, so sending again changes nothing and goes back to the meeting.
    "plans:pack_send": ({"pk": "ncl_sent_meeting"}, {}, after_post(NCL_EDITORS, 302)),
    "plans:contact_list": ({"pk": "ncl_plan"}, {}, NCL_EDITORS),
    "plans:contact_edit": ({"pk": "ncl_plan", "contact": "ncl_contact"}, {}, NCL_EDITORS),
    "plans:borough_check": (
        {"pk": "ncl_action", "authority": "camden"},
        {"done": "yes"},
        after_post(NCL_EDITORS, 302),
    ),
}

# Files, not pages (the browser walk and page checks leave them out).
PLAN_NOT_PAGES = ("plans:pack_download", "plans:pack_pdf", "plans:resource_download")


def make_plan_users():
    return {
        "ncl_coordinator": world.coordinator("North Central London", email="ncl.coordinator@example.org"),
        "ncl_director": world.director("North Central London", email="ncl.dcs@example.org"),
        "el_coordinator": world.coordinator("East London", email="el.coordinator@example.org"),
    }


def make_plan_world():
    """Both context plans, an action of North Central London's owned by its directors, a coming meeting with an agenda
    item, a pack item, a forward plan item, and a coming meeting whose pack is sent."""
    ncl, el = world.north_central(), world.east()
    meeting = world.meeting(ncl)
    published = factories.PracticeFactory(status="published")
    item = PackItem.objects.create(meeting=meeting, practice=published, position=1)
    competence = ncl.areas.get(number=3).actions.get()  # owned by "all NCL DCSs"
    stored = default_storage.save("resources/terms.pdf", ContentFile(PDF_BYTES))
    resource = ActionResource.objects.create(
        action=competence, title="Terms", file=stored, content_type="application/pdf", size=len(PDF_BYTES)
    )
    sent = SentPack(meeting=world.meeting(ncl, days_ahead=14), version_number=2, digest="0" * 64)
    sent.word.save("sent.docx", ContentFile(b"PK sent pack"), save=False)
    sent.pdf.save("sent.pdf", ContentFile(b"%PDF-1.7 sent pack"))
    contact = PlanContact.objects.create(sub_region=ncl.sub_region, name="Ben Walker", email="ben@example.org")
    now = time.time()
    with mock.patch("time.time", return_value=now - (contact_links.LINK_DAYS + 1) * 24 * 3600):
        expired = contact_links.token_for(contact.pk, contact.email)
    valid = contact_links.token_for(contact.pk, contact.email)
    agenda_item = services.add_agenda_item(meeting=meeting, by=None, title="Other business")
    forward = ForwardPlanItem.objects.create(plan=ncl, title="Themed discussion", meeting=meeting)
    return {
        "ncl_agenda_item": agenda_item.pk,
        "ncl_forward_item": forward.pk,
        "ncl_contact": contact.pk,
        "ncl_contact_link": valid,
        "forged_contact_link": valid[:-4] + ("AAAA" if not valid.endswith("AAAA") else "BBBB"),
        "expired_contact_link": expired,
        "camden": ncl.sub_region.local_authorities.get(name="Camden").pk,
        "ncl_plan": ncl.pk,
        "el_plan": el.pk,
        "ncl_action": competence.pk,
        "ncl_meeting": meeting.pk,
        "ncl_sent_meeting": sent.meeting_id,
        "ncl_pack_item": item.pk,
        "ncl_resource": resource.pk,
    }
