"""A lead and the moderators talk about an entry: the lead replies when resubmitting, both see the thread."""

import pytest
from django.urls import reverse

from outbox.models import OutgoingEmail
from submissions import services
from tests import factories
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(lead_a):
    practice = PracticeFactory(title="Black leadership group", status="submitted")
    moderator = factories.moderator(email="maya@example.org", first_name="Maya", last_name="Okafor")
    return services.request_changes(
        practice=practice, by=moderator, seen_version=practice.version, comment="Please add the dates of the work."
    )


def test_the_lead_replies_when_resubmitting_and_the_moderators_email_carries_it(
    client, lead_a, returned, django_capture_on_commit_callbacks
):
    client.force_login(lead_a)
    check = client.get(reverse("practice_check", args=[returned.pk])).content.decode()
    assert "Please add the dates of the work." in check
    assert "Your reply to the moderator (optional)" in check

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("practice_check", args=[returned.pk]), {"message": "Added: it ran from 2023 to 2025."})

    [email] = OutgoingEmail.objects.filter(to="maya@example.org", subject__contains="Black leadership group")
    assert "Their message to the moderators:\n\nAdded: it ran from 2023 to 2025." in email.body


def test_both_see_the_thread_in_order_with_dates(client, lead_a, returned):
    services.submit_practice(practice=returned, by=lead_a, message="Added: it ran from 2023 to 2025.")
    client.force_login(lead_a)
    own = client.get(reverse("submission_detail", args=[returned.pk])).content.decode()
    client.force_login(factories.moderator())
    review = client.get(reverse("review", args=[returned.pk])).content.decode()
    for page in (own, review):
        thread = page.split('<ol class="conversation">')[1].split("</ol>")[0]
        assert thread.index("Moderator: Maya Okafor") < thread.index("Please add the dates")
        assert thread.index("Please add the dates") < thread.index("Lead: ") < thread.index("Added: it ran")
        assert thread.count("<time datetime=") == 2


def test_a_first_submission_has_no_reply_box(client, lead_a):
    client.force_login(lead_a)
    draft = PracticeFactory()
    assert "Your reply to the moderator" not in client.get(reverse("practice_check", args=[draft.pk])).content.decode()
