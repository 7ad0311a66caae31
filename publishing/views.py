"""A published entry's page, and any browse page's entries as a download (CSV, Excel, the Word pack)."""

from urllib.parse import urlsplit

from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView

from accounts.access import BrowseAccessMixin
from publishing import exports
from search import engine
from search.browse import BrowseRequest
from submissions.models import Practice


class ExportView(BrowseAccessMixin, View):
    """A browse page's whole result set as CSV (streamed), Excel or the Word practice pack."""

    def get(self, request, file_format):
        browse = BrowseRequest.from_query(request.GET, user=request.user)
        try:
            ids = engine.matching_ids(browse.text, browse.filters, browse.sort)
        except engine.SearchTooSlow:
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
    """A published entry, as readers see it."""

    template_name = "publishing/practice_detail.html"

    def get_queryset(self):
        return Practice.objects.published().with_proforma_data()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related=engine.related(self.object), back_url=results_url(self.request), **kwargs
        )


def results_url(request):
    """The browse page this entry was opened from, with its search and filters, if it was."""
    came_from = urlsplit(request.headers.get("Referer", ""))
    if came_from.netloc != request.get_host() or came_from.path != reverse("practice_list"):
        return None
    return reverse("practice_list") + (f"?{QueryDict(came_from.query).urlencode()}" if came_from.query else "")
