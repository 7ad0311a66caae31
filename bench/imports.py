"""
`make bench`, imports: one typical Word proforma parsed and saved (median of 20), and a folder
of 100 different Word proformas through `manage.py import_proformas`, on the database in
DATABASE_URL. Prints one table.
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
from submissions.importers import parse_proforma
from submissions.models import Practice

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "islington-sample.docx"


def variant(number):
    """The Word sample with its own title and a paragraph more, so each file is a new import."""
    document = docx.Document(SAMPLE)
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("Name of project or approach"):
            paragraph.text = f"Name of project or approach: Reflective circles, cohort {number}"
    document.add_paragraph(f"Cohort {number} met {number % 12 + 1} times this year.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main():
    call_command("migrate", verbosity=0)
    times = []
    for number in range(20):
        data = variant(10_000 + number)
        started = time.perf_counter()
        parsed = parse_proforma(io.BytesIO(data), "proforma.docx")
        services.import_proforma(parsed=parsed, fingerprint=f"bench-{time.time_ns()}", source="bench")
        times.append((time.perf_counter() - started) * 1000)
    with tempfile.TemporaryDirectory() as folder:
        for number in range(100):
            Path(folder, f"proforma-{number:03}.docx").write_bytes(variant(number))
        before = Practice.objects.count()
        started = time.perf_counter()
        call_command("import_proformas", folder, stdout=open(os.devnull, "w"))
        folder_seconds = time.perf_counter() - started
        imported = Practice.objects.count() - before
    print(f"\nImport benchmark: {connection.vendor}\n")
    print(f"  one Word proforma, parsed and saved: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    print(f"  a folder of 100 Word proformas: {folder_seconds:.1f} s ({imported} imported)")
    return 0 if imported == 100 else 1


if __name__ == "__main__":
    sys.exit(main())
