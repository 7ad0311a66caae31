"""A Word plan spaced by its paragraph styles (space before and after, a Title and Heading styles, no empty
paragraphs) reads as the same plan spaced with empty paragraphs, and as its text file: the title whole, "v.2" its
version. The files are made here with python-docx, as Word saves such a document."""

import io

import pytest
from docx import Document
from docx.shared import Pt

from plans import importer
from plans.versions import content_of
from tests.plans import world
from tests.plans.test_import_context_plans import EAST, NORTH_CENTRAL

pytestmark = pytest.mark.django_db

NCL_TITLE = "Racism and disproportionality: Proposed areas for collaboration in North-Central London"


def style_spaced(path, *, title_styles=("Title", "Title"), spacing="styles"):
    """The text file's paragraphs without its blank lines: the title in Title style (or Title then Subtitle), the
    areas as Heading 1, the rest Normal, spaced 8pt after by the Normal style or by each paragraph's own format."""
    document = Document()
    if spacing == "styles":
        document.styles["Normal"].paragraph_format.space_after = Pt(8)
    blocks = path.read_text().split("\n\n")
    title, rest = blocks[0].splitlines(), [line for block in blocks[1:] for line in block.splitlines()]
    for line, style in zip(title, title_styles, strict=True):
        document.add_paragraph(line.strip(), style=style)
    for line in filter(str.strip, rest):
        paragraph = document.add_paragraph(line.strip(), style="Heading 1" if importer.AREA.match(line) else None)
        if spacing == "direct" and paragraph.style.name == "Normal":
            paragraph.paragraph_format.space_before = Pt(6)
    assert not [paragraph for paragraph in document.paragraphs if not paragraph.text.strip()]  # no empty paragraph
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SPACINGS = {
    "Normal style 8pt after": {},
    "each paragraph 6pt before": {"spacing": "direct"},
    "Title and Subtitle": {"title_styles": ("Title", "Subtitle")},
}


@pytest.mark.parametrize("spacing", SPACINGS.values(), ids=SPACINGS.keys())
def test_a_style_spaced_north_central_plan_reads_its_whole_title_and_v2(spacing):
    parsed = importer.parse("plan.docx", style_spaced(NORTH_CENTRAL, **spacing))
    assert parsed.errors == []
    assert (parsed.title, parsed.version_number) == (NCL_TITLE, 2)
    assert parsed.introduction == "Areas for initial attention:"


@pytest.mark.parametrize("path", [NORTH_CENTRAL, EAST], ids=["North Central London", "East London"])
@pytest.mark.parametrize("spacing", SPACINGS.values(), ids=SPACINGS.keys())
def test_a_style_spaced_plan_reads_field_by_field_as_its_text_file(path, spacing):
    from_text = importer.parse("plan.txt", path.read_bytes())
    from_word = importer.parse("plan.docx", style_spaced(path, **spacing))
    assert (from_word.title, from_word.version_number) == (from_text.title, from_text.version_number)
    assert from_word.introduction == from_text.introduction
    assert from_word.areas == from_text.areas
    assert from_word.forward_items == from_text.forward_items
    assert from_word.counts() == from_text.counts()


def test_imported_a_style_spaced_plan_is_the_plan_its_text_file_is(tmp_path):
    word = tmp_path / "ncl-v2.docx"
    word.write_bytes(style_spaced(NORTH_CENTRAL))
    from_text, from_word = (
        world.import_plan(NORTH_CENTRAL, "North Central London"),
        world.import_plan(word, "North Central London"),
    )
    assert from_word.title == NCL_TITLE
    assert from_word.versions.get().number == 2
    assert content_of(from_word) == content_of(from_text)
    assert from_word.source_digest == from_text.source_digest


def test_a_word_plan_with_one_stray_empty_paragraph_at_its_end_is_still_read_by_its_styles():
    document = Document(io.BytesIO(style_spaced(NORTH_CENTRAL)))
    document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    assert importer.parse("plan.docx", buffer.getvalue()).title == NCL_TITLE
