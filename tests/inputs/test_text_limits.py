"""
Every text field has a limit, said in the form and enforced by it (and for the proforma's long texts by
the database too); too much text comes back with how much to remove, cut only past twice its limit;
one-line answers refuse control and text-direction characters.
"""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from calls.models import Call
from submissions.models import COMMENT_LIMIT, TEXT_LIMITS, Practice
from tests import factories
from tests.submissions.test_proforma import hackney_id, proforma_data

pytestmark = pytest.mark.django_db

HIDDEN = ["line\nbreak", "carriage\rreturn", "tab\there", "nul\x00", "bell\x07", "\x9bcsi", "evil\u202egnp.exe"]
HIDDEN += ["isolate\u2066x\u2069", "embed\u202ax\u202c"]
HIDDEN += ["\u200b\u200b\u200b", "Line one\u2028Line two", "a\u2029b", "\ufeffx", "soft\u00adhyphen", "\u2060"]


def test_a_one_line_answer_keeps_emoji_and_scripts_that_need_joiners(lead_client):
    title = "Mentoring 👩🏿\u200d💼 and می\u200cخواهم"
    response = post_proforma(lead_client, title=title)
    assert response.status_code == 302
    assert Practice.objects.get().title == title


@pytest.fixture
def lead_client(client, lead_a):
    client.force_login(lead_a)
    return client


def post_proforma(client, **fields):
    return client.post(reverse("practice_create"), proforma_data(local_authority=hackney_id(), **fields))


def test_each_long_box_says_its_limit_and_the_browser_is_never_told_to_cut(lead_client):
    page = lead_client.get(reverse("practice_create")).content.decode()
    for name, limit in TEXT_LIMITS.items():
        assert f'<div id="id_{name}_count" class="form-text character-count"' in page
        assert f"You can enter up to {limit:,} characters" in page
        textarea = re.search(rf'<textarea name="{name}"[^>]*>', page).group(0)
        assert f"id_{name}_count" in textarea  # aria-describedby: read with the box
    assert "maxlength" not in page


@pytest.mark.parametrize("name", TEXT_LIMITS)
def test_too_much_text_comes_back_whole_with_how_much_to_remove(lead_client, name):
    limit = TEXT_LIMITS[name]
    text = "word " * (limit // 5) + "extra"
    response = post_proforma(lead_client, **{name: text})
    assert response.status_code == 200
    assert not Practice.objects.exists()
    page = response.content.decode()
    label = response.context["proforma"].form.fields[name].label
    assert f'<a href="#id_{name}">{label} must be {limit:,} characters or fewer</a>' in page
    assert f"You have {len(text) - limit} characters too many" in page
    assert text.strip() in page  # nothing the lead typed is lost


def test_a_line_break_counts_as_one_character_as_the_lead_sees_it(lead_client):
    summary = "\r\n".join(["x" * 119] * 5) + "y"  # 600 characters, with 4 line breaks; 604 as the browser sends it
    response = post_proforma(lead_client, summary=summary)
    assert response.status_code == 302
    assert Practice.objects.get().summary == summary.replace("\r\n", "\n")


@pytest.mark.parametrize("text", HIDDEN)
@pytest.mark.parametrize("name", ["title", "suggested_theme", "contacts-0-name", "contacts-0-role"])
def test_a_one_line_answer_refuses_control_and_text_direction_characters(lead_client, name, text):
    response = post_proforma(lead_client, **{name: text})
    assert response.status_code == 200
    assert not Practice.objects.exists()
    assert "Remove the line breaks or hidden formatting characters" in response.content.decode()


def test_long_answers_keep_their_line_breaks(lead_client):
    response = post_proforma(lead_client, description="First paragraph.\n\nSecond, with a tab\there.")
    assert response.status_code == 302
    assert Practice.objects.get().description == "First paragraph.\n\nSecond, with a tab\there."


@pytest.mark.parametrize("name", TEXT_LIMITS)
def test_the_database_refuses_a_long_text_past_its_limit(name):
    practice = factories.PracticeFactory()
    setattr(practice, name, "x" * (TEXT_LIMITS[name] + 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        practice.save()


def test_a_moderators_comment_has_a_limit_said_in_plain_words(client):
    practice = factories.PracticeFactory(status=Practice.Status.SUBMITTED)
    client.force_login(factories.moderator())
    comment = "x" * (COMMENT_LIMIT + 1)
    response = client.post(
        reverse("review", kwargs={"pk": practice.pk}),
        {"decision": "request_changes", "comment": comment, "version": practice.version},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Comment for the lead must be {COMMENT_LIMIT:,} characters or fewer" in page
    assert "You have 1 character too many" in page
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED


def test_a_calls_message_has_a_limit_and_its_title_is_one_line(client):
    client.force_login(factories.moderator())
    response = client.post(
        reverse("call_create"),
        {
            "title": "Exclusions\r\nBcc: everyone@example.org",
            "message": "x" * (COMMENT_LIMIT + 1),
            "audience": "london",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Message to the leads must be {COMMENT_LIMIT:,} characters or fewer" in page
    assert "Remove the line breaks or hidden formatting characters" in page
    assert not Call.objects.exists()


def test_a_one_line_answer_too_long_says_the_limit_and_how_long_it_is(lead_client):
    response = post_proforma(lead_client, title="t" * 230)
    assert "Name of the project or approach must be 200 characters or fewer (you have 230)" in response.content.decode()
    assert "t" * 230 in response.content.decode()


@pytest.mark.parametrize("name, limit", [("title", 200), *TEXT_LIMITS.items()])
def test_an_answer_far_past_its_limit_is_shown_back_only_to_twice_the_limit(lead_client, name, limit):
    response = post_proforma(lead_client, **{name: "x" * 1_000_000})  # a book pasted in: 1 MB

    page = response.content.decode()
    assert response.status_code == 200
    assert f"must be {limit:,} characters or fewer" in page
    assert len(max(re.findall("x+", page), key=len)) == 2 * limit  # enough to see what to shorten; not 1 MB
    assert len(page) < 200_000


@pytest.mark.parametrize("text", ["Word " * 30 + "\n" + "Word " * 30, "Word\u00ad " * 50, "Word " * 60 + "\u200b"])
def test_a_one_line_answer_over_its_limit_has_one_message_naming_the_field_and_the_limit(lead_client, text):
    response = post_proforma(lead_client, title=text)  # pasted from a document, line breaks and all

    errors = response.context["proforma"].form.errors["title"]
    assert errors == [f"Name of the project or approach must be 200 characters or fewer (you have {len(text.strip())})"]
    assert "Remove the line breaks" not in response.content.decode()
