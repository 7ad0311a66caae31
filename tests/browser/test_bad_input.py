"""
Hostile and odd input, put into every text field and link of the proforma, published, then
shown on every page that shows it in real Chromium: no script ever runs and the text is shown
as typed. Null bytes and script links are refused with a clear message instead.
"""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from submissions import services
from submissions.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

RAN = "window.__ran = (window.__ran || 0) + 1"
CORPUS = [
    f"<script>{RAN}</script>",
    f'"><img src=x onerror="{RAN}">',
    f"<svg onload='{RAN}'>",
    f"javascript:{RAN}",
    "<b><i>unclosed <a href='x'",
    "'; DROP TABLE submissions_practice; -- \" OR 1=1 %s %% \\",
    "\u202eevil.exe\u202c right-to-left \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "Z\u0338\u0321\u0322\u0347a\u0327\u0353l\u0322\u0356g\u0337o combining marks",
    "Emoji 👩🏿‍💼🇬🇧 and 𝕄𝕒𝕥𝕙",
    "{{ 7|add:7 }} {% now 'Y' %} ${7*7} #{7*7}",
    "https://g\u03bfv.uk homoglyph",
]
TEXT = " | ".join(CORPUS)
LONG = "Long " + "word " * 2000


def proforma(**fields):
    data = {
        "local_authority": str(factories.authority("Hackney").pk),
        "title": CORPUS[1][:200],
        "summary": TEXT[:600],
        "description": TEXT + "\n\n- " + "\n- ".join(CORPUS) + "\n\n" + LONG,
        "impact": TEXT,
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": CORPUS[0][:200],
        "contacts-0-role": CORPUS[7][:200],
        "contacts-0-email": "lisa@example.org",
        "resources-TOTAL_FORMS": "2",
        "resources-INITIAL_FORMS": "0",
        "resources-0-title": CORPUS[2][:200],
        "resources-0-url": "https://g\u03bfv.uk/report",
        "resources-1-title": CORPUS[4][:200],
        "resources-1-url": "https://example.org/?q=<script>",
        "action": "draft",
    }
    data.update(fields)
    return data


def test_hostile_input_is_refused_or_shown_as_typed_and_never_runs(page, browser, live_server, sign_in):
    lead, moderator = factories.lead("Hackney", email="lead@example.org"), factories.moderator(email="mo@example.org")
    client = Client()
    client.force_login(lead)

    refused = client.post(
        reverse("practice_create"),
        proforma(title="Null\x00byte", **{"resources-0-url": f"javascript:{RAN}", "contacts-0-role": CORPUS[6]}),
    )
    messages = [message for _, message in refused.context["errors"]]
    assert "Null characters are not allowed." in messages
    hidden = "Remove the line breaks or hidden formatting characters (they can come with copying and pasting)"
    assert f"Contact 1: {hidden}" in messages  # a right-to-left override in a one-line answer
    assert messages.count("Resource 1: Enter a web link starting http:// or https://") == 1, messages
    assert not Practice.objects.exists()

    assert client.post(reverse("practice_create"), proforma()).status_code == 302
    practice = Practice.objects.get()
    practice.categories.add(*factories.SharingCategory.objects.all()[:1])
    practice.themes.add(factories.Theme.objects.get(slug="school-exclusions"))
    practice = services.submit_practice(practice=practice, by=lead)
    practice = services.publish_practice(practice=practice, by=moderator, seen_version=practice.version)
    # Stored as typed, less what overrides the direction of the text (decision 0013)
    assert practice.description.startswith(TEXT.replace("\u202e", "").replace("\u202c", ""))
    assert "evil.exe right-to-left" in practice.description

    dialogs = []
    lead_page = browser.new_context().new_page()
    sign_in(moderator)
    sign_in(lead, on=lead_page)
    every_page = [
        (page, reverse("practice_detail", args=[practice.pk])),
        (page, reverse("practice_list") + "?q=combining"),  # a snippet of the text
        (page, reverse("practice_list") + "?q=%3Cscript%3E"),  # the search box itself
        (page, reverse("home")),
        (page, reverse("theme_detail", args=["school-exclusions"])),
        (page, reverse("local_authority_detail", args=["hackney"])),
        (page, reverse("review", args=[practice.pk])),
        (page, reverse("version", args=[practice.snapshots.last().pk])),
        (page, reverse("moderation_queue") + "?status=published"),
        (lead_page, reverse("my_submissions")),
        (lead_page, reverse("submission_detail", args=[practice.pk])),
    ]
    for browser_page in (page, lead_page):
        browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for browser_page, path in every_page:
        response = browser_page.goto(live_server.url + path)
        assert response.status == 200, path
        assert browser_page.evaluate("window.__ran") is None, path
    assert dialogs == []

    # Shown as typed: the markup is text on the page (escaped), not elements in it.
    page.goto(live_server.url + reverse("practice_detail", args=[practice.pk]))
    assert page.locator("main script, main svg, main img[onerror]").count() == 0
    body = page.locator("main").inner_text()
    for text in (CORPUS[0], CORPUS[1], CORPUS[5], "Emoji 👩🏿‍💼🇬🇧", "{{ 7|add:7 }}", "https://g\u03bfv.uk"):
        assert text in body, text
    # A look-alike address shows as the different site it is.
    expect(page.get_by_role("listitem").filter(has=page.get_by_role("link", name=CORPUS[2]))).to_contain_text(
        "(web page on xn--gv-jbc.uk)"
    )
