"""The meeting pack: its shortlist, "Add to the pack" on browse and entry pages, sending it, downloading it."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from inputs.next_page import posted_next
from inputs.numbers import whole_number
from plans import pack, pack_document, roles, sent_packs, services
from plans.access import MeetingEditorMixin, MeetingMixin, PackMakerMixin, RuleMixin
from plans.context_processors import pack_meetings
from plans.forms import ShortlistForm
from plans.models import Meeting, PackItem, SentPack
from submissions.models import Practice

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sent_pack_of(meeting):
    return SentPack.objects.filter(meeting=meeting).select_related("sent_by").first()


class PackView(PackMakerMixin, TemplateView):
    """The shortlist for a meeting: reorder it, take entries out, download the pack or print it."""

    template_name = "plans/pack.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        items = meeting.pack_items.select_related("practice__local_authority")
        return super().get_context_data(
            meeting=meeting,
            plan=meeting.plan,
            items=items,
            sent=sent_pack_of(meeting),
            may_send=roles.may_edit_plan(self.request.user, meeting.plan),
            **kwargs,
        )


class PackPrintView(PackMakerMixin, TemplateView):
    template_name = "plans/pack_print.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        return super().get_context_data(
            meeting=meeting,
            plan=meeting.plan,
            pack=pack.content_of(meeting),
            sent=sent_pack_of(meeting),
            meeting_address=settings.PORTAL_BASE_URL + meeting.get_absolute_url(),  # on paper, where the sent pack is
            **kwargs,
        )


KEPT = "From now on it downloads as it is now, whatever is changed in the plan."


class PackSendView(MeetingEditorMixin, TemplateView):
    """ "Send the pack": asked to confirm, then the pack is kept as it is now, with a version of the plan."""

    template_name = "plans/pack_send.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        return super().get_context_data(
            meeting=meeting,
            plan=meeting.plan,
            sent=sent_pack_of(meeting),
            pdf_possible=sent_packs.pdf_possible(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        sent, new = sent_packs.keep(meeting=meeting, by=request.user)
        if new:
            messages.success(request, f"The pack is sent, made from v.{sent.version_number} of the plan. {KEPT}")
        else:
            messages.info(
                request,
                f"The pack was sent already, on {timezone.localtime(sent.sent_at):%-d %B %Y}: nothing has changed.",
            )
        return redirect(meeting)


class SentPackMixin(MeetingMixin):
    """The pack's download: the stored pack, once sent or once the meeting is held, for every reader of the plan;
    before that, made afresh for those who build the pack."""

    def allowed(self):
        return roles.may_download_pack(self.request.user, self.get_meeting())

    def sent_pack(self):
        return sent_packs.kept(self.get_meeting(), self.request.user)


class PackDownloadView(SentPackMixin, View):
    def get(self, request, *args, **kwargs):
        meeting, sent = self.get_meeting(), self.sent_pack()
        name = f"{sent_packs.file_name(meeting)}.docx"
        if sent:
            return stored_file(sent.word, name, DOCX)
        response = HttpResponse(pack_document.document(meeting), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PackPdfView(SentPackMixin, View):
    def get(self, request, *args, **kwargs):
        sent = self.sent_pack()
        if not (sent and sent.pdf):
            raise Http404("The pack has no PDF")
        return stored_file(sent.pdf, f"{sent_packs.file_name(self.get_meeting())}.pdf", "application/pdf")


def stored_file(field, name, content_type):
    """The stored bytes as they were saved, never cached."""
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


class PackItemView(PackMakerMixin, TemplateView):
    """Move an entry up or down the shortlist, or take it out (a POST from the pack page)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        item = get_object_or_404(
            PackItem.objects.select_related("practice", "meeting__plan"), pk=self.kwargs["item"], meeting=meeting
        )
        move = request.POST.get("move")
        try:
            if move in ("up", "down"):
                services.move_in_pack(item=item, by=request.user, up=move == "up")
            else:
                services.remove_from_pack(item=item, by=request.user)
                messages.success(request, f"‘{item.practice.title}’ is taken out of the pack.")
        except services.PackClosed as closed:
            messages.error(request, str(closed))
        return redirect("plans:pack", pk=meeting.pk)


class PackButtonMixin(RuleMixin):
    """The buttons on browse results and entry pages: POSTs, from whoever builds a coming meeting's pack."""

    http_method_names = ["post"]

    def allowed(self):
        return bool(pack_meetings(self.request.user))


class PackAddView(PackButtonMixin, View):
    """ "Add to the pack for <meeting>" on a browse result or an entry page; back to where the button was."""

    def post(self, request, *args, **kwargs):
        """The meeting is the one chosen beside the entry's button (`meeting_<practice>`), or given alone."""
        practice = whole_number(request.POST.get("practice", ""))
        chosen = request.POST.get(f"meeting_{practice}", request.POST.get("meeting", ""))
        form = ShortlistForm({"practice": request.POST.get("practice", ""), "meeting": chosen})
        if not form.is_valid():
            raise Http404
        meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=form.cleaned_data["meeting"])
        practice = get_object_or_404(Practice.objects.published(), pk=form.cleaned_data["practice"])
        if not roles.may_shortlist(request.user, meeting):
            raise Http404
        try:
            services.add_to_pack(meeting=meeting, practice=practice, by=request.user)
            messages.success(request, f"‘{practice.title}’ is in the pack for the {meeting}.")
        except services.PackClosed as closed:
            messages.error(request, str(closed))
        return redirect(posted_next(request, practice.get_absolute_url()))


class PackRemoveView(PackButtonMixin, View):
    """ "Take it out" beside "In the pack for <meeting>" on a browse result or an entry page."""

    def post(self, request, *args, **kwargs):
        number = whole_number(request.POST.get("item", ""))
        item = get_object_or_404(PackItem.objects.select_related("meeting__plan", "practice"), pk=number or 0)
        if not roles.may_shortlist(request.user, item.meeting):
            raise Http404
        try:
            services.remove_from_pack(item=item, by=request.user)
            messages.success(request, f"‘{item.practice.title}’ is taken out of the pack for the {item.meeting}.")
        except services.PackClosed as closed:
            messages.error(request, str(closed))
        return redirect(posted_next(request, item.practice.get_absolute_url()))
