"""
Every URL pattern, for every role, against one table of expected answers: a new
view cannot ship without someone deciding who may use it.
"""

from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from calls.models import Call, CallReminder
from evidence.models import ActionCitation, Citation, Dataset, Measure
from submissions.models import Event, Practice, Snapshot, ThemeSuggestion
from tests import factories
from tests.conftest import attach_pdf
from tests.evidence.factories import youth_justice_world
from tests.factories import authority
from tests.plans.access_table import PLAN_GET_TABLE, PLAN_NOT_PAGES, PLAN_POST_TABLE, make_plan_world

ROLES = ["anonymous", "lead_a", "lead_b", "dcs", "moderator", "admin"]

EVERYONE = dict.fromkeys(ROLES, 200)
NOBODY = dict.fromkeys(ROLES, 404)
SIGNED_IN = {"anonymous": 302, **dict.fromkeys(ROLES[1:], 200)}
# A's own draft: lead A only; lead B gets a 404 (it does not exist for them); non-leads a 403.
OWN_DRAFT = {"anonymous": 302, "lead_a": 200, "lead_b": 404, "dcs": 403, "moderator": 403, "admin": 403}
LEADS = {"anonymous": 302, "lead_a": 200, "lead_b": 200, "dcs": 403, "moderator": 403, "admin": 403}
DRAFT_FILE = {"anonymous": 404, "lead_a": 200, "lead_b": 404, "dcs": 404, "moderator": 200, "admin": 200}
STAFF = {"anonymous": 302, "lead_a": 302, "lead_b": 302, "dcs": 302, "moderator": 302, "admin": 200}
MODERATORS = {"anonymous": 302, "lead_a": 403, "lead_b": 403, "dcs": 403, "moderator": 200, "admin": 200}
# The practice pack of a call still taking returns: moderators only; others go back to the call's page.
EARLY_PACK = {**dict.fromkeys(ROLES, 302), "moderator": 200, "admin": 200}
UNOPENED_CALL = {"anonymous": 302, "lead_a": 404, "lead_b": 404, "dcs": 404, "moderator": 200, "admin": 200}
ADMINS = {"anonymous": 302, "lead_a": 403, "lead_b": 403, "dcs": 403, "moderator": 403, "admin": 200}
ADMINS_POST = {**ADMINS, "admin": 302}
# Splitting a return: a lead their own LA's draft, a moderator one sent for review; others' entries do not exist.
SPLIT_DRAFT = {**OWN_DRAFT, "moderator": 404, "admin": 404}
SPLIT_SUBMITTED = {"anonymous": 302, "lead_a": 404, "lead_b": 404, "dcs": 403, "moderator": 200, "admin": 200}
OWN_VERSION = {"anonymous": 302, "lead_a": 200, "lead_b": 404, "dcs": 404, "moderator": 200, "admin": 200}

# url name -> (kwargs, expected status by role); kwargs name objects made in `world`.
GET_TABLE = {
    "home": ({}, EVERYONE),
    "accessibility": ({}, EVERYONE),
    "privacy": ({}, EVERYONE),
    "cookies": ({}, EVERYONE),
    "practice_list": ({}, EVERYONE),
    "theme_list": ({}, EVERYONE),
    "theme_detail": ({"slug": "youth-justice"}, EVERYONE),
    "local_authority_list": ({}, EVERYONE),
    "local_authority_detail": ({"slug": "hackney"}, EVERYONE),
    "sub_region_list": ({}, EVERYONE),
    "sub_region_detail": ({"slug": "east-london"}, EVERYONE),
    "practice_detail": ({"pk": "published"}, EVERYONE),
    "practice_export": ({"file_format": "csv"}, EVERYONE),
    "practice_detail (draft)": ({"pk": "draft"}, NOBODY),
    "resource_download": ({"pk": "published_file"}, EVERYONE),
    "resource_download (draft)": ({"pk": "draft_file"}, DRAFT_FILE),
    "my_submissions": ({}, LEADS),
    "practice_create": ({}, LEADS),
    "practice_import": ({}, {**LEADS, "lead_a": 302, "lead_b": 302}),  # a POST; GET goes back to the form
    "submission_detail": ({"pk": "draft"}, OWN_DRAFT),
    "practice_edit": ({"pk": "draft"}, OWN_DRAFT),
    "practice_check": ({"pk": "draft"}, OWN_DRAFT),
    "practice_submitted": ({"pk": "draft"}, OWN_DRAFT),
    "practice_withdraw": ({"pk": "draft"}, OWN_DRAFT),
    "practice_delete": ({"pk": "draft"}, OWN_DRAFT),
    "practice_revise": ({"pk": "published"}, {**OWN_DRAFT, "lead_a": 405, "lead_b": 405}),  # a POST
    "practice_split": ({"pk": "draft"}, SPLIT_DRAFT),
    "practice_split (submitted)": ({"pk": "submitted"}, SPLIT_SUBMITTED),
    "version": ({"pk": "published_version"}, OWN_VERSION),
    "moderation_queue": ({}, MODERATORS),
    "review": ({"pk": "submitted"}, MODERATORS),
    "review (published)": ({"pk": "published"}, MODERATORS),
    "call_list": ({}, SIGNED_IN),
    "call_create": ({}, MODERATORS),
    "call_detail": ({"pk": "call"}, SIGNED_IN),
    "call_detail (not open)": ({"pk": "unopened_call"}, UNOPENED_CALL),
    "call_returns": ({"pk": "call"}, MODERATORS),
    "call_returns_csv": ({"pk": "call"}, MODERATORS),
    "call_open": ({"pk": "unopened_call"}, {**MODERATORS, "moderator": 405, "admin": 405}),  # a POST
    "call_remind": ({"pk": "call"}, {**MODERATORS, "moderator": 405, "admin": 405}),  # a POST
    "call_pack": ({"pk": "call"}, EARLY_PACK),
    "coverage": ({}, EVERYONE),
    "coverage_map": ({}, EVERYONE),
    "account": ({}, SIGNED_IN),
    "account_name": ({}, SIGNED_IN),
    "account_delete": ({}, SIGNED_IN),
    "person": ({}, ADMINS),
    "person (found)": ({"?q": "lisa@example.org"}, ADMINS),
    "person_erase": ({}, {**ADMINS, "admin": 405}),  # a POST
    "person_export": ({}, {**ADMINS, "admin": 405}),  # a POST
    "digest_settings": ({}, SIGNED_IN),
    "digest_unsubscribe": ({"token": "not-a-token"}, EVERYONE),
    "api_index": ({}, EVERYONE),
    "api_schema": ({}, EVERYONE),
    "api_practice_list": ({}, EVERYONE),
    "api_practice_detail": ({"pk": "published"}, EVERYONE),
    "api_practice_detail (draft)": ({"pk": "draft"}, NOBODY),
    "api_theme_list": ({}, EVERYONE),
    "api_local_authority_list": ({}, EVERYONE),
    "api_sub_region_list": ({}, EVERYONE),
    "feed": ({}, EVERYONE),
    "theme_feed": ({"slug": "youth-justice"}, EVERYONE),
    "local_authority_feed": ({"slug": "hackney"}, EVERYONE),
    "sub_region_feed": ({"slug": "east-london"}, EVERYONE),
    "sitemap_index": ({}, EVERYONE),
    "django.contrib.sitemaps.views.sitemap": ({"section": "practice"}, EVERYONE),
    "login": ({}, EVERYONE),
    "logout": ({}, dict.fromkeys(ROLES, 405)),  # signing out is a POST
    "password_change": ({}, SIGNED_IN),
    "password_change_done": ({}, SIGNED_IN),
    "password_reset": ({}, EVERYONE),
    "password_reset_done": ({}, EVERYONE),
    "password_reset_confirm": ({"uidb64": "MQ", "token": "not-a-token"}, EVERYONE),
    "password_reset_complete": ({}, EVERYONE),
    "admin:index": ({}, STAFF),
    **PLAN_GET_TABLE,
    "embed_practice": ({}, EVERYONE),
    "embed_builder": ({}, MODERATORS),
    "healthz": ({}, EVERYONE),
    "readyz": ({}, EVERYONE),
    "evidence:index": ({}, EVERYONE),
    "evidence:measure": ({"slug": "youth-justice", "?area": "hackney"}, EVERYONE),
    "evidence:measure (no such measure)": ({"slug": "no-such-measure"}, NOBODY),
    "evidence:measure_csv": ({"slug": "youth-justice"}, EVERYONE),
    "evidence:measure_chart": ({"slug": "youth-justice", "stage": "arrest", "file_format": "svg"}, EVERYONE),
    "evidence:measure_trend": ({"slug": "youth-justice", "file_format": "svg"}, EVERYONE),
    "evidence:measure_stage_trend": ({"slug": "youth-justice", "stage": "arrest", "file_format": "svg"}, EVERYONE),
    "evidence:cite": ({"slug": "youth-justice"}, {**LEADS, "lead_a": 405, "lead_b": 405}),  # a POST
    "evidence:citation_remove": ({"pk": "citation"}, {**dict.fromkeys(ROLES, 405), "anonymous": 302}),  # a POST
    # Those who change a plan cite into its actions (the plans' own roles: tests/evidence/test_action_citations.py).
    "evidence:cite_action": ({"slug": "youth-justice"}, {**MODERATORS, "moderator": 405, "admin": 405}),  # a POST
    "evidence:action_citation_remove": (
        {"pk": "action_citation"},
        {**dict.fromkeys(ROLES, 405), "anonymous": 302},  # a POST
    ),
    "evidence:area": ({"slug": "hackney"}, EVERYONE),
    "evidence:datasets": ({}, EVERYONE),
    "evidence:long_template": ({}, EVERYONE),
    "evidence:load": ({}, ADMINS),  # analysts too: tests/evidence/test_load_pages.py
    "evidence:load_confirm": ({}, {**ADMINS, "admin": 405}),  # a POST
    "evidence:load_cancel": ({}, {**ADMINS, "admin": 405}),  # a POST
    "evidence:load_choices": ({}, {**ADMINS, "admin": 405}),  # a POST
    "evidence:api_index": ({}, EVERYONE),
    "evidence:api_dataset_list": ({}, EVERYONE),
    "evidence:api_measure_list": ({}, EVERYONE),
    "evidence:api_measure_detail": ({"slug": "youth-justice"}, EVERYONE),
}

# Views that change an entry: url entry -> (kwargs, POST data, expected status by role).
OWN_DRAFT_POST = {**OWN_DRAFT, "lead_a": 302}
MODERATE_POST = {**MODERATORS, "moderator": 302, "admin": 302}
POST_TABLE = {
    "practice_edit": ({"pk": "draft"}, {}, OWN_DRAFT),  # lead A's empty proforma comes back with its errors
    "practice_check": ({"pk": "draft"}, {}, OWN_DRAFT_POST),
    "practice_withdraw": ({"pk": "draft"}, {}, OWN_DRAFT_POST),
    "practice_revise": ({"pk": "published"}, {}, OWN_DRAFT_POST),
    "practice_split": ({"pk": "submitted"}, {}, SPLIT_SUBMITTED),  # the empty form comes back with its errors
    "review": ({"pk": "submitted"}, {"decision": "publish", "version": "1"}, MODERATE_POST),
    "review (unpublish)": ({"pk": "published"}, {"reason": "Consent withdrawn", "version": "1"}, MODERATE_POST),
    "call_create": ({}, {}, MODERATORS),  # the empty form comes back with its errors
    "call_open": ({"pk": "unopened_call"}, {}, MODERATE_POST),
    "call_remind": ({"pk": "call"}, {}, MODERATE_POST),
    "account_name": ({}, {}, SIGNED_IN),  # the empty form comes back with its errors
    "person_erase": ({}, {}, ADMINS_POST),  # the empty form goes back to the page, saying what is missing
    "person_export": ({}, {}, ADMINS_POST),
    **PLAN_POST_TABLE,
    "evidence:load": ({}, {}, ADMINS),  # the empty form comes back with its errors
    "evidence:load_confirm": ({}, {}, ADMINS_POST),  # no preview to confirm: back to the form
    "evidence:load_cancel": ({}, {}, ADMINS_POST),  # no preview to cancel: back to the form
    "evidence:load_choices": ({}, {}, ADMINS_POST),  # no preview to choose in: back to the form
    # Leads cite into their own entries: nothing chosen goes back to the measure page, saying so.
    "evidence:cite": ({"slug": "youth-justice"}, {}, {**LEADS, "lead_a": 302, "lead_b": 302}),
    "evidence:citation_remove": ({"pk": "citation"}, {}, {**MODERATE_POST, "lead_a": 302, "lead_b": 404, "dcs": 404}),
    # Nothing chosen goes back to the measure page, saying so; an action's citation is taken off by its plan's editors.
    "evidence:cite_action": ({"slug": "youth-justice"}, {}, MODERATE_POST),
    "evidence:action_citation_remove": (
        {"pk": "action_citation"},
        {},
        {**MODERATE_POST, "lead_a": 404, "lead_b": 404, "dcs": 404},
    ),
    "practice_delete": ({"pk": "draft"}, {}, OWN_DRAFT_POST),  # last: the draft is gone after it
}

# URL names of the access table that are files, feeds, JSON or the Django admin's own pages
NOT_PAGES = (
    "admin:",
    "api_",
    "feed",
    "sitemap",
    "resource_download",
    "practice_export",
    "call_returns_csv",
    "call_pack",
    *PLAN_NOT_PAGES,
    "healthz",
    "readyz",
    "measure_csv",
    "measure_chart",
    "measure_trend",
    "measure_stage_trend",
    "long_template",
)

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
    return make_world()


def make_world():
    """A user for each role and an object for each kind of URL: (users by role, object ids by name)."""
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
    submitted = factories.PracticeFactory(status=Practice.Status.SUBMITTED, local_authority=authority("Camden"))
    objects = {
        "draft": draft.pk,
        "published": published.pk,
        "submitted": submitted.pk,
        "draft_file": attach_pdf(draft).pk,
        "published_file": attach_pdf(published).pk,
        "published_version": Snapshot.objects.create(practice=published, kind="published", content={}).pk,
        "suggestion": ThemeSuggestion.objects.create(practice=submitted, name="Housing").pk,
        "call": factories.call(["Hackney"]).pk,
        "dataset": youth_justice_world().pk,
        "citation": Citation.objects.create(
            practice=published, measure=Measure.objects.get(slug="youth-justice"), area="hackney", year=2022
        ).pk,
        "unopened_call": factories.call(["Hackney"], opened=False).pk,
        **make_plan_world(),
    }
    objects["action_citation"] = ActionCitation.objects.create(
        action_id=objects["ncl_action"], measure=Measure.objects.get(slug="youth-justice"), area="hackney", year=2022
    ).pk
    return users, objects


def test_every_url_pattern_is_in_the_access_table():
    walked = {name.split(" (")[0] for name in GET_TABLE} - {"admin:index"}
    assert set(named_patterns()) == walked


def url_for(entry, objects, table=GET_TABLE):
    """The entry's URL; kwargs named "?name" go in its query string."""
    params = {key: objects.get(value, value) for key, value in table[entry][0].items()}
    query = {key[1:]: value for key, value in params.items() if key.startswith("?")}
    url = reverse(entry.split(" (")[0], kwargs={k: v for k, v in params.items() if not k.startswith("?")})
    return url + (f"?{urlencode(query)}" if query else "")


def walk_every_page(client, world, role):
    """Each page's answer to the role, beside the answer the table expects: (answers, expected)."""
    users, objects = world
    if users[role]:
        client.force_login(users[role])
    answers = {entry: client.get(url_for(entry, objects)).status_code for entry in GET_TABLE}
    return answers, {entry: table[role] for entry, (_, table) in GET_TABLE.items()}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_from_every_page(client, world, role):
    answers, expected = walk_every_page(client, world, role)
    assert answers == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_those_allowed_can_change_an_entry_through_any_url(client, world, role):
    users, objects = world
    if users[role]:
        client.force_login(users[role])
    answers = {
        entry: client.post(url_for(entry, objects, POST_TABLE), data).status_code
        for entry, (_, data, _) in POST_TABLE.items()
    }
    assert answers == {entry: table[role] for entry, (_, _, table) in POST_TABLE.items()}
    if role in ("anonymous", "lead_b", "dcs"):
        assert not Event.objects.exists()
        assert set(Practice.objects.values_list("status", flat=True)) == {"draft", "published", "submitted"}
        assert ThemeSuggestion.objects.get().status == ThemeSuggestion.Status.PENDING
        assert not CallReminder.objects.exists()
        assert Call.objects.filter(opened_at=None).count() == 1
        assert Call.objects.count() == 2
        assert Dataset.objects.count() == 2
