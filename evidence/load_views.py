"""Loading a file in the browser: upload, read the validation report and preview, then load (all or nothing)."""

import logging
import uuid
from dataclasses import asdict, dataclass, replace

from django.contrib import messages
from django.core import signing
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import FormView

from accounts.access import PublicMixin
from evidence import protection
from evidence.access import AnalystRequiredMixin
from evidence.forms import LoadForm, choices_from, group_choices, stage_choices
from evidence.loading import LoadRefused, Options, check, load_dataset
from evidence.lookups import LEAVE_OUT
from evidence.models import EthnicGroup, Stage
from evidence.overlaps import SHOWN, illustrative_removed, replaced
from evidence.readers import LONG_COLUMNS
from evidence.uploads import PENDING, discard
from reference.models import LocalAuthority
from submissions import unavailable
from submissions.uploads import STORAGE_ERRORS, display_filename

logger = logging.getLogger(__name__)
SALT = "evidence-load"
KEEP_SECONDS = 3600
TOKEN_LENGTH = 60_000  # a preview's token, with the analyst's choices of up to a few hundred labels


class LoadView(AnalystRequiredMixin, FormView):
    template_name = "evidence/load.html"
    form_class = LoadForm
    upload_limit_setting = "PORTAL_EVIDENCE_MAX_UPLOAD_BYTES"  # a dataset's file, not a resource's 20 MB

    def get_context_data(self, **kwargs):
        return super().get_context_data(stages=stage_choices(), **kwargs)

    def form_valid(self, form):
        options = form.options()
        try:
            name = default_storage.save(f"{PENDING}{uuid.uuid4().hex}.csv", form.cleaned_data["file"])
            with default_storage.open(name, "rb") as binary:
                report = check(binary, options)
        except STORAGE_ERRORS:
            logger.exception("Could not keep a dataset's file")
            return self.not_kept(form)
        if not report.can_load and not report.can_choose:
            discard(name)  # nothing can come of it: the analyst uploads a corrected file
        provenance = form.provenance()
        provenance["release_date"] = provenance["release_date"].isoformat() if provenance["release_date"] else None
        return preview(self.request, report, signed(name, options, provenance), provenance)

    def not_kept(self, form):
        """Storage would not take the file: the form again with what was typed, and the file to choose again."""
        upload = form.cleaned_data["file"]
        form.add_error(None, unavailable.FILE_NOT_SAVED)
        form.add_error("file", f"Choose ‘{display_filename(upload.name)}’ again: we could not keep the file just now")
        return unavailable.try_again_later(self.form_invalid(form))


def signed(name, options, provenance):
    """The preview's token: the file, what the analyst said of it (their choices of labels and breakdowns too), and
    where it came from."""
    return signing.dumps({"name": name, "options": asdict(options), "provenance": provenance}, salt=SALT, compress=True)


REPLACE_ERROR = "Choose to replace the figures already loaded, or cancel"


def preview(request, report, token, provenance, errors=(), posted=None):
    """The report and what loading would do; the choices the analyst still has to make (labels not recognised,
    breakdowns), as they made them or (`posted`) as they sent them with errors."""
    chosen = signing.loads(token, salt=SALT)["options"] if token else {}
    return render(
        request,
        "evidence/load_preview.html",
        {
            "report": report,
            "token": token,
            "provenance": provenance,
            "sample": described(report.sample),
            "overlaps": report.overlaps[:SHOWN],
            "more_overlaps": len(report.overlaps) - SHOWN,
            "errors": errors,
            "unknown_labels": label_rows(report, chosen.get("labels", {}), posted, dict(errors)),
            "breakdowns": breakdown_rows(report, posted, dict(errors)),
            "group_choices": group_choices(),
            "leave_out": LEAVE_OUT,
            "all_ages": all_ages(report),
        },
    )


def all_ages(report):
    """Whether the preview asks the analyst to confirm a population of every age as the children's: "asked" while
    they have not, "confirmed" once they have (to undo), else ""."""
    if "all_ages" in report.problems:
        return "asked"
    return "confirmed" if "all_ages_confirmed" in report.problems else ""


@dataclass
class LabelRow:
    """A label in the preview's form: one not recognised, or one the analyst mapped in this load (to change)."""

    index: int
    label: str
    rows: int = 0
    ambiguous: bool = False
    value: str = ""  # the group code (or LEAVE_OUT) chosen
    error: str = ""


def label_rows(report, chosen, posted, errors):
    rows = [LabelRow(0, label, count, label in report.ambiguous) for label, count in report.unknown_labels.items()]
    rows += [
        LabelRow(0, mapping.label, value=chosen.get(mapping.label, "")) for mapping in report.mappings if not mapping.on
    ]
    for index, row in enumerate(rows):
        row.index = index
        if posted is not None:
            row.value = posted.get(f"group-{index}", "")[:60]
        row.error = errors.get(f"group-{index}", "")
    return rows


def breakdown_rows(report, posted, errors):
    rows = []
    for index, breakdown in enumerate(report.breakdowns):
        value = posted.get(f"value-{index}", "")[:200] if posted is not None else breakdown.choice
        error = errors.get(f"value-{index}", "")
        rows.append({"index": index, "breakdown": breakdown, "value": value, "error": error})
    return rows


def described(rows):
    """The sample rows with names instead of ids, as the preview shows them."""
    authorities = dict(LocalAuthority.objects.values_list("pk", "name"))
    groups = dict(EthnicGroup.objects.values_list("pk", "short_name"))
    stages = {stage.pk: str(stage) for stage in Stage.objects.select_related("measure")}
    return [
        {
            "line": row.line,
            "stage": stages.get(row.stage_id),
            "period": row.period,
            "area": "London" if row.london else authorities.get(row.la_id, "England"),
            "group": groups.get(row.group_id, "All ethnic groups"),
            "count": row.count if row.count is not None else row.symbol,
            "denominator": row.denominator,
        }
        for row in rows
    ]


def pending_upload(request):
    """What the signed token of a preview says (file, options, provenance), if its file still waits to be loaded;
    else None, with a message saying why."""
    try:
        pending = signing.loads(request.POST.get("token", "")[:TOKEN_LENGTH], salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:
        messages.error(request, "That preview has expired or is not valid: upload the file again.")
        return None
    if not pending["name"].startswith(PENDING) or not default_storage.exists(pending["name"]):
        messages.error(request, "That file has already been loaded or has expired: upload it again.")
        return None
    return pending


class LoadConfirmView(AnalystRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        pending = pending_upload(request)
        if pending is None:
            return redirect("evidence:load")
        name = pending["name"]
        replace = request.POST.get("replace") == "yes"
        try:
            with default_storage.open(name, "rb") as binary:
                dataset = load_dataset(
                    binary,
                    Options(**pending["options"]),
                    provenance=pending["provenance"],
                    by=request.user,
                    replace=replace,
                )
        except LoadRefused as refused:
            if refused.needs_replace:  # the file is kept: the analyst chooses to replace, or cancels
                errors = [("replace", REPLACE_ERROR)]
                return preview(request, refused.report, request.POST["token"], pending["provenance"], errors)
            if not refused.report.can_choose:
                discard(name)
            return preview(request, refused.report, request.POST["token"], pending["provenance"])
        discard(name)
        messages.success(request, loaded_message(dataset))
        return redirect(reverse("evidence:datasets"))


def loaded_message(dataset):
    """What the analyst reads after a load: the rows, the figures already loaded that they replaced, the labels they
    mapped (remembered for the publisher), and whether the pages show the new figures yet."""
    message = f"Loaded {dataset.row_count:,} row{'' if dataset.row_count == 1 else 's'} as “{dataset.title}”."
    removed = illustrative_removed(dataset.illustrative_removed)
    labels = "; ".join(str(mapping) for mapping in dataset.labels_chosen)
    labels = f"Remembered for {dataset.publisher}: {labels}." if labels else ""
    parts = (message, replaced(dataset.replaced), removed, labels, tables_built(dataset))
    return " ".join(part for part in parts if part)


BUILD_SECONDS = 10  # building the touched measures' tables starts no new one after this: the job builds the rest


def tables_built(dataset):
    """Build the protected tables of the measures the load touched, now that it is committed, so no visitor waits
    for them; a big load's last ones are left to the job run_scheduled runs every five minutes."""
    _, left = protection.build_all(dataset.measures.all(), seconds=BUILD_SECONDS)
    if not left:
        return "The evidence pages show its figures now."
    names = ", ".join(measure.name for measure in left)
    return f"The pages will show its figures for {names} within five minutes: until then, the figures before."


class LoadChoicesView(AnalystRequiredMixin, View):
    """The analyst says what each label not recognised is (or leaves it out) and which rows of each breakdown load:
    the file is checked again with those choices, nothing saved, and a new preview shows what loading would do."""

    http_method_names = ["post"]

    def post(self, request):
        pending = pending_upload(request)
        if pending is None:
            return redirect("evidence:load")
        name = pending["name"]
        options = Options(**pending["options"])
        labels, breakdowns, errors = choices_from(request.POST)
        if not errors:
            confirmed = request.POST.get("confirm_all_ages") == "yes"
            options = replace(options, labels=labels, breakdowns=breakdowns, confirm_all_ages=confirmed)
        with default_storage.open(name, "rb") as binary:
            report = check(binary, options)
        token = signed(name, options, pending["provenance"])
        return preview(request, report, token, pending["provenance"], errors, request.POST if errors else None)


class LoadCancelView(AnalystRequiredMixin, View):
    """The analyst changed their mind at the preview: the uploaded file goes, nothing is loaded."""

    http_method_names = ["post"]

    def post(self, request):
        pending = pending_upload(request)
        if pending is not None:
            discard(pending["name"])
            messages.success(request, "Nothing was loaded, and the file you uploaded has been removed.")
        return redirect("evidence:load")


class LongTemplateView(PublicMixin, View):
    """The long CSV's header and two example rows, for analysts to fill in."""

    def get(self, request):
        rows = [
            ",".join(LONG_COLUMNS),
            "E09000012,2023/24,youth-justice,arrest,black-caribbean,41,",
            "E09000012,2023/24,youth-justice,arrest,White - White British,c,",
        ]
        response = HttpResponse("\n".join(rows) + "\n", content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="evidence-long-template.csv"'
        return response
