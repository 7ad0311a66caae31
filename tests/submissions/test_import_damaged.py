"""Property: a damaged Word file (bytes changed, cut short, XML broken) is read or refused, never a crash."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from submissions.importers import ProformaFileError, parse_proforma
from tests.fixtures.corpus import CORPUS

pytestmark = pytest.mark.django_db

SOURCES = [
    (CORPUS / name).read_bytes() for name in ("islington-sample.docx", "merged-cells.docx", "tracked-changes.docx")
]


def with_document_xml(data, change):
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            body = source.read(item)
            archive.writestr(item, change(body) if item.filename == "word/document.xml" else body)
    return out.getvalue()


@st.composite
def damaged(draw):
    data = draw(st.sampled_from(SOURCES))
    how = draw(st.sampled_from(["bytes", "cut", "xml"]))
    if how == "cut":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "bytes":
        changed = bytearray(data)
        for _ in range(draw(st.integers(1, 20))):
            changed[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(changed)
    start = draw(st.integers(0, 20_000))
    length = draw(st.integers(1, 60))
    odd = draw(st.sampled_from([b"", b'w:val="-7"', b'w:char="zz"', b"<w:vMerge/>", b'r:id="rId999"', b"<w:tbl>"]))
    return with_document_xml(data, lambda xml: xml[:start] + odd + xml[start + length :])


def test_a_damaged_word_file_is_read_or_refused_never_a_crash():
    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(damaged())
    def read_or_refused(data):
        try:
            parse_proforma(io.BytesIO(data), "proforma.docx")
        except ProformaFileError as refused:
            assert str(refused)

    read_or_refused()


def test_tables_nested_deeper_than_any_real_document_are_refused():
    nested = "<w:tbl><w:tr><w:tc>" * 300 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 300
    data = with_document_xml(
        (CORPUS / "islington-sample.docx").read_bytes(),
        lambda xml: xml.replace(b"<w:body>", b"<w:body>" + nested.encode(), 1),
    )

    with pytest.raises(ProformaFileError, match="damaged"):
        parse_proforma(io.BytesIO(data), "proforma.docx")
