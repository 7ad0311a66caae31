"""
A search page's result cards and filter options are rendered once a process for what they show and kept
(search/templatetags/search_results.py): a search first asked for since the last publication pays for its
engine's queries, not for rendering the same cards again. What a card or an option shows is its key, so nothing
kept can show an entry, a theme or a count as it was.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from reference import cached
from reference.models import Theme
from search import engine
from tests.search.test_search import published


def page(client, text, **params):
    cache.clear()  # as first asked for since the last publication: no answer or fragment kept for it
    response = client.get(reverse("practice_list"), {"q": text, **params})
    assert response.status_code == 200
    return response


def rendered(response, name):
    return [template.name for template in response.templates].count(name)


@pytest.mark.django_db
def test_a_search_showing_cards_already_shown_does_not_render_them_again(client):
    for n in range(3):
        published(f"Mentoring circle {n}", "Mentors for young people", la=["Hackney", "Camden", "Newham"][n])
    first = page(client, "mentoring")

    again = page(client, "young")

    assert rendered(again, "includes/practice_card.html") == 0
    assert rendered(again, "includes/facet_option.html") == 0
    assert 'name="local_authority" value="camden"' in again.content.decode()
    cards = [part.split("</h3>")[0] for part in first.content.decode().split('<li class="practice-card">')[1:]]
    assert len(cards) == 3 and all(card in again.content.decode() for card in cards)


@pytest.mark.django_db
def test_each_search_slots_its_own_snippet_and_counts_into_the_cards_and_options_kept(client):
    published("Mentoring circle", "Mentors meet young people weekly", summary="A circle of mentors")
    published("Mentoring at home", "Young carers at home", summary="Help at home", la="Camden")

    mentors = page(client, "mentors").content.decode()
    young = page(client, "young").content.decode()

    assert "A circle of <mark>mentors</mark>" in mentors
    assert "Mentors meet <mark>young</mark> people weekly" in young and "A circle of" not in young
    assert 'Hackney <span class="filter-count">(1)</span>' in mentors
    assert 'Camden <span class="filter-count">(1)</span>' in young
    ticked = page(client, "young", local_authority="camden").content.decode()
    assert 'id="filter-local_authority-camden" checked>' in ticked and "1 result for" in ticked


@pytest.mark.django_db
def test_a_card_kept_shows_an_entry_changed_and_a_theme_renamed_since(client):
    practice = published("Mentoring circle", "Mentors for young people", theme="youth-justice")
    assert "Youth justice" in page(client, "mentoring").content.decode()

    practice.title = "Mentoring circles"
    practice.save()
    engine.index(practice)
    Theme.objects.filter(slug="youth-justice").update(name="Youth justice and policing")
    cached.forget()
    shown = page(client, "mentoring").content.decode()

    assert ">Mentoring circles</a>" in shown and "<li>Youth justice and policing</li>" in shown
