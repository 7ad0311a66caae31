"""Disparity data for tests, loaded through the real loader from CSV in the real formats."""

import io
from dataclasses import replace
from pathlib import Path

from evidence import protection
from evidence.loading import Options, load_dataset

FIXTURES = Path(__file__).parent / "fixtures"


def built(dataset):
    """The dataset, its measures' protected tables built as after every load (pages never build them)."""
    protection.build_all()
    return dataset


def load_fixture(name, options, **provenance):
    """A fixture loaded as an analyst would; TS021 (census_ts021.csv) as the children's population, confirmed."""
    if name == "census_ts021.csv" and options.stage == "population/children":
        options = replace(options, confirm_all_ages=True)
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
