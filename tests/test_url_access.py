"""
Every URL pattern, for every role, against one table of expected answers: a new
view cannot ship without someone deciding who may use it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from submissions.models import Practice
from tests import factories
from tests.conftest import attach_pdf

ROLES = ["anonymous", "lead_a", "lead_b", "dcs", "moderator", "admin"]

EVERYONE = dict.fromkeys(ROLES, 200)
NOBODY = dict.fromkeys(ROLES, 404)
SIGNED_IN = {"anonymous": 302, **dict.fromkeys(ROLES[1:], 200)}
# A's own draft: lead A only; lead B gets a 404 (it does not exist for them); non-leads a 403.
OWN_DRAFT = {"anonymous": 302, "lead_a": 200, "lead_b": 404, "dcs": 403, "moderator": 403, "admin": 403}
LEADS = {"anonymous": 302, "lead_a": 200, "lead_b": 200, "dcs": 403, "moderator": 403, "admin": 403}
DRAFT_FILE = {"anonymous": 404, "lead_a": 200, "lead_b": 404, "dcs": 404, "moderator": 200, "admin": 200}
STAFF = {"anonymous": 302, "lead_a": 302, "lead_b": 302, "dcs": 302, "moderator": 302, "admin": 200}

# url name -> (kwargs, expected status by role); kwargs name objects made in `world`.
GET_TABLE = {
    "home": ({}, EVERYONE),
    "accessibility": ({}, EVERYONE),
    "practice_list": ({}, EVERYONE),
    "practice_detail": ({"pk": "published"}, EVERYONE),
    "practice_detail (draft)": ({"pk": "draft"}, NOBODY),
    "resource_download": ({"pk": "published_file"}, EVERYONE),
    "resource_download (draft)": ({"pk": "draft_file"}, DRAFT_FILE),
    "my_submissions": ({}, LEADS),
    "practice_create": ({}, LEADS),
    "submission_detail": ({"pk": "draft"}, OWN_DRAFT),
    "practice_edit": ({"pk": "draft"}, OWN_DRAFT),
    "practice_check": ({"pk": "draft"}, OWN_DRAFT),
    "practice_submitted": ({"pk": "draft"}, OWN_DRAFT),
    "practice_withdraw": ({"pk": "draft"}, OWN_DRAFT),
    "login": ({}, EVERYONE),
    "logout": ({}, dict.fromkeys(ROLES, 405)),  # signing out is a POST
    "password_change": ({}, SIGNED_IN),
    "password_change_done": ({}, SIGNED_IN),
    "password_reset": ({}, EVERYONE),
    "password_reset_done": ({}, EVERYONE),
    "password_reset_confirm": ({"uidb64": "MQ", "token": "not-a-token"}, EVERYONE),
    "password_reset_complete": ({}, EVERYONE),
    "admin:index": ({}, STAFF),
}

# Views that change an entry: posting as anyone but the entry's own lead changes nothing.
# (Lead A's empty proforma is shown back with its errors; the submit and withdraw go through.)
OWN_DRAFT_POST = {**OWN_DRAFT, "lead_a": 302}
POST_TABLE = {
    "practice_edit": OWN_DRAFT,
    "practice_check": OWN_DRAFT_POST,
    "practice_withdraw": OWN_DRAFT_POST,
}

# The Django admin checks its own permissions on each of its pages; admin:index stands for them.
NOT_WALKED = {"admin"}


def named_patterns(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace not in NOT_WALKED:
                yield from named_patterns(pattern.url_patterns, pattern.namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


@pytest.fixture
def world(db):
    users = {
        "anonymous": None,
        "lead_a": factories.lead("Hackney"),
        "lead_b": factories.lead("Redbridge"),
        "dcs": factories.dcs(),
        "moderator": factories.moderator(),
        "admin": factories.admin(),
    }
    draft = factories.PracticeFactory()
    published = factories.PracticeFactory(status=Practice.Status.PUBLISHED)
    objects = {
        "draft": draft.pk,
        "published": published.pk,
        "draft_file": attach_pdf(draft).pk,
        "published_file": attach_pdf(published).pk,
    }
    return users, objects


def test_every_url_pattern_is_in_the_access_table():
    walked = {name.split(" (")[0] for name in GET_TABLE} - {"admin:index"}
    assert set(named_patterns()) == walked


def url_for(entry, objects):
    kwargs, _ = GET_TABLE[entry]
    return reverse(entry.split(" (")[0], kwargs={key: objects.get(value, value) for key, value in kwargs.items()})


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_from_every_page(client, world, role):
    users, objects = world
    if users[role]:
        client.force_login(users[role])
    answers = {entry: client.get(url_for(entry, objects)).status_code for entry in GET_TABLE}
    expected = {entry: table[role] for entry, (_, table) in GET_TABLE.items()}
    assert answers == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_the_entrys_own_lead_can_change_it(client, world, role):
    users, objects = world
    if users[role]:
        client.force_login(users[role])
    answers = {name: client.post(url_for(name, objects), {}).status_code for name in POST_TABLE}
    assert answers == {name: table[role] for name, table in POST_TABLE.items()}
    if role != "lead_a":
        draft = Practice.objects.get(pk=objects["draft"])
        assert draft.status == Practice.Status.DRAFT
        assert not draft.events.exists()
