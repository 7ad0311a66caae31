"""The LIIA website's page shows the embedded list; a page on any other origin is refused it."""

import threading
from contextlib import contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from submissions.models import Practice
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def website(embed_url):
    """Another site, on its own origin (another port), whose page frames the portal's list."""
    page = (
        '<!doctype html><html lang="en"><head><title>LIIA</title></head><body><h1>Our practice</h1>'
        f'<iframe src="{embed_url}" title="Practice shared on the Sharing Practice portal" width="600" height="400">'
        "</iframe></body></html>"
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_list_shows_inside_an_allowed_website_and_is_refused_to_another(page, live_server, settings, check_page):
    PracticeFactory(
        title="Black leadership group",
        local_authority=authority("Hackney"),
        status=Practice.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=1),
    )
    refusals = []
    page.on("console", lambda message: refusals.append(message.text) if "frame-ancestors" in message.text else None)
    embed_url = f"{live_server.url}/embed/practice/?local_authority=hackney"
    with website(embed_url) as liia, website(embed_url) as elsewhere:
        settings.PORTAL_EMBED_ORIGINS = [liia]

        page.goto(liia)
        shown = page.frame_locator("iframe").get_by_role("link", name="Black leadership group (opens in a new tab)")
        shown.wait_for()
        assert "Hackney" in page.frame_locator("iframe").locator("main").inner_text()
        check_page("embed-on-the-liia-website")
        assert refusals == []

        page.goto(elsewhere)
        page.wait_for_timeout(1000)  # time for the frame to load, or to be refused
        assert page.frame_locator("iframe").get_by_text("Black leadership group").count() == 0
        assert len(refusals) == 1 and "frame-ancestors" in refusals[0]


def test_a_moderator_builds_the_snippet_and_sees_the_preview(page, live_server, sign_in, settings, check_page):
    from tests import factories

    settings.PORTAL_EMBED_ORIGINS = ["https://www.liia.london"]
    for day in range(1, 6):  # five entries with the longest summary the list shows (40 words)
        PracticeFactory(
            title="Black leadership group" if day == 1 else f"Reflective practice circles for social workers {day}",
            summary="Staff from every team meet monthly to talk through decisions about Black children " * 4,
            local_authority=authority("Hackney"),
            status=Practice.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(days=day),
        )
    sign_in(factories.moderator())
    page.goto(f"{live_server.url}/moderation/")
    page.get_by_role("link", name="Show practice on the LIIA website").click()
    page.get_by_label("Local authority").select_option(label="Hackney")
    page.get_by_role("button", name="Make the snippet").click()
    snippet = page.get_by_label("Copy this into the website's page").input_value()
    assert snippet.startswith('<iframe src="') and "/embed/practice/?local_authority=hackney&count=5" in snippet
    page.frame_locator("iframe.embed-preview").get_by_role(
        "link", name="Black leadership group (opens in a new tab)"
    ).wait_for()
    check_page("embed-builder")

    page.set_viewport_size({"width": 320, "height": 640})  # a phone: the snippet's height still shows every entry
    frame = next(frame for frame in page.frames if "/embed/practice/" in frame.url)
    needed = frame.evaluate("document.documentElement.scrollHeight")
    assert needed <= int(page.locator("iframe.embed-preview").get_attribute("height")), needed
