"""'Why it is blocked' belongs to a blocked action only: its hint says so, the browser shows it only while Blocked is
chosen, and a reason typed under another status is not kept."""

import pytest
from django.urls import reverse

from plans.forms import ActionForm, UpdateForm
from tests.plans import world

pytestmark = pytest.mark.django_db


def textarea(page, name):
    """The opening tag of the page's textarea of that name."""
    return next(tag for tag in page.split("<textarea")[1:] if f'name="{name}"' in tag.split(">")[0]).split(">")[0]


@pytest.fixture
def action():
    return world.first_action(world.north_central())


def test_the_update_and_action_pages_say_the_reason_is_only_for_a_blocked_action(client, action):
    client.force_login(world.coordinator())
    for name in ("plans:action_update", "plans:action_edit"):
        page = world.html_of(client.get(reverse(name, args=[action.pk])))
        assert "Only if the action is blocked." in page
        assert 'data-shown-with="status"' in textarea(page, "blocked_reason")
        assert 'data-shown-for="blocked"' in textarea(page, "blocked_reason")
        assert '<script src="/static/js/shown-with.js" defer></script>' in page


def test_a_reason_typed_under_another_status_is_not_kept(action):
    data = {"text": "Underway", "status": "in_progress", "blocked_reason": "Waiting", "version": action.version}
    form = UpdateForm(data, action=action)
    assert form.is_valid() and form.cleaned_data["blocked_reason"] == ""
    edit = ActionForm(
        {"what": action.what, "status": "done", "blocked_reason": "Waiting", "version": action.version},
        instance=action,
        plan=action.area.plan,
    )
    assert edit.is_valid(), edit.errors
    assert edit.cleaned_data["blocked_reason"] == ""


def test_a_blocked_action_keeps_its_reason_and_the_meeting_pages_boxes_follow_their_own_status(action):
    data = {"text": "", "status": "blocked", "blocked_reason": "Waiting for the police", "version": action.version}
    assert UpdateForm(data, action=action).is_valid()
    on_the_meeting_page = UpdateForm(prefix=f"action-{action.pk}", action=action)
    assert f'data-shown-with="action-{action.pk}-status"' in str(on_the_meeting_page["blocked_reason"])
