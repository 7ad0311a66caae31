"""Status changes and the audit trail they leave."""

import pytest

from submissions import services
from submissions.models import Event, Practice
from tests.factories import PracticeFactory, authority, lead

pytestmark = pytest.mark.django_db


def test_submitting_records_who_and_when():
    practice = PracticeFactory()
    author = lead("Hackney")

    services.submit_practice(practice=practice, by=author)

    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED
    assert practice.submitted_at is not None
    event = practice.events.get()
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        Event.Action.SUBMITTED,
        author,
        Practice.Status.DRAFT,
        Practice.Status.SUBMITTED,
    )


def test_an_incomplete_draft_cannot_be_submitted():
    practice = PracticeFactory(description="", complete=False)

    with pytest.raises(services.TransitionNotAllowed, match="Describe the work being undertaken"):
        services.submit_practice(practice=practice, by=lead("Hackney"))

    practice.refresh_from_db()
    assert practice.status == Practice.Status.DRAFT
    assert not practice.events.exists()


def test_an_entry_returned_for_changes_can_be_resubmitted():
    practice = PracticeFactory(status=Practice.Status.CHANGES_REQUESTED)

    services.submit_practice(practice=practice, by=lead("Hackney"))

    assert Practice.objects.get().status == Practice.Status.SUBMITTED


@pytest.mark.parametrize("status", [Practice.Status.SUBMITTED, Practice.Status.PUBLISHED, Practice.Status.WITHDRAWN])
def test_only_drafts_and_returned_entries_can_be_submitted(status):
    practice = PracticeFactory(status=status)

    with pytest.raises(services.TransitionNotAllowed):
        services.submit_practice(practice=practice, by=lead("Hackney"))

    assert Practice.objects.get().status == status


def test_a_stale_page_cannot_submit_an_entry_withdrawn_since_it_was_loaded():
    seen_by_one_tab = PracticeFactory()
    author = lead("Hackney")
    services.withdraw_practice(practice=Practice.objects.get(), by=author)

    with pytest.raises(services.TransitionNotAllowed, match="withdrawn"):
        services.submit_practice(practice=seen_by_one_tab, by=author)

    assert Practice.objects.get().status == Practice.Status.WITHDRAWN


def test_published_entries_cannot_be_withdrawn_by_their_lead():
    practice = PracticeFactory(status=Practice.Status.PUBLISHED)

    with pytest.raises(services.TransitionNotAllowed):
        services.withdraw_practice(practice=practice, by=lead("Hackney"))


def test_importing_a_proforma_with_an_answer_over_its_limit_saves_nothing_and_cuts_nothing():
    from submissions.importers.result import ParsedProforma, check
    from submissions.models import TEXT_LIMITS

    parsed = ParsedProforma(
        local_authority=authority("Hackney"), title="Mentoring", description="x" * (TEXT_LIMITS["description"] + 1)
    )
    check(parsed)
    assert parsed.overlong == [
        "The description in the file is 15,001 characters, longer than the 15,000 the form allows."
    ]
    assert services.import_proforma(parsed=parsed, fingerprint="f" * 64, source="long.docx", publish=True) == (
        None,
        False,
    )
    assert not Practice.objects.exists()
