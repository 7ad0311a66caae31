"""Every proforma in the corpus (tests/fixtures/proformas, made by make_proformas.py) and every blind batch
(tests/fixtures/blind/, written by testers who had not seen the importer) read field by field."""

from functools import cache

import pytest

from submissions.importers import ProformaFileError, parse_proforma
from tests.fixtures.corpus import (
    FIELDS,
    blind_documents,
    documents,
    expectation,
    expected_fields,
    fields_of,
    first_project,
)

pytestmark = pytest.mark.django_db


def test_the_corpus_covers_at_least_25_proformas_each_with_its_expectation():
    files = documents()

    assert len(files) >= 25
    assert {"islington-sample.docx", "hackney.txt", "redbridge.txt"} <= {path.name for path in files}
    for path in files:
        assert expectation(path)  # raises, naming the file, where the JSON beside it is missing


def test_a_proforma_without_an_expectation_file_fails_loudly(tmp_path):
    (tmp_path / "stray.docx").write_bytes(b"PK")

    with pytest.raises(AssertionError, match="stray.docx has no expectation file"):
        expectation(documents(tmp_path)[0])


@pytest.mark.parametrize("path", documents(), ids=lambda path: path.name)
@pytest.mark.parametrize("field", FIELDS)
def test_every_field_of_every_proforma(path, field):
    assert read(path)[field] == expected_fields(expectation(path))[field]


@cache
def read(path):
    """Each file read once for its seven fields' tests (reference data is the same in every test)."""
    with path.open("rb") as file:
        return fields_of(parse_proforma(file, path.name))


@pytest.mark.parametrize("path", [p for p in documents() if "warnings" in expectation(p)], ids=lambda path: path.name)
def test_what_a_person_must_check_is_said(path):
    with path.open("rb") as file:
        parsed = parse_proforma(file, path.name)

    for field, words in expectation(path)["warnings"].items():
        assert any(words in message for message in parsed.warnings.get(field, [])), parsed.warnings


def test_every_blind_batch_is_in_the_corpus_test():
    assert {path.parent.name for path in blind_documents()} >= {"batch1", "batch2", "walk"}
    assert len(blind_documents()) >= 21


@pytest.mark.parametrize("path", blind_documents(), ids=lambda path: f"{path.parent.name}/{path.name}")
@pytest.mark.parametrize("field", FIELDS)
def test_every_field_of_every_blind_return(path, field):
    expected = first_project(expectation(path))
    if "refused" in expected:  # a scan: refused, saying why, so it has no fields
        with path.open("rb") as file, pytest.raises(ProformaFileError, match=expected["refused"]):
            parse_proforma(file, path.name)
        return
    assert read(path)[field] == expected_fields(expected)[field]


@pytest.mark.parametrize(
    "path", [p for p in blind_documents() if isinstance(expectation(p), list)], ids=lambda path: path.name
)
def test_a_return_of_several_projects_is_read_as_its_first_naming_the_others(path):
    with path.open("rb") as file:
        parsed = parse_proforma(file, path.name)

    for project in expectation(path)[1:]:
        assert any(project["title"] in message for message in parsed.warnings.get("title", [])), parsed.warnings
