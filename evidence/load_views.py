"""Loading a file in the browser: upload, read the validation report and preview, then load (all or nothing)."""

import logging
import uuid
from dataclasses import asdict

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
from evidence.forms import LoadForm, stage_choices
from evidence.loading import LoadRefused, Options, check, load_dataset
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


class LoadView(AnalystRequiredMixin, FormView):
    template_name = "evidence/load.html"
    form_class = LoadForm

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
        if not report.can_load:  # nothing can come of it: the analyst uploads a corrected file
            discard(name)
        provenance = form.provenance()
        provenance["release_date"] = provenance["release_date"].isoformat() if provenance["release_date"] else None
        token = signing.dumps({"name": name, "options": asdict(options), "provenance": provenance}, salt=SALT)
        return preview(self.request, report, token, provenance)

    def not_kept(self, form):
        """Storage would not take the file: the form again with what was typed, and the file to choose again."""
        upload = form.cleaned_data["file"]
        form.add_error(None, unavailable.FILE_NOT_SAVED)
        form.add_error("file", f"Choose ‘{display_filename(upload.name)}’ again: we could not keep the file just now")
        return unavailable.try_again_later(self.form_invalid(form))


REPLACE_ERROR = "Choose to replace the figures already loaded, or cancel"


def preview(request, report, token, provenance, errors=()):
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
        },
    )


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
            "area": authorities.get(row.la_id, "England"),
            "group": groups.get(row.group_id, "All ethnic groups"),
            "count": row.count if row.count is not None else row.symbol,
            "denominator": row.denominator,
        }
        for row in rows
    ]


def pending_upload(request):
    """What the signed token of a preview says (file, options, provenance), or None if it is forged or expired."""
    try:
        return signing.loads(request.POST.get("token", "")[:5000], salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:
        messages.error(request, "That preview has expired or is not valid: upload the file again.")
        return None


class LoadConfirmView(AnalystRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        pending = pending_upload(request)
        if pending is None:
            return redirect("evidence:load")
        name = pending["name"]
        if not name.startswith(PENDING) or not default_storage.exists(name):
            messages.error(request, "That file has already been loaded or has expired: upload it again.")
            return redirect("evidence:load")
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
            discard(name)
            return preview(request, refused.report, request.POST["token"], pending["provenance"])
        discard(name)
        messages.success(request, loaded_message(dataset))
        return redirect(reverse("evidence:datasets"))


def loaded_message(dataset):
    """What the analyst reads after a load: the rows, the figures already loaded that they replaced, and whether the
    pages show the new figures yet."""
    message = f"Loaded {dataset.row_count:,} row{'' if dataset.row_count == 1 else 's'} as “{dataset.title}”."
    removed = illustrative_removed(dataset.illustrative_removed)
    return " ".join(part for part in (message, replaced(dataset.replaced), removed, tables_built(dataset)) if part)


BUILD_SECONDS = 10  # building the touched measures' tables starts no new one after this: the job builds the rest


def tables_built(dataset):
    """Build the protected tables of the measures the load touched, now that it is committed, so no visitor waits
    for them; a big load's last ones are left to the job run_scheduled runs every five minutes."""
    _, left = protection.build_all(dataset.measures.all(), seconds=BUILD_SECONDS)
    if not left:
        return "The evidence pages show its figures now."
    names = ", ".join(measure.name for measure in left)
    return f"The pages will show its figures for {names} within five minutes: until then, the figures before."


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
