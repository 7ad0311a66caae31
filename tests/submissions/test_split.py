"""A return describing several pieces of work split into separate entries (issue 28, item 2): by a moderator, or by
the lead for their own LA's draft; each new entry links to the return, is recorded on both, and is moderated as any."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from reference.models import SharingCategory, Theme
from submissions import services
from submissions.models import Event, Practice, Snapshot
from submissions.pieces import joined, pieces_of
from tests import factories
from tests.factories import PracticeFactory, ResourceFactory, authority, lead, moderator
from tests.submissions.test_importers import FIXTURES

pytestmark = pytest.mark.django_db

TITLES = [
    "A moral purpose held by Heads of Service",
    "Youth justice as the lens on disproportionality",
    "Anti-racist practice with schools and the youth council",
]
THEMES = ["training-and-cultural-competence", "youth-justice", "attainment-and-curriculum"]


def submitted_redbridge():
    """Redbridge's real return, imported and submitted by its lead with nothing typed (two boxes ticked)."""
    call_command("import_proformas", str(FIXTURES / "redbridge.txt"))
    practice = Practice.objects.get()
    practice.categories.add(SharingCategory.objects.get(slug="within-your-organisation"))
    practice.themes.add(Theme.objects.get(slug="youth-justice"))
    return services.submit_practice(practice=practice, by=lead("Redbridge"))


def split_data(practice, parts, kept_title=None):
    """The second step's answers: for each new entry (title, theme slugs, piece numbers, extra fields)."""
    data = {
        "entries": str(len(parts)),
        "seen_version": str(practice.version),
        "keep-title": kept_title or practice.title,
    }
    for number, (title, themes, pieces, *extra) in enumerate(parts, 1):
        data[f"entry-{number}-title"] = title
        data[f"entry-{number}-themes"] = [str(Theme.objects.get(slug=slug).pk) for slug in themes]
        data[f"entry-{number}-pieces"] = [str(piece) for piece in pieces]
        for name, value in (extra[0] if extra else {}).items():
            data[f"entry-{number}-{name}"] = value
    return data


def test_a_description_comes_apart_into_paragraphs_and_list_items_and_back_together():
    description = (
        "Training for governors.\n\nOur panels:\n- Reverse mentoring\n- Diverse recruitment\n  panels\n\nLast."
    )

    pieces = pieces_of(description)

    assert [piece.label for piece in pieces] == [
        "Training for governors.",
        "Our panels:",
        "Reverse mentoring",
        "Diverse recruitment\n  panels",
        "Last.",
    ]
    assert joined(pieces) == description
    assert joined([pieces[4], pieces[2]]) == "- Reverse mentoring\n\nLast."


def test_redbridges_various_return_is_split_by_a_moderator_into_three_entries_each_published(client):
    practice = submitted_redbridge()
    paragraphs = pieces_of(practice.description)
    assert len(paragraphs) == 3
    maya = moderator()
    client.force_login(maya)

    first = client.get(reverse("practice_split", args=[practice.pk]))
    second = client.get(reverse("practice_split", args=[practice.pk]), {"entries": "3"})
    response = client.post(
        reverse("practice_split", args=[practice.pk]),
        split_data(
            practice, [(title, [slug], [n]) for n, (title, slug) in enumerate(zip(TITLES, THEMES, strict=True))]
        ),
    )

    assert "How many new entries do you want to make from this return?" in first.content.decode()
    assert second.content.decode().count("Name of the new entry") == 3
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Practice.Status.WITHDRAWN
    assert practice.events.last().action == Event.Action.SPLIT
    assert f"Split into ‘{TITLES[0]}’" in practice.events.last().comment
    entries = list(practice.split_into.order_by("pk"))
    assert [entry.title for entry in entries] == TITLES
    for entry, paragraph, slug in zip(entries, paragraphs, THEMES, strict=True):
        assert entry.status == Practice.Status.SUBMITTED and entry.local_authority == practice.local_authority
        assert entry.description == paragraph.text and entry.summary
        assert [theme.slug for theme in entry.themes.all()] == [slug]
        assert [category.slug for category in entry.categories.all()] == ["within-your-organisation"]
        assert entry.events.get().comment == f"Split from ‘{practice.title}’."
        assert entry.snapshots.get().kind == Snapshot.Kind.SUBMITTED
        services.publish_practice(practice=entry, by=maya, seen_version=entry.version)
        page = client.get(entry.get_absolute_url()).content.decode()
        assert f"Split from Redbridge’s return ‘{practice.title}’." in page
    assert Practice.objects.published().count() == 3


def test_what_is_not_moved_stays_in_the_return_under_the_name_given(client):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    report = ResourceFactory(practice=practice, title="Evaluation report")
    contact = practice.contacts.get()
    client.force_login(moderator())

    data = split_data(
        practice,
        [("Reverse mentoring of head teachers", ["school-exclusions"], [1], {"resources": [str(report.pk)]})],
        kept_title="Training for governors",
    )
    client.post(reverse("practice_split", args=[practice.pk]), data)

    practice.refresh_from_db()
    entry = practice.split_into.get()
    assert practice.status == Practice.Status.SUBMITTED and practice.title == "Training for governors"
    assert practice.description == "Training for governors.\n\n- Diverse recruitment panels"
    assert list(practice.resources.all()) == [] and list(practice.contacts.all()) == [contact]
    assert entry.description == "- Reverse mentoring of head teachers"
    assert [resource.url for resource in entry.resources.all()] == [report.url]
    assert not entry.contacts.exists()


def test_a_lead_splits_their_own_draft_into_drafts(client):
    practice = PracticeFactory(local_authority=authority("Hackney"))
    contact = practice.contacts.get()
    client.force_login(lead("Hackney"))

    data = split_data(
        practice,
        [
            ("Training for governors", ["school-exclusions"], [0], {"contacts": [str(contact.pk)]}),
            ("Reverse mentoring of head teachers", ["school-exclusions"], [1, 2], {"contacts": [str(contact.pk)]}),
        ],
    )
    response = client.post(reverse("practice_split", args=[practice.pk]), data, follow=True)

    assert "are drafts: check and submit each" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == Practice.Status.WITHDRAWN
    assert [entry.status for entry in practice.split_into.all()] == [Practice.Status.DRAFT] * 2
    assert [entry.contacts.get().name for entry in practice.split_into.all()] == ["Lisa Aldridge"] * 2


def test_everything_moved_but_a_resource_is_refused_so_nothing_is_left_in_the_withdrawn_return(client):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    ResourceFactory(practice=practice, title="Evaluation report")
    contact = practice.contacts.get()
    client.force_login(moderator())

    data = split_data(
        practice, [("Reverse mentoring", ["school-exclusions"], [0, 1, 2], {"contacts": [str(contact.pk)]})]
    )
    response = client.post(reverse("practice_split", args=[practice.pk]), data)

    page = response.content.decode()
    assert "‘Evaluation report’ would stay behind in the withdrawn return: choose a new entry for it" in page
    assert 'value="Reverse mentoring"' in page  # nothing typed is lost
    assert not practice.split_into.exists()


def test_each_new_entry_needs_its_own_name_a_theme_and_a_paragraph_and_various_is_refused(client):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    client.force_login(moderator())

    data = split_data(practice, [("Various", ["school-exclusions"], [1]), ("", [], [])])
    response = client.post(reverse("practice_split", args=[practice.pk]), data)

    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        "Give new entry 1 a name of its own rather than ‘Various’: for example ‘Reverse mentoring of head teachers’"
        in page
    )
    assert "Enter a name for new entry 2" in page
    assert "Select at least one theme for new entry 2" in page
    assert "Choose at least one paragraph for new entry 2" in page
    assert 'href="#id_entry-2-pieces_0"' in page
    assert not practice.split_into.exists() and practice.events.count() == 0


@pytest.mark.parametrize("entries", ["0", "11", "abc", "²", "9" * 30, ""])
def test_a_count_of_new_entries_out_of_bounds_is_refused_in_the_error_summary(client, entries):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    client.force_login(moderator())

    shown = client.get(reverse("practice_split", args=[practice.pk]), {"entries": entries})
    sent = client.post(reverse("practice_split", args=[practice.pk]), {"entries": entries})

    for response in (shown, sent):
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    assert not practice.split_into.exists()


def test_odd_answers_are_refused_without_an_error_page(client):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    client.force_login(moderator())
    data = split_data(practice, [("Reverse mentoring", ["school-exclusions"], [1])])
    data.update({"entry-1-pieces": ["99", "-1"], "entry-1-themes": ["9" * 40], "entry-1-title": "x" * 5000})

    response = client.post(reverse("practice_split", args=[practice.pk]), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "The name of new entry 1 must be 200 characters or fewer" in page
    assert "The paragraphs of this return have changed: choose again for new entry 1" in page
    assert not practice.split_into.exists()


def test_a_split_from_a_page_seen_before_the_return_changed_is_refused(client):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    client.force_login(moderator())
    data = split_data(practice, [("Reverse mentoring", ["school-exclusions"], [1])])
    Practice.objects.filter(pk=practice.pk).update(version=practice.version + 1)

    response = client.post(reverse("practice_split", args=[practice.pk]), data)

    assert "Someone else has changed this entry since you opened the page" in response.content.decode()
    assert not practice.split_into.exists()


@pytest.mark.parametrize(
    "who, status",
    [
        ("other lead", Practice.Status.DRAFT),  # another LA's entry
        ("own lead", Practice.Status.SUBMITTED),  # with the moderators now
        ("own lead", Practice.Status.PUBLISHED),
        ("moderator", Practice.Status.DRAFT),  # not sent for review
        ("moderator", Practice.Status.PUBLISHED),
    ],
)
def test_only_the_entries_the_rules_give_can_be_split(client, who, status):
    practice = PracticeFactory(status=status, local_authority=authority("Hackney"))
    user = {"other lead": lambda: lead("Redbridge"), "own lead": lambda: lead("Hackney"), "moderator": moderator}[who]()
    client.force_login(user)

    data = split_data(practice, [("Reverse mentoring", ["school-exclusions"], [1])])
    assert client.get(reverse("practice_split", args=[practice.pk])).status_code == 404
    assert client.post(reverse("practice_split", args=[practice.pk]), data).status_code == 404
    with pytest.raises(services.TransitionNotAllowed):
        services.split_practice(
            practice=practice, by=user, seen_version=practice.version, parts=[services.Part("Mentoring", [], [])]
        )
    assert not practice.split_into.exists()


def test_a_director_may_not_split_anything(client):
    practice = PracticeFactory(status=Practice.Status.SUBMITTED)
    client.force_login(factories.dcs())

    assert client.get(reverse("practice_split", args=[practice.pk])).status_code == 403
