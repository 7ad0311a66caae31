"""`manage.py import_proformas`: what it says for each file, its last line, and its exit status."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import engine
from submissions.models import Practice, Resource
from tests.fixtures.corpus import CORPUS, GARBAGE, documents, expectation
from tests.submissions.test_importers import FIXTURES

pytestmark = pytest.mark.django_db


def copy(folder, *names, source=FIXTURES):
    for name in names:
        (folder / name).write_bytes((source / name).read_bytes())


def test_the_command_imports_a_folder_once_and_says_what_it_found(tmp_path, capsys):
    copy(tmp_path, "islington-sample.docx", "hackney.txt", "redbridge.txt")

    call_command("import_proformas", str(tmp_path))
    call_command("import_proformas", str(tmp_path / "islington-sample.docx"))

    lines = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith(f"{tmp_path}/islington-sample.docx: imported: entry")
        and "Islington, ‘Reflective Race and Identity Circles’, 3 categories, 1 contacts, 2 links" in line
        for line in lines
    )
    assert any("hackney.txt: imported" in line and "No sharing category was marked" in line for line in lines)
    assert lines[3] == "3 imported, 0 refused, 0 not imported."
    assert "islington-sample.docx: already imported: entry" in lines[4]
    assert lines[-1] == "0 imported, 1 already imported, 0 refused, 0 not imported."
    assert Practice.objects.count() == 3
    assert set(Practice.objects.values_list("status", flat=True)) == {Practice.Status.DRAFT}


def test_a_dry_run_saves_nothing_and_publish_makes_them_searchable(capsys):
    call_command("import_proformas", str(FIXTURES / "redbridge.txt"), "--dry-run")
    assert not Practice.objects.exists()
    out = capsys.readouterr().out
    assert "redbridge.txt: would import: Redbridge, ‘Various’" in out
    assert out.splitlines()[-1] == "0 imported, 1 would import, 0 refused, 0 not imported."

    call_command("import_proformas", str(FIXTURES / "islington-sample.docx"), "--publish")
    assert [hit.title for hit in engine.run("reflective circles").hits] == ["Reflective Race and Identity Circles"]


def test_a_refused_file_is_reported_the_others_imported_and_the_command_fails(tmp_path, capsys):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    copy(tmp_path, "hackney.txt")

    with pytest.raises(CommandError, match=r"^1 imported, 1 refused, 0 not imported\.$") as failed:
        call_command("import_proformas", str(tmp_path))

    out = capsys.readouterr().out
    assert "broken.docx: refused: The selected file is damaged" in out
    assert "hackney.txt: imported" in out
    assert failed.value.returncode == 1


def test_a_proforma_from_no_authority_we_know_is_not_imported_and_the_command_fails(capsys):
    with pytest.raises(CommandError, match=r"^0 imported, 0 refused, 1 not imported\.$"):
        call_command("import_proformas", str(CORPUS / "unknown-authority.docx"))

    assert "not imported: no London local authority we know; Borsetshire" in capsys.readouterr().out
    assert not Practice.objects.exists()


def test_a_file_named_on_the_command_line_is_refused_whatever_its_suffix(tmp_path, capsys):
    (tmp_path / "notes.pdf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01")

    with pytest.raises(CommandError, match="0 imported, 2 refused"):
        call_command("import_proformas", str(tmp_path / "notes.pdf"), str(tmp_path / "missing.docx"))

    out = capsys.readouterr().out
    assert "notes.pdf: refused: The selected file is named as a .pdf file, but it is not one" in out  # a picture
    assert "missing.docx: refused: the file cannot be read" in out


@pytest.mark.parametrize("path", documents(GARBAGE), ids=lambda path: path.name)
def test_every_file_in_the_garbage_corpus_is_refused_and_nothing_saved(path, capsys):
    with pytest.raises(CommandError, match="0 imported, 1 refused"):
        call_command("import_proformas", str(path), "--publish")

    refusal = next(line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{path}: "))
    assert refusal.startswith(f"{path}: refused: ")
    assert expectation(path)["refused"] in refusal
    assert not Practice.objects.exists()


def test_only_web_links_are_stored_from_a_published_import(capsys):
    call_command("import_proformas", str(CORPUS / "field-codes-and-unsafe-links.docx"), "--publish")

    assert sorted(Resource.objects.values_list("url", flat=True)) == [
        "https://example.org/plan",
        "https://example.org/review",
        "https://example.org/slides",
    ]
    out = capsys.readouterr().out
    assert "We left out the link ‘javascript:alert(1)’" in out and "‘file:///c:/x.doc’" in out


def test_a_proforma_longer_than_the_form_allows_is_not_imported_and_nothing_is_cut(tmp_path, capsys):
    story = "Circles met every month and talked about race. " * 400  # 18,800 characters
    (tmp_path / "long.txt").write_text(f"LA Name: Camden\nProject name: Circles\n{story}\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"^0 imported, 0 refused, 1 not imported\.$"):
        call_command("import_proformas", str(tmp_path / "long.txt"))

    assert "not imported: The description in the file is 18,799 characters, longer than the 15,000" in (
        capsys.readouterr().out
    )
    assert not Practice.objects.exists()
