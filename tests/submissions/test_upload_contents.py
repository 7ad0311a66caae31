"""
PDFs and pictures read for what is in them: each file of the uploads corpus (tests/fixtures/uploads, made by
make_uploads.py) is refused or accepted as its expectation says, as an entry's resource and as a plan action's,
through the pages that take them; a large clean PDF is checked quickly; a picture is judged by the size its
header declares.
"""

import json
import struct
import time
from pathlib import Path

import pytest

from plans.models import ActionResource
from submissions import pdfs, pictures
from submissions.models import Practice, Resource
from tests.fixtures.make_uploads import jpeg, pdf, with_frame_size
from tests.fixtures.office_pieces import declared_png
from tests.submissions.test_office_files import add_to_action, add_to_entry, page_of

pytestmark = pytest.mark.django_db

UPLOADS = Path(__file__).parent.parent / "fixtures" / "uploads"
CORPUS = sorted(path for path in UPLOADS.iterdir() if path.suffix != ".json")
REFUSED = [path for path in CORPUS if "refused" in json.loads(path.with_name(path.name + ".json").read_text())]
ACCEPTED = [path for path in CORPUS if path not in REFUSED]
SAID = {
    "pdf_active": "The selected PDF runs scripts, starts programs or opens files attached to it when it is read",
    "pdf_unchecked": "The selected PDF is packed in a way the portal cannot check",
    "two_kinds": "The selected file is two kinds of file at once (a PDF or picture with a zip archive joined to it)",
    "picture_too_large": "The selected file is, or holds, a picture too big to open safely (more than 120 megapixels",
    "picture_unreadable": "The selected file is, or holds, a picture whose size cannot be read",
}


def expected(path):
    return json.loads(path.with_name(path.name + ".json").read_text())


@pytest.mark.parametrize("path", REFUSED, ids=lambda path: path.name)
def test_a_refused_file_is_not_taken_as_an_entrys_resource_and_says_why(client, path):
    response = add_to_entry(client, path)

    assert response.status_code == 200
    assert f"Resource 1: {SAID[expected(path)['refused']]}" in page_of(response)
    assert not Practice.objects.exists() and not Resource.objects.exists()


@pytest.mark.parametrize("path", REFUSED, ids=lambda path: path.name)
def test_a_refused_file_is_not_taken_as_a_plan_actions_resource_and_says_why(client, path):
    response = add_to_action(client, path)

    assert response.status_code == 200
    assert SAID[expected(path)["refused"]] in page_of(response)
    assert not ActionResource.objects.exists()


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda path: path.name)
def test_a_clean_file_is_taken_as_an_entrys_resource_and_served_as_what_it_is(client, path):
    response = add_to_entry(client, path)

    assert response.status_code == 302, page_of(response)
    resource = Resource.objects.get()
    assert resource.content_type == expected(path)["accepted"]
    download = client.get(resource.get_absolute_url())
    assert b"".join(download.streaming_content) == path.read_bytes()


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda path: path.name)
def test_a_clean_file_is_taken_as_a_plan_actions_resource(client, path):
    response = add_to_action(client, path)

    assert response.status_code == 302, page_of(response)
    assert ActionResource.objects.get().content_type == expected(path)["accepted"]


def test_a_20_mb_pdf_of_photographs_is_checked_well_under_a_second():
    photographs = {
        8 + seed: (b"<</Type/XObject/Subtype/Image/Width 1800/Height 1400/Filter/DCTDecode", jpeg(1800, 1400, seed))
        for seed in range(9)
    }
    data = pdf(photographs, packed=True)
    assert 18 * 1024 * 1024 < len(data) < 21 * 1024 * 1024

    started = time.perf_counter()
    pdfs.check_pdf(data)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("width", "height", "refused"),
    [
        (12_000, 10_000, None),
        (12_000, 10_001, "picture_too_large"),
        (30_000, 10, None),
        (30_001, 10, "picture_too_large"),
    ],
)
def test_a_picture_is_judged_by_the_size_its_header_declares_up_to_120_megapixels_and_30000_pixels_a_side(
    width, height, refused
):
    assert pictures.refusal(declared_png(width, height)) == refused
    assert pictures.refusal(with_frame_size(jpeg(16, 16), width, height)) == refused
    gif = b"GIF89a" + struct.pack("<HH", min(width, 65_535), min(height, 65_535)) + b"\x00" * 16
    assert pictures.refusal(gif) == refused


def test_a_progressive_jpeg_is_judged_by_its_frame_header_too():
    progressive = with_frame_size(jpeg(16, 16), 40_000, 40_000).replace(b"\xff\xc0", b"\xff\xc2", 1)

    assert pictures.refusal(progressive) == "picture_too_large"
