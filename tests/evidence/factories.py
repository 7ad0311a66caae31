"""Disparity data for tests, loaded through the real loader from CSV in the real formats."""

import io
from pathlib import Path

from evidence import protection
from evidence.loading import Options, load_dataset

FIXTURES = Path(__file__).parent / "fixtures"


def built(dataset):
    """The dataset, its measures' protected tables built as after every load (pages never build them)."""
    protection.build_all()
    return dataset


def load_fixture(name, options, **provenance):
    binary = io.BytesIO((FIXTURES / name).read_bytes())
    return built(load_dataset(binary, options, provenance={"title": name, "publisher": "Test publisher", **provenance}))


def load_csv(text, source="long", **provenance):
    binary = io.BytesIO(text.encode())
    provenance = {"title": "Test", "publisher": "Test", **provenance}
    return built(load_dataset(binary, Options(source=source), provenance=provenance))


def youth_justice_world():
    """Hackney and Redbridge: their population (Census 2021) and youth justice stages for two years."""
    load_fixture("census_ts021.csv", Options(source="census"))
    return load_fixture("long_youth_justice.csv", Options(source="long"))


def analyst(**kwargs):
    from tests.factories import member_of

    return member_of("Analysts", **kwargs)
