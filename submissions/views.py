"""The proforma's pages for borough leads: their entries, the form, check your answers, and the files.
Each view reads the request, asks a queryset or a service, and renders."""

import logging

from django.contrib import messages
from django.db.models import Prefetch
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, ListView

from accounts.access import LeadRequiredMixin, PublicMixin, SignedInMixin
from accounts.roles import lead_authorities
from inputs.error_summary import error_summary
from inputs.numbers import whole_number
from inputs.paging import PageWithinRangeMixin
from submissions import services, unavailable, uploads
from submissions.forms import ProformaUploadForm, ReplyForm, WithdrawForm, calls_open_to
from submissions.importers import ProformaFileError, parse_proforma
from submissions.models import Practice, Resource, Snapshot
from submissions.proforma import Proforma

logger = logging.getLogger(__name__)


class MySubmissionsView(LeadRequiredMixin, PageWithinRangeMixin, ListView):
    template_name = "submissions/my_submissions.html"
    paginate_by = 50  # the most recently changed first: drafts in progress are on the first page

    def get_queryset(self):
        open_revisions = Prefetch(
            "revisions", Practice.objects.filter(status__in=Practice.OPEN_REVISION_STATUSES), to_attr="open_revisions"
        )
        return (
            Practice.objects.of_lead(self.request.user)
            .entries()
            .exclude(status=Practice.Status.WITHDRAWN)
            .select_related("local_authority")
            .prefetch_related(open_revisions)
            .order_by("-updated_at")
        )

    def get_context_data(self, **kwargs):
        withdrawn = (
            Practice.objects.of_lead(self.request.user)
            .entries()
            .filter(status=Practice.Status.WITHDRAWN)
            .select_related("local_authority")
            .order_by("-updated_at")
        )
        return super().get_context_data(
            lead_authorities=lead_authorities(self.request.user), withdrawn=withdrawn, **kwargs
        )


class LeadPracticeMixin(LeadRequiredMixin):
    """One entry of the lead's own local authorities; any other entry is a 404."""

    def get_practice(self):
        return get_object_or_404(Practice.objects.of_lead(self.request.user), pk=self.kwargs["pk"])

    def redirect_unless_editable(self, practice):
        if practice.is_editable:
            return None
        messages.error(
            self.request, f"This entry is {practice.get_status_display().lower()}, so it cannot be changed now."
        )
        return redirect("submission_detail", pk=practice.pk)


class ProformaView(LeadPracticeMixin, View):
    """The proforma, for a new entry or a draft; every button saves what is on the page."""

    template_name = "submissions/practice_form.html"
    next_pages = {
        "continue": lambda practice: reverse("practice_check", args=[practice.pk]),
        "draft": lambda practice: reverse("my_submissions"),
        "add_contact": lambda practice: reverse("practice_edit", args=[practice.pk]) + "#contacts",
        "add_resource": lambda practice: reverse("practice_edit", args=[practice.pk]) + "#resources",
    }

    def get(self, request, pk=None):
        self.practice = self.get_practice() if pk else None
        if locked := self.redirect_if_locked():
            return locked
        if kept := take_kept_answers(request):
            return self.render(Proforma(user=request.user, data=kept, instance=self.practice), restored=True)
        initial = None if pk else self.initial_for_call(request.GET.get("call", ""))
        return self.render(Proforma(user=request.user, instance=self.practice, initial=initial))

    def handle_no_permission(self):
        """Signed out (the session expired) while filling in the proforma: keep the answers for after signing in."""
        if self.request.method == "POST" and not self.request.user.is_authenticated:
            keep_answers(self.request)
        return super().handle_no_permission()

    def initial_for_call(self, call_id):
        """A proforma started from a call's email: tied to the call, with the themes it asks about ticked."""
        calls = calls_open_to(self.request.user)
        call_id = whole_number(call_id)
        call = calls.filter(pk=call_id).first() if call_id else None
        return {"form": {"call": call, "themes": list(call.themes.all())}} if call else None

    def post(self, request, pk=None):
        self.practice = self.get_practice() if pk else None
        if locked := self.redirect_if_locked():
            return locked
        proforma = Proforma(user=request.user, data=request.POST, files=request.FILES, instance=self.practice)
        try:
            if not proforma.is_valid():
                return self.render_invalid(proforma)
            practice = services.save_proforma(
                proforma=proforma, by=request.user, seen_version=self.seen_version(), round_trip=self.is_round_trip()
            )
        except services.StaleEntry as stale:
            return self.render_stale(proforma, stale)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("submission_detail", pk=self.practice.pk)
        except unavailable.UNAVAILABLE as error:
            logger.exception("Could not save a proforma")  # a full disk or storage out of reach: the team must know
            return self.render_not_saved(storage_failed=unavailable.is_storage(error))
        action = request.POST.get("action", "draft")
        if action == "draft":
            messages.success(request, f"Your draft ‘{practice.title}’ was saved.")
        return redirect(self.next_pages.get(action, self.next_pages["draft"])(practice))

    def render_invalid(self, proforma):
        """Errors to put right; valid new files are kept meanwhile (a 503 if storage would not take one)."""
        if proforma.keep_valid_uploads():
            return self.render(proforma, errors=proforma.error_summary())
        message = ("main-content", unavailable.not_saved_message(files=True))
        return unavailable.try_again_later(self.render(proforma, errors=[message, *proforma.error_summary()]))

    def render_not_saved(self, storage_failed):
        """Nothing was saved: the page again from what was sent (the failed save changed the forms' objects), with
        new files kept if the database, not storage, failed; those storage would not take are named."""
        self.practice = self.get_practice() if self.practice else None
        proforma = Proforma(
            user=self.request.user, data=self.request.POST, files=self.request.FILES, instance=self.practice
        )
        proforma.is_valid()
        files = bool(proforma.new_files())
        if storage_failed:
            proforma.choose_files_again()
        else:
            proforma.keep_valid_uploads()
        message = ("main-content", unavailable.not_saved_message(files))
        return unavailable.try_again_later(self.render(proforma, errors=[message, *proforma.error_summary()]))

    def is_round_trip(self):
        """A button that only adds a row to the form, and brings the lead back to it."""
        return self.request.POST.get("action") in {"add_contact", "add_resource"}

    def seen_version(self):
        return whole_number(self.request.POST.get("seen_version", ""))

    def render_stale(self, proforma, stale):
        """Someone else saved the entry first: show this lead's text back, unsaved; saving again keeps it."""
        proforma.keep_valid_uploads()
        data = proforma.form.data
        data["seen_version"] = stale.current_version
        message = (
            "Someone else saved changes to this entry while you were editing it, so yours have not been saved. "
            "Your text is below. Check the entry as it is now (it opens in a new tab), then save again to "
            "replace it with yours."
        )
        return self.render(proforma, errors=[("main-content", message)], stale=True, seen_version=stale.current_version)

    def redirect_if_locked(self):
        return self.redirect_unless_editable(self.practice) if self.practice else None

    def render(
        self, proforma, errors=(), upload_form=None, imported=False, stale=False, seen_version=None, restored=False
    ):
        context = {
            "restored": restored,
            "proforma": proforma,
            "practice": self.practice,
            "stale": stale,
            "seen_version": seen_version
            or proforma.form.data.get("seen_version")
            or getattr(self.practice, "version", ""),
            "errors": errors,
            "upload_form": upload_form or ProformaUploadForm(),
            "imported": imported,
        }
        return render(self.request, self.template_name, context)


KEPT_ANSWERS = "kept-proforma-answers"


def keep_answers(request):
    """Keep a proforma POST that arrived after its session expired, in this browser's session, for its page."""
    answers = {name: request.POST.getlist(name) for name in request.POST if name != "csrfmiddlewaretoken"}
    request.session[KEPT_ANSWERS] = {"path": request.path, "answers": answers}


def take_kept_answers(request):
    """The answers kept for this page before signing in again, once, as form data; None if there are none."""
    kept = request.session.get(KEPT_ANSWERS)
    if not kept or kept["path"] != request.path:
        return None
    del request.session[KEPT_ANSWERS]
    data = QueryDict(mutable=True)
    for name, values in kept["answers"].items():
        data.setlist(name, values)
    return data


class ImportProformaView(ProformaView):
    """Start from a completed proforma (Word, .doc, .odt, RTF, PDF or text): the form opens filled in, to check."""

    def get(self, request):
        return redirect("practice_create")

    def post(self, request):
        self.practice = None
        for_call = self.initial_for_call(request.POST.get("call", ""))  # the page was opened from a call's email
        upload = ProformaUploadForm(request.POST, request.FILES)
        if upload.is_valid():
            file = upload.cleaned_data["proforma"]
            try:
                if getattr(file, "too_large", False):
                    raise ProformaFileError("The selected file must be smaller than 20 MB")
                parsed = parse_proforma(file, file.name)
            except ProformaFileError as refused:
                upload.add_error("proforma", str(refused))
        if not upload.is_valid():
            return self.render(
                Proforma(user=request.user, initial=for_call), errors=error_summary(upload), upload_form=upload
            )
        return self.render(Proforma.from_import(parsed, user=request.user, for_call=for_call), imported=True)


class CheckAnswersView(LeadPracticeMixin, View):
    """GOV.UK 'check your answers': everything on one page, then submit."""

    template_name = "submissions/practice_check.html"

    def get(self, request, pk):
        practice = self.get_practice()
        return self.redirect_unless_editable(practice) or self.render(practice)

    def post(self, request, pk):
        practice = self.get_practice()
        if locked := self.redirect_unless_editable(practice):
            return locked
        if missing := practice.missing_answers():
            # Each error links to its row on this page, which links on to the question.
            return self.render(practice, errors=[(f"answer-{anchor}", message) for anchor, message in missing])
        reply = ReplyForm(request.POST)
        message = reply.cleaned_data["message"] if reply.is_valid() else ""
        try:
            services.submit_practice(practice=practice, by=request.user, message=message)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("submission_detail", pk=practice.pk)
        return redirect("practice_submitted", pk=practice.pk)

    def render(self, practice, errors=()):
        context = {
            "practice": practice,
            "errors": errors,
            "missing": dict(practice.missing_answers()),
            "reply_form": ReplyForm() if practice.status == Practice.Status.CHANGES_REQUESTED else None,
        }
        return render(self.request, self.template_name, context)


class SubmittedView(LeadPracticeMixin, DetailView):
    template_name = "submissions/practice_submitted.html"

    def get_object(self):
        return self.get_practice()


class SubmissionDetailView(LeadPracticeMixin, DetailView):
    """A lead's own entry, whatever its status, with its history."""

    template_name = "submissions/submission_detail.html"

    def get_object(self):
        return self.get_practice()


class WithdrawView(LeadPracticeMixin, View):
    template_name = "submissions/practice_withdraw.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"practice": self.get_practice(), "form": WithdrawForm()})

    def post(self, request, pk):
        practice = self.get_practice()
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"practice": practice, "form": form})
        try:
            services.withdraw_practice(practice=practice, by=request.user, reason=form.cleaned_data["reason"])
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("submission_detail", pk=practice.pk)
        messages.success(request, f"‘{practice.title}’ was withdrawn.")
        return redirect("my_submissions")


class DeleteDraftView(LeadPracticeMixin, View):
    """Delete a draft, after asking."""

    template_name = "submissions/practice_delete.html"

    def get(self, request, pk):
        practice = self.get_practice()
        if not practice.can_be_deleted:
            return redirect("submission_detail", pk=practice.pk)
        return render(request, self.template_name, {"practice": practice})

    def post(self, request, pk):
        practice = self.get_practice()
        try:
            services.delete_draft(practice=practice, by=request.user)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("submission_detail", pk=practice.pk)
        messages.success(request, f"Your draft ‘{practice.title}’ was deleted.")
        return redirect("my_submissions")


class ReviseView(LeadPracticeMixin, View):
    """Start (or go back to) changes to a published entry; the live version stays until they are approved."""

    def post(self, request, pk):
        try:
            revision = services.start_revision(practice=self.get_practice(), by=request.user)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("submission_detail", pk=pk)
        if not revision.is_editable:
            return redirect("submission_detail", pk=revision.pk)
        return redirect("practice_edit", pk=revision.pk)


class VersionView(SignedInMixin, DetailView):
    """One published version of an entry, as it was: for its own leads and the moderators."""

    template_name = "submissions/version.html"
    context_object_name = "snapshot"

    def get_queryset(self):
        visible = Practice.objects.manageable_by(self.request.user)
        return Snapshot.objects.filter(kind=Snapshot.Kind.PUBLISHED, practice__in=visible).select_related("practice")


class ResourceDownloadView(PublicMixin, View):
    """Uploaded files are only ever served here, to people who may see the entry."""

    def get(self, request, pk):
        visible = Practice.objects.visible_to(request.user)
        resource = get_object_or_404(Resource.objects.exclude(file=""), pk=pk, practice__in=visible)
        return uploads.file_response(resource)
