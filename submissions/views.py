"""Pages of the portal. Each view reads the request, asks a queryset or a service, and renders."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from submissions import exports, reference, search, services
from submissions import waiting as waiting_for
from submissions.access import BrowseAccessMixin, LeadRequiredMixin, PublicMixin, SignedInMixin
from submissions.browse import BrowseRequest, facet_groups, pages, selected_tags
from submissions.calls import returns
from submissions.forms import Proforma, ProformaUploadForm, ReplyForm, WithdrawForm, error_summary
from submissions.importers import ProformaFileError, parse_proforma
from submissions.models import Call, LocalAuthority, Practice, Resource, Snapshot, SubRegion, Theme
from submissions.numbers import whole_number
from submissions.roles import is_moderator, lead_authorities

logger = logging.getLogger(__name__)


class HomeView(PublicMixin, TemplateView):
    template_name = "submissions/home.html"

    def get_context_data(self, **kwargs):
        may_browse = self.request.user.is_authenticated or not settings.PORTAL_BROWSE_REQUIRES_SIGN_IN
        latest = search.run(sort="newest", limit=5) if may_browse else None
        waiting = waiting_for.for_moderators() if is_moderator(self.request.user) else None
        return super().get_context_data(
            latest=latest, may_browse=may_browse, open_calls=self.open_calls(), waiting=waiting, **kwargs
        )

    def open_calls(self):
        """A lead's open calls for practice, each with where their own local authorities have got to."""
        user = self.request.user
        if not user.is_authenticated:
            return []
        calls = Call.objects.open_to_lead(user, timezone.localdate())
        return [(call, returns(call, authorities=lead_authorities(user))) for call in calls]


class AccessibilityView(PublicMixin, TemplateView):
    template_name = "submissions/accessibility.html"


def email_updates_url(**chosen):
    """Email updates, with these themes and sub-regions ticked."""
    query = urlencode([(name, item.slug) for name, items in chosen.items() for item in items])
    return reverse("digest_settings") + (f"?{query}" if query else "")


class BrowseView(BrowseAccessMixin, TemplateView):
    """Published practice: search, filters with live counts, sort and pages, all in the URL."""

    template_name = "submissions/browse.html"

    def get_context_data(self, **kwargs):
        browse = BrowseRequest.from_query(self.request.GET, user=self.request.user)
        # Computed only if the template needs them: a cached page fragment does not.
        results = SimpleLazyObject(browse.run)
        return super().get_context_data(
            browse=browse,
            results=results,
            facet_groups=SimpleLazyObject(lambda: facet_groups(browse, results)),
            page_obj=SimpleLazyObject(lambda: pages(results, browse)),
            sorts=search.SORTS,
            fragment_key=browse.cache_key(),
            updates_url=email_updates_url(theme=browse.filters.themes, sub_region=browse.filters.sub_regions),
            tags=selected_tags(browse, self.request.GET),
            export_max=settings.PORTAL_EXPORT_MAX_ENTRIES,
            **kwargs,
        )


class ExportView(BrowseAccessMixin, View):
    """A browse page's whole result set as CSV (streamed), Excel or the Word practice pack."""

    def get(self, request, file_format):
        browse = BrowseRequest.from_query(request.GET, user=request.user)
        try:
            ids = search.matching_ids(browse.text, browse.filters, browse.sort)
        except search.SearchTooSlow:
            return redirect(reverse("practice_list") + "?" + request.GET.urlencode())  # which says so
        show_contacts = request.user.is_authenticated
        name = f"sharing-practice-{timezone.localdate():%Y-%m-%d}.{file_format}"
        if file_format == "csv":
            response = StreamingHttpResponse(
                exports.csv_lines(ids, show_contacts), content_type="text/csv; charset=utf-8"
            )
        elif file_format == "xlsx":
            response = HttpResponse(exports.xlsx_file(ids, show_contacts), content_type=exports.XLSX_TYPE)
        else:
            pack = exports.practice_pack(
                Practice.objects.filter(pk__in=ids), description=browse.describe(), show_contacts=show_contacts
            )
            response = HttpResponse(pack, content_type=exports.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        if show_contacts:
            response["Cache-Control"] = "private, no-store"
        return response


class PracticeDetailView(BrowseAccessMixin, DetailView):
    def get_queryset(self):
        return Practice.objects.published().with_proforma_data()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related=search.related(self.object), back_url=results_url(self.request), **kwargs
        )


def results_url(request):
    """The browse page this entry was opened from, with its search and filters, if it was."""
    came_from = urlsplit(request.headers.get("Referer", ""))
    if came_from.netloc != request.get_host() or came_from.path != reverse("practice_list"):
        return None
    return reverse("practice_list") + (f"?{QueryDict(came_from.query).urlencode()}" if came_from.query else "")


class CollectionView(BrowseAccessMixin, TemplateView):
    """One theme, local authority or sub-region: its published practice, with counts."""

    template_name = "submissions/collection.html"
    kinds = {
        "theme": (Theme, "themes", "Theme"),
        "local_authority": (LocalAuthority, "local_authorities", "Local authority"),
        "sub_region": (SubRegion, "sub_regions", "Sub-region"),
    }

    def get_context_data(self, kind, slug, **kwargs):
        model, filter_name, caption = self.kinds[kind]
        subject = get_object_or_404(model, slug=slug)
        page = BrowseRequest.from_query(self.request.GET).page
        browse = BrowseRequest(filters=search.Filters(**{filter_name: [subject]}), sort="newest", page=page)
        results = browse.run()
        return super().get_context_data(
            kind=kind,
            caption=caption,
            feed_url=reverse(f"{kind}_feed", args=[subject.slug]),
            updates_url=email_updates_url(
                theme=[subject] if kind == "theme" else [],
                sub_region=[getattr(subject, "sub_region", subject)] if kind != "theme" else [],
            ),
            subject=subject,
            results=results,
            facet_groups=facet_groups(browse, results),
            page_obj=pages(results, browse),
            **kwargs,
        )


class CollectionIndexView(BrowseAccessMixin, TemplateView):
    """All themes, local authorities or sub-regions, with how much published practice each has."""

    template_name = "submissions/collection_index.html"
    titles = {"theme": "Themes", "local_authority": "Local authorities", "sub_region": "Sub-regions"}

    def get_context_data(self, kind, **kwargs):
        browse = BrowseRequest()
        groups = {group.name: group for group in facet_groups(browse, browse.run())}
        counts = {option.value: option.count for option in groups[kind].options}
        items = [(obj, counts.get(obj.slug, 0)) for obj in reference.lists()[kind].values()]
        return super().get_context_data(kind=kind, title=self.titles[kind], items=items, **kwargs)


class MySubmissionsView(LeadRequiredMixin, ListView):
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
        calls = Call.objects.open_to_lead(self.request.user, timezone.localdate())
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
                proforma.keep_valid_uploads()
                return self.render(proforma, errors=proforma.error_summary())
            practice = services.save_proforma(
                proforma=proforma, by=request.user, seen_version=self.seen_version(), round_trip=self.is_round_trip()
            )
        except services.StaleEntry as stale:
            return self.render_stale(proforma, stale)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("submission_detail", pk=self.practice.pk)
        except OSError:
            logger.exception("Could not store an uploaded file")  # a full disk, say: the team must know
            return self.render(proforma, errors=[("main-content", FILE_NOT_STORED), *proforma.error_summary()])
        action = request.POST.get("action", "draft")
        if action == "draft":
            messages.success(request, f"Your draft ‘{practice.title}’ was saved.")
        return redirect(self.next_pages.get(action, self.next_pages["draft"])(practice))

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


FILE_NOT_STORED = (
    "Your answers have not been saved, because a file could not be stored. Your answers are below. "
    "Try saving again in a few minutes; if it happens again, contact the portal team."
)
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
    """Start from a completed Word or text proforma: the form opens filled in, to check and save."""

    def get(self, request):
        return redirect("practice_create")

    def post(self, request):
        self.practice = None
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
            return self.render(Proforma(user=request.user), errors=error_summary(upload), upload_form=upload)
        return self.render(Proforma.from_import(parsed, user=request.user), imported=True)


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
        response = FileResponse(
            resource.file.open("rb"),
            as_attachment=True,
            filename=resource.download_filename,
            content_type=resource.content_type or "application/octet-stream",
        )
        response["Cache-Control"] = "private, no-store"
        return response
