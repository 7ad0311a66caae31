"""The one check of Office files on its own: its bounds (size, ratio, nesting, names), its speed on a large clean
file, and the property that no change to a clean package makes it do anything but accept or refuse."""

import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from submissions import office, uploads
from tests.fixtures.office_pieces import compound_file, members, noise_png, zipped

OFFICE = Path(__file__).parent.parent / "fixtures" / "office"
CLEAN = {name: (OFFICE / name).read_bytes() for name in ("clean.docx", "clean.xlsx", "clean.pptx", "clean.odt")}
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def refusal(data, **limits):
    with pytest.raises(office.Refused) as refused:
        office.check_package(data, **limits)
    return refused.value.code


def test_a_clean_word_file_is_refused_when_it_unpacks_past_the_callers_limit():
    unpacked = sum(len(part) for part in members(CLEAN["clean.docx"]).values())

    assert office.check_package(CLEAN["clean.docx"], max_unpacked=unpacked) == WORD
    assert refusal(CLEAN["clean.docx"], max_unpacked=unpacked - 1) == "expands"


def test_two_parts_whose_names_differ_only_in_case_are_refused():
    parts = members(CLEAN["clean.docx"])
    data = zipped(parts | {"[content_types].XML": parts["[Content_Types].xml"]})

    assert refusal(data) == "damaged"


def test_a_package_whose_local_header_names_another_part_is_refused():
    data = CLEAN["clean.docx"].replace(b"word/document.xml", b"word/documenX.xml", 1)  # the first: a local header

    assert refusal(data) == "damaged"


def test_a_member_packed_with_another_method_than_office_uses_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members(CLEAN["clean.docx"]).items():
            archive.writestr(name, data, zipfile.ZIP_BZIP2 if name == "word/document.xml" else zipfile.ZIP_DEFLATED)

    assert refusal(out.getvalue()) == "damaged"


def test_a_document_inside_a_document_inside_a_document_is_read_and_one_level_deeper_is_refused():
    def holding(inner):
        return zipped(members(CLEAN["clean.docx"]) | {"word/embeddings/inner.docx": inner})

    assert office.check_package(holding(holding(CLEAN["clean.docx"]))) == WORD
    assert refusal(holding(holding(holding(CLEAN["clean.docx"])))) == "embedded"


def test_a_zip_inside_that_is_no_office_package_is_refused():
    plain = zipped({"readme.txt": b"hello"})

    assert refusal(zipped(members(CLEAN["clean.docx"]) | {"word/embeddings/files.zip": plain})) == "embedded"


def test_an_ole_object_is_refused_whatever_it_is_called_and_holds():
    data = zipped(members(CLEAN["clean.xlsx"]) | {"xl/media/image7.emf": compound_file({"Workbook": b"\x09\x08"})})

    assert refusal(data) == "embedded"


def test_a_hyperlink_to_a_network_folder_is_a_link_and_kept():
    rels = members(CLEAN["clean.docx"])["word/_rels/document.xml.rels"]
    link = b'<Relationship Id="rId99" Type="http://x/hyperlink" Target="\\\\server\\share" TargetMode="External"/>'
    data = zipped(
        members(CLEAN["clean.docx"]) | {"word/_rels/document.xml.rels": rels.replace(b"</Rel", link + b"</Rel")}
    )

    assert office.check_package(data) == WORD


def test_a_zip_that_is_both_kinds_of_package_is_neither():
    data = zipped({"mimetype": b"application/vnd.oasis.opendocument.text"} | members(CLEAN["clean.docx"]))

    assert office.check_package(data) is None


def large_word_file():
    """A 19 MB Word file: 2,000 paragraphs and ten 2 MB photographs (which pack to their own size)."""
    document = docx.Document()
    for number in range(2000):
        document.add_paragraph(f"Paragraph {number}: we met families in their homes and wrote each plan with them.")
    for seed in range(10):
        document.add_picture(io.BytesIO(noise_png(820, 820, seed=seed)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_20_mb_clean_word_file_is_checked_well_under_a_second():
    data = large_word_file()
    assert 18 * 1024 * 1024 < len(data) < 20 * 1024 * 1024

    started = time.perf_counter()
    assert office.check_package(data) == WORD
    assert time.perf_counter() - started < 0.5


# Property: whatever is changed in a clean package, the check accepts or refuses it; it never fails otherwise.

ODD = [b"", b"<!--", b"-->", b"]]>", b"&", b"<!DOCTYPE x>", b'TargetMode="External"', b"macroEnabled", b"PK\x03\x04"]
ODD += [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x00\x00", b"\xff" * 8, b"\\\\host\\x", b'Target="/"', b"\xfe\xff"]


@st.composite
def changed(draw):
    data = draw(st.sampled_from(list(CLEAN.values())))
    how = draw(st.sampled_from(["bytes", "cut", "insert", "part"]))
    if how == "cut":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from(ODD)) + data[at:]
    if how == "bytes":
        changed = bytearray(data)
        for _ in range(draw(st.integers(1, 20))):
            changed[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(changed)
    parts = members(data)
    name = draw(st.sampled_from(sorted(parts)))
    part = parts[name]
    start = draw(st.integers(0, len(part)))
    parts[name] = part[:start] + draw(st.sampled_from(ODD)) + part[start + draw(st.integers(0, 40)) :]
    return zipped(parts)


def test_a_changed_clean_package_is_accepted_or_refused_and_never_fails_otherwise():
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(changed())
    def accepted_or_refused(data):
        try:
            content_type = office.check_package(data)
            assert content_type is None or isinstance(content_type, str)
        except office.Refused as refused:
            assert refused.message
        try:
            uploads.validate_upload(SimpleUploadedFile("file.docx", data))
        except ValidationError as refused:
            assert refused.messages

    accepted_or_refused()
