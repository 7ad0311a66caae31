"""
`make bench`, imports, on the database in DATABASE_URL. Prints one table:

- a 40-paragraph Word proforma with two tables (labels in a table, a table of figures), read: median and
  worst of 30, beside python-docx merely opening the same file in the same run (the ratio is the figure
  to watch on a shared machine); then read and saved as a draft;
- a folder of 100 different Word proformas through `manage.py import_proformas`;
- the corpus (tests/fixtures/proformas): files and fields read exactly as their expectation files say;
- a .doc proforma converted by LibreOffice and read as Word (goal: under 5 s), and a text PDF read, beside the
  Word read above.
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
from django.core.management import call_command
from django.db import connection

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
from submissions import services
from submissions.importers import ProformaFileError, parse_proforma
from submissions.models import Practice
from tests.fixtures.corpus import FIELDS, FIXTURES, documents, expectation, score
from tests.fixtures.proforma_pieces import (
    Answers,
    paragraph,
    person,
    table,
    word_proforma,
)

RUNS = 30
CONVERSIONS = 3  # each starts LibreOffice afresh, about 2 to 3 s
FORMATS = FIXTURES / "formats"


def forty_paragraphs(number):
    """A typical long return: 40 body paragraphs (questions, story and list items), a table of figures and a
    table of contacts; each numbered so that every file is a new import."""
    story = [
        ("paragraph" if n % 3 else "bullet", f"Step {n} of cohort {number}: what we did and why.") for n in range(24)
    ]
    answers = Answers(
        "Islington",
        "London Borough of Islington",
        f"Reflective circles, cohort {number}",
        ["Within your organisation"],
        story,
        [("paragraph", "Re-referrals fell from 24% to 17%.")],
        [("Evaluation", "https://example.org/evaluation.pdf")],
        [person(0), person(1)],
    )
    figures = table(["Year", "Referrals", "Re-referrals"], ["2024", "410", "98"], ["2025", "388", "66"])
    return word_proforma(
        answers,
        layout="inline",
        tick="☒",
        wording=0,
        contact_layout="table",
        extra_blocks=[paragraph("Figures for the two years:"), figures],
    ).bytes()


def timed(action, data):
    started = time.perf_counter()
    action(data)
    return (time.perf_counter() - started) * 1000


def read_and_save(data):
    parsed = parse_proforma(io.BytesIO(data), "proforma.docx")
    services.import_proforma(parsed=parsed, fingerprint=f"bench-{time.time_ns()}", source="bench")


def corpus_score():
    files = documents()
    results = []
    for path in files:
        try:
            results.append(score(parse_proforma(io.BytesIO(path.read_bytes()), path.name), expectation(path)))
        except ProformaFileError:
            results.append(dict.fromkeys(FIELDS, False))
    right = sum(sum(result.values()) for result in results)
    whole = sum(all(result.values()) for result in results)
    by_field = ", ".join(f"{name} {sum(r[name] for r in results)}" for name in FIELDS)
    return f"{whole} of {len(files)} files wholly right; {right} of {len(files) * len(FIELDS)} fields ({by_field})"


def main():
    call_command("migrate", verbosity=0)
    samples = [forty_paragraphs(10_000 + number) for number in range(RUNS)]
    paragraphs = len(docx.Document(io.BytesIO(samples[0])).paragraphs)
    opened = [timed(lambda data: docx.Document(io.BytesIO(data)), data) for data in samples]
    read = [timed(lambda data: parse_proforma(io.BytesIO(data), "proforma.docx"), data) for data in samples]
    saved = [timed(read_and_save, data) for data in samples]
    with tempfile.TemporaryDirectory() as folder:
        for number in range(100):
            Path(folder, f"proforma-{number:03}.docx").write_bytes(forty_paragraphs(number))
        before = Practice.objects.count()
        started = time.perf_counter()
        call_command("import_proformas", folder, stdout=open(os.devnull, "w"))
        folder_seconds = time.perf_counter() - started
        imported = Practice.objects.count() - before
    median = statistics.median(read)
    print(f"\nImport benchmark: {connection.vendor}\n")
    print(f"  a Word proforma of {paragraphs} body paragraphs and two tables (median of {RUNS}):")
    print(f"    python-docx opening it:  median {statistics.median(opened):.0f} ms")
    print(
        f"    read into the proforma:  median {median:.0f} ms, worst {max(read):.0f} ms "
        f"({median / statistics.median(opened):.1f}× opening it)"
    )
    print(f"    read and saved as draft: median {statistics.median(saved):.0f} ms, worst {max(saved):.0f} ms")
    print(f"  a folder of 100 such proformas: {folder_seconds:.1f} s ({imported} imported)")
    print(f"  the corpus: {corpus_score()}")
    converted = other_formats(median)
    return 0 if imported == 100 and median < 200 and converted < 5000 else 1


def other_formats(word_median):
    """Print a .doc's conversion and read, and a text PDF's read, beside the Word read; the .doc's median in ms."""
    doc, pdf = (FORMATS / "islington-sample.doc").read_bytes(), (FORMATS / "islington-sample.pdf").read_bytes()
    converted = [timed(lambda data: parse_proforma(io.BytesIO(data), "proforma.doc"), doc) for _ in range(CONVERSIONS)]
    printed = [timed(lambda data: parse_proforma(io.BytesIO(data), "proforma.pdf"), pdf) for _ in range(RUNS)]
    median, pdf_median = statistics.median(converted), statistics.median(printed)
    print(f"  a .doc proforma, converted by LibreOffice and read (median of {CONVERSIONS}):")
    print(
        f"    median {median / 1000:.1f} s, worst {max(converted) / 1000:.1f} s "
        f"({median / word_median:.0f}× a Word read)"
    )
    print(
        f"  a text PDF proforma read (median of {RUNS}): median {pdf_median:.0f} ms "
        f"({pdf_median / word_median:.1f}× a Word read)"
    )
    return median


if __name__ == "__main__":
    sys.exit(main())
