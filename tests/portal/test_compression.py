"""Pages travel compressed to a browser that accepts it (gunicorn alone sends them as they are)."""

import gzip

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_page_is_sent_gzipped_to_a_browser_that_accepts_it(client):
    plain = client.get(reverse("coverage"))
    compressed = client.get(reverse("coverage"), headers={"accept-encoding": "gzip, deflate, br"})

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content).decode().count("<tr") == plain.content.decode().count("<tr")
    assert len(compressed.content) < len(plain.content) / 3


def test_a_page_is_sent_as_it_is_to_a_client_that_does_not_accept_gzip(client):
    response = client.get(reverse("coverage"))

    assert not response.has_header("Content-Encoding")
    assert b"</html>" in response.content
