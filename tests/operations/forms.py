"""Filling in the portal's pages over HTTP, as a browser would, for tests of the running servers."""

import re
from html.parser import HTMLParser

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class FormValues(HTMLParser):
    """The values a browser would send for the page's fields (text, checked boxes, selected options)."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "file", "button"}:
            if attrs.get("type") not in {"checkbox", "radio"}:
                self.values[name] = attrs.get("value", "")  # an empty box has no value attribute
            elif "checked" in attrs:
                self.values[name] = attrs.get("value", "on")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.removeprefix("\n")


def form_values(page):
    parser = FormValues()
    parser.feed(page)
    return parser.values


def post_form(session, url, data=None, files=None):
    """GET the page for its CSRF token, then POST to it, as its own form would."""
    token = TOKEN.search(session.get(url).text).group(1)
    return session.post(
        url,
        data={"csrfmiddlewaretoken": token, **(data or {})},
        files=files,
        headers={"Referer": url},
        allow_redirects=False,
    )


def sign_in(session, base, email, password="a-long-test-password"):
    return post_form(session, f"{base}/accounts/login/", {"username": email, "password": password})
