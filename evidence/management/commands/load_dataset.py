"""manage.py load_dataset FILE --source dfe|yjb|census|long: check a file and load it, all or nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from evidence.loading import LoadRefused, Options, check, load_dataset
from evidence.lookups import LEAVE_OUT, normalised
from evidence.models import EthnicGroup
from evidence.overlaps import SHOWN, illustrative_removed, replaced

User = get_user_model()


class Command(BaseCommand):
    help = "Check a disparity data file and load it (all rows or none). --check-only shows the report alone."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--source", required=True, choices=["dfe", "yjb", "census", "long"])
        parser.add_argument(
            "--indicator",
            action="append",
            default=[],
            metavar="COLUMN=MEASURE/STAGE",
            help="DfE and YJB files: which indicator column counts which stage, e.g. "
            "perm_excl=exclusions/permanent-exclusion",
        )
        parser.add_argument("--denominator", default="", help="DfE files: the column of each row's denominator")
        parser.add_argument("--stage", default="population/children", help="Census files: the population stage")
        parser.add_argument(
            "--rates-of",
            choices=["file", "population"],
            default="",
            help="what its rates are of: each row's own denominator from the file, or the group's population loaded "
            "(default: the file's where --denominator is given or a long file gives one on every row)",
        )
        parser.add_argument("--title", help="the dataset's title (default: the file's name)")
        parser.add_argument("--publisher", default="", help="who published the figures, as pages name them (needed)")
        parser.add_argument(
            "--by",
            default="",
            metavar="EMAIL",
            help="the analyst (or admin) loading it: the email of their portal account, recorded as who loaded it "
            "(needed unless --check-only)",
        )
        parser.add_argument("--url", default="")
        parser.add_argument("--licence", default="", help="as the publisher states it (left blank: 'not stated')")
        parser.add_argument("--release-date", type=datetime.date.fromisoformat)
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="LABEL=GROUP",
            help="an ethnic group label the portal does not recognise, and which of the 19 detailed or 5 high-level "
            "groups it is (its name or code), e.g. --map 'Black Carribean=Black Caribbean'; remembered for the "
            "publisher once loaded",
        )
        parser.add_argument(
            "--leave-out",
            action="append",
            default=[],
            metavar="LABEL",
            help="an ethnic group label whose rows are left out deliberately (e.g. Unclassified); remembered too",
        )
        parser.add_argument(
            "--breakdown",
            action="append",
            default=[],
            metavar="COLUMN=VALUE",
            help="DfE and YJB files: the value of a column breaking the figures down further whose rows load "
            "(default: its Total; for a *_group column, its ethnicity rows), e.g. --breakdown school_type=Total",
        )
        parser.add_argument(
            "--confirm-all-ages",
            action="store_true",
            help="Census files: load TS021's all usual residents, of every age, as the children's population; rates "
            "are then per 1,000 residents of all ages, not per 1,000 children, and pages say so",
        )
        parser.add_argument("--check-only", action="store_true")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the figures already loaded for the stages, areas and periods the file has (listed by "
            "--check-only) and load the file's instead; without it such a file is refused",
        )

    def handle(self, *args, file, source, indicator, **options):
        pairs = [item.partition("=") for item in indicator]
        if any(not column or not target for column, _, target in pairs):
            raise CommandError("Give each --indicator as COLUMN=MEASURE/STAGE.")
        by = None if options["check_only"] else loader(options["by"], options["publisher"])
        settings = Options(
            source=source,
            indicators={column: target for column, _, target in pairs},
            denominator=options["denominator"],
            stage=options["stage"],
            rates_of=options["rates_of"],
            publisher=options["publisher"],
            labels=label_choices(options["map"], options["leave_out"]),
            breakdowns=breakdown_choices(options["breakdown"]),
            confirm_all_ages=options["confirm_all_ages"],
        )
        try:
            binary = open(file, "rb")  # noqa: SIM115 (closed below, after both passes)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        with binary:
            if options["check_only"]:
                report = check(binary, settings)
                self.show(report)
                if not report.can_load:  # exit status 1, so a script sees it
                    raise CommandError("Nothing was loaded: the file has the problems above.")
                return
            provenance = {
                "title": options["title"] or file.rsplit("/", 1)[-1],
                "publisher": options["publisher"].strip()[:200],
                "url": options["url"],
                "licence": options["licence"],
                "release_date": options["release_date"],
                "file_name": file.rsplit("/", 1)[-1][:255],
            }
            try:
                dataset = load_dataset(binary, settings, provenance=provenance, by=by, replace=options["replace"])
            except LoadRefused as refused:
                self.show(refused.report)
                if refused.needs_replace:
                    raise CommandError(
                        "Nothing was loaded: figures are already loaded for the stages, areas and periods above. "
                        "Load again with --replace to delete them and load the file's instead."
                    ) from refused
                raise CommandError("Nothing was loaded: the file has the problems above.") from refused
        self.stdout.write(f"Loaded {dataset.row_count} rows as “{dataset.title}” (dataset {dataset.pk}).")
        if dataset.replaced:
            self.stdout.write(replaced(dataset.replaced))
        for mapping in dataset.labels_chosen:
            self.stdout.write(f"Remembered for {options['publisher'].strip()}: {mapping}.")
        if dataset.illustrative_removed:
            self.stdout.write(illustrative_removed(dataset.illustrative_removed))
        call_command("build_evidence_tables", stdout=self.stdout)

    def show(self, report):
        self.stdout.write(report.summary())
        for blocks, description, count, examples in report.listed():
            self.stdout.write(f"{'PROBLEM' if blocks else 'Note'}: {description}: {count:,}")
            for example in examples:
                where = f"line {example.line}" if example.line else "the totals" if example.kind == "totals" else ""
                self.stdout.write(f"  {where}: {example.detail}" if where else f"  {example.detail}")
        self.show_choices(report)
        if report.can_load and report.rates_text:
            self.stdout.write(f"Its rates will be of {report.rates_text}.")
        if report.incomplete:
            self.stdout.write("Sub-regions and London left incomplete (they read “not available: a part is missing”):")
            for gap in report.incomplete:
                self.stdout.write(f"  {gap.in_preview}")
        if report.defaults:
            self.stdout.write("The period each area's pages will open on (its newest with complete figures):")
            for opens in report.defaults:
                self.stdout.write(f"  {opens}")
        if report.can_load and report.illustrative:
            self.stdout.write("Illustrative figures that loading removes (real figures replace all of a measure's):")
            for item in report.illustrative:
                self.stdout.write(f"  {item}")
        if report.overlaps:
            self.stdout.write("Already loaded (loading needs --replace, which deletes them):")
            for overlap in report.overlaps[:SHOWN]:
                self.stdout.write(f"  {overlap}")
            if len(report.overlaps) > SHOWN:
                self.stdout.write(f"  and {len(report.overlaps) - SHOWN:,} more")

    def show_choices(self, report):
        """The labels not recognised, with how to map them; the labels mapped; each breakdown and its value loaded."""
        if report.unknown_labels:
            self.stdout.write(
                "Labels not recognised (give each --map 'LABEL=GROUP', a group's name or code, or --leave-out LABEL):"
            )
            for label, rows in report.unknown_labels.items():
                self.stdout.write(f"  {label} ({rows:,} row{'' if rows == 1 else 's'})")
        for mapping in report.mappings:
            self.stdout.write(f"Label: {mapping}")
        for breakdown in report.breakdowns:
            values = ", ".join(
                f"{value} ({rows:,} row{'' if rows == 1 else 's'})" for value, rows in breakdown.values.items()
            )
            self.stdout.write(f"Breakdown {breakdown.column}: {values}")
            if breakdown.chosen:
                self.stdout.write(f"  loads {breakdown.column}: {breakdown.chosen} (choose another with --breakdown)")
            else:
                self.stdout.write(f"  choose the value to load with --breakdown {breakdown.column}=VALUE")


def label_choices(mapped, left_out):
    """--map and --leave-out as the loader takes them: label -> group code, or LEAVE_OUT."""
    groups = {}
    for code, name, short_name in EthnicGroup.objects.exclude(level=EthnicGroup.Level.COMBINED).values_list(
        "code", "name", "short_name"
    ):
        groups |= {normalised(code): code, normalised(name): code, normalised(short_name): code}
    choices = {}
    for item in mapped:
        label, equals, group = item.rpartition("=")
        if not equals or not label.strip():
            raise CommandError(f"Give each --map as LABEL=GROUP, not ‘{item[:60]}’.")
        if normalised(group) not in groups:
            raise CommandError(f"--map {item[:80]}: ‘{group[:60]}’ is not one of the 19 or 5 groups (name or code).")
        choices[label.strip()] = groups[normalised(group)]
    return choices | {label.strip(): LEAVE_OUT for label in left_out if label.strip()}


def breakdown_choices(items):
    pairs = [item.partition("=") for item in items]
    if any(not column.strip() or not equals or not value.strip() for column, equals, value in pairs):
        raise CommandError("Give each --breakdown as COLUMN=VALUE, for example school_type=Total.")
    return {column.strip(): value.strip() for column, _, value in pairs}


def loader(email, publisher):
    """The active analyst or admin with this email, recorded as loading the file; and a publisher, as the browser
    asks for both."""
    if not publisher.strip():
        raise CommandError("Give the publisher (--publisher), as pages will name it.")
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not user.has_perm("evidence.load_dataset"):
        raise CommandError(f"--by {email}: give the email of an active analyst or admin on the portal.")
    return user
