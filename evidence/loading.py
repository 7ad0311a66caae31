"""
Checking and loading a file: `check` reads it and reports, saving nothing; `load_dataset`
loads every row or none (one transaction, rolled back if the file has any problem), in batches,
reading the file as it goes rather than holding it in memory.
"""

import codecs
import csv
import io
import itertools
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from evidence import consequences, overlaps, readers
from evidence.lookups import Lookups, publisher_key
from evidence.models import Dataset, EthnicGroupLabel, Measure, Observation, RatesOf, Stage
from evidence.report import Report

BATCH = 5000
CHILDREN = "population/children"
PUBLISHERS = {"dfe": "dfe", "census": "census", "yjb": "yjb", "long": "any", "demo": "any"}
COUNTED = ("dfe", "yjb")  # formats whose columns the analyst names: which count column counts which stage


@dataclass
class Options:
    """What the analyst said about the file: its format and, for the DfE's, which indicator counts which stage."""

    source: str
    indicators: dict = field(default_factory=dict)  # DfE: indicator column -> "measure/stage"
    denominator: str = ""  # DfE: the indicator column holding each row's denominator, if any
    stage: str = "population/children"  # Census: which population stage the file counts
    rates_of: str = ""  # what its rates are of (models.RatesOf); "" decides from the file (`rates_of`)
    publisher: str = ""  # who published it: the analysts' label choices for this publisher apply (lookups)
    labels: dict = field(default_factory=dict)  # label not recognised -> group code, or lookups.LEAVE_OUT
    breakdowns: dict = field(default_factory=dict)  # DfE: breakdown column -> the value whose rows load
    confirm_all_ages: bool = False  # Census: TS021's residents of every age loaded as the children's population

    def lookups(self):
        return Lookups(PUBLISHERS[self.source], self.labels, publisher_key(self.source, self.publisher))


class LoadRefused(Exception):
    """Nothing was loaded: the file has problems, or figures already loaded for its slices were not to be replaced."""

    def __init__(self, report):
        super().__init__("Nothing was loaded.")
        self.report = report

    @property
    def needs_replace(self):
        return self.report.can_load and bool(self.report.overlaps)


def stage_ids():
    return {(measure, slug): pk for measure, slug, pk in Stage.objects.values_list("measure__slug", "slug", "pk")}


class NotText(Exception):
    """A NUL byte or bytes that are not text in an encoding the portal reads: a spreadsheet, an image."""


NOT_TEXT = "It is not text in UTF-8, UTF-16 or Windows-1252: in Excel, save it as “CSV UTF-8 (comma delimited)”."
CHUNK = 1 << 16


def encoding_of(binary):
    """UTF-16 (with its byte order mark), UTF-8 (with or without one), else Windows-1252, which Excel's plain "CSV"
    saves in; None for a NUL byte anywhere (not text: nothing of it is read). Read through once, a chunk at a time."""
    binary.seek(0)
    if binary.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    binary.seek(0)
    decoder, utf8 = codecs.getincrementaldecoder("utf-8")(), True
    for chunk in itertools.chain(iter(lambda: binary.read(CHUNK), b""), [None]):  # None: the end of the file
        if chunk and b"\x00" in chunk:
            return None
        utf8 = utf8 and utf8_decodes(decoder, chunk)
    return "utf-8-sig" if utf8 else "cp1252"


def utf8_decodes(decoder, chunk):
    try:
        decoder.decode(chunk or b"", final=chunk is None)
    except UnicodeDecodeError:
        return False
    return True


def lines_of(binary):
    """Text lines of an uploaded or opened binary file, decoded as it is read (a BOM is dropped); NotText
    at the first line that is not text, so none of it is echoed back."""
    encoding = encoding_of(binary)
    if encoding is None:
        raise NotText
    binary.seek(0)
    if encoding == "utf-16":  # a newline's byte can be half of another character: split after decoding
        lines = codecs.getreader(encoding)(binary, errors="replace")
    else:
        lines = codecs.iterdecode(binary, encoding, errors="replace")
    for line in lines:
        if "\x00" in line or "\ufffd" in line:
            raise NotText
        yield line


def items(binary, options, lookups):
    """Rows and Problems of the file, one at a time (and, for a DfE file, its breakdowns at the end)."""
    rows = csv.reader(lines_of(binary))
    stages = stage_ids()
    try:
        if options.source in COUNTED:
            indicators = {
                column.lower(): stages.get(tuple(target.split("/", 1))) for column, target in options.indicators.items()
            }
            unknown = [target for column, target in options.indicators.items() if indicators[column.lower()] is None]
            if unknown:
                raise readers.WrongHeader(f"These are not a measure/stage the portal knows: {', '.join(unknown)}.")
            if not indicators:
                raise readers.WrongHeader(readers.no_indicators(rows))
            if options.source == "yjb":
                yield from readers.read_yjb(rows, lookups, indicators, options.breakdowns)
            else:
                denominator = options.denominator.lower() or None
                yield from readers.read_dfe(rows, lookups, indicators, denominator, options.breakdowns)
        elif options.source == "census":
            stage_id = stages.get(tuple(options.stage.split("/", 1)))
            if stage_id is None:
                accepted = " or ".join(f"{measure}/{slug}" for measure, slug in stages if measure == "population")
                raise readers.WrongHeader(f"There is no population stage ‘{options.stage[:60]}’: choose {accepted}.")
            children = options.stage == CHILDREN
            yield from readers.read_census(rows, lookups, stage_id, children, options.confirm_all_ages)
        else:
            yield from readers.read_long(rows, lookups, stages)
    except (readers.WrongHeader, csv.Error) as error:
        yield readers.Problem(1, "wrong_header", str(error))
    except NotText:
        yield readers.Problem(0, "not_text", NOT_TEXT)


def rates_of(options, report):
    """What the dataset's rates will be of, as the analyst chose, else as the file gives: a DfE file's denominator
    column named, or a long file's denominator on every row, is the file's; otherwise the population loaded. Recorded
    on the dataset: a view never chooses a denominator by what else is in it (docs/decisions/0011)."""
    if options.rates_of in RatesOf.values:
        return options.rates_of
    if options.source == "census":  # a population: the other measures' denominator, with no rate of its own
        return ""
    if options.source in COUNTED:
        return RatesOf.FILE if options.source == "dfe" and options.denominator else RatesOf.POPULATION
    return RatesOf.FILE if report.rows and report.with_denominator == report.rows else RatesOf.POPULATION


def check(binary, options):
    """The validation report of the file, with what loading it would do to the pages; nothing is saved."""
    report = Report.for_groups()
    lookups = options.lookups()
    for item in items(binary, options, lookups):
        report.note(item)
    report.finish(rates_of(options, report))
    report.mappings = lookups.used_mappings()
    report.overlaps = overlaps.existing(report.slices, real=True)
    report.illustrative = overlaps.illustrative(report.stage_ids)
    if report.can_load:
        consequences.foresee(report)
    return report


@transaction.atomic
def load_dataset(binary, options, *, provenance, by=None, replace=False, illustrative=False):
    """Every row of the file as one Dataset, or LoadRefused with the report and nothing saved: when the file has
    problems, or figures are already loaded for a stage, area and period it has and `replace` was not chosen (with
    it, those figures are deleted: `dataset.replaced` lists them). Real figures for a measure remove its
    illustrative ones, whatever `replace` says (`dataset.illustrative_removed` lists them); `illustrative` figures
    (the demo's) remove nothing and never replace.

    One pass: rows are inserted as they are read, in batches, and the transaction is rolled back
    if the file turns out to have a problem, so memory stays flat and nothing half-loaded remains."""
    dataset = Dataset.objects.create(
        source=Dataset.Source.DEMO if illustrative else options.source,
        is_illustrative=illustrative,
        denominator_column=options.denominator[:100] if options.source == "dfe" else "",
        loaded_by=by,
        loaded_at=timezone.now(),
        **provenance,
    )
    report = Report.for_groups()
    lookups = options.lookups()
    batch = []
    for item in items(binary, options, lookups):
        report.note(item)
        if isinstance(item, readers.Row) and report.can_load:
            batch.append(item)
            if len(batch) >= BATCH:
                insert(dataset, batch)
                batch = []
    dataset.rates_of = rates_of(options, report)
    report.finish(dataset.rates_of)
    if not report.can_load:
        raise LoadRefused(report)
    report.overlaps = overlaps.existing(report.slices, besides=dataset.pk, real=not illustrative)
    if report.overlaps and (illustrative or not replace):
        raise LoadRefused(report)
    insert(dataset, batch)
    if report.overlaps:
        overlaps.replace(report.slices, dataset)
    dataset.replaced = report.overlaps
    dataset.labels_chosen = remember(lookups.used_mappings(), options, by)
    dataset.illustrative_removed = [] if illustrative else overlaps.remove_illustrative(report.stage_ids, dataset)
    dataset.all_ages = "all_ages_confirmed" in report.problems
    Dataset.objects.filter(pk=dataset.pk).update(
        row_count=report.rows, rates_of=dataset.rates_of, all_ages=dataset.all_ages
    )
    dataset.row_count = report.rows
    dataset.measures.set(Measure.objects.filter(stages__in=report.stage_ids).distinct())
    return dataset


def remember(mappings, options, by):
    """The labels the analyst chose in this load, kept for the publisher with who chose them and when, so their
    files map them so from then on (and the preview says so); those remembered already are left as they are."""
    chosen = [mapping for mapping in mappings if mapping.on is None]
    publisher, now = publisher_key(options.source, options.publisher), timezone.now()
    for mapping in chosen:
        EthnicGroupLabel.objects.update_or_create(
            publisher=publisher,
            label=mapping.label,
            defaults={"group_id": mapping.group_id, "added_by": by, "added_at": now},
        )
    return chosen


COLUMNS = [
    "dataset_id",
    "stage_id",
    "period",
    "year",
    "local_authority_id",
    "ethnic_group_id",
    "count",
    "symbol",
    "denominator",
    "london",
]
ROWS_PER_STATEMENT = 500  # 4,500 parameters: within SQLite's and PostgreSQL's limits


def insert(dataset, rows):
    """Rows as observations: COPY on PostgreSQL, many rows to a statement on SQLite (the ORM's bulk_create
    costs more than reading the file)."""
    values = [
        (
            dataset.pk,
            row.stage_id,
            row.period,
            row.year,
            row.la_id,
            row.group_id,
            row.count,
            row.symbol,
            row.denominator,
            row.london,
        )
        for row in rows
    ]
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(column) for column in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            csv.writer(buffer).writerows(["" if value is None else value for value in row] for row in values)
            buffer.seek(0)
            symbol = connection.ops.quote_name("symbol")  # an empty symbol is "", not NULL
            cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({symbol}))", buffer
            )
            return
        for start in range(0, len(values), ROWS_PER_STATEMENT):
            chunk = values[start : start + ROWS_PER_STATEMENT]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(COLUMNS)) + ")"] * len(chunk))
            params = [value for row in chunk for value in row]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {placeholders}", params)
