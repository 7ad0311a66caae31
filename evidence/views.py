"""The evidence pages: the index, a measure, an area with all its measures, and the datasets behind them."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from accounts.access import BrowseAccessMixin
from evidence import pages
from evidence.choices import area_from, areas
from evidence.cite_views import reader_citing
from evidence.models import Citation, Dataset, Measure
from evidence.protection import data_version, small_number

BODY_SECONDS = 300  # practice published on the theme shows within five minutes


class EvidencePageMixin(BrowseAccessMixin):
    """Published figures: public as browsing is; every page says how small numbers are protected."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(small_number=settings.PORTAL_EVIDENCE_SMALL_NUMBER, **kwargs)


class EvidenceIndexView(EvidencePageMixin, TemplateView):
    template_name = "evidence/index.html"

    def get_context_data(self, **kwargs):
        measures = list(Measure.objects.outcomes().with_data())
        datasets = Dataset.objects.all()
        return super().get_context_data(
            measures=measures,
            areas=areas(),
            datasets=datasets,
            illustrative=any(dataset.is_illustrative for dataset in datasets),
            **kwargs,
        )


class MeasureView(EvidencePageMixin, TemplateView):
    """A measure's figures: the part below the choices is kept, rendered, per choice and data version."""

    template_name = "evidence/measure.html"

    def get_context_data(self, **kwargs):
        measure = get_object_or_404(Measure.objects.select_related("theme"), slug=kwargs["slug"])
        context = super().get_context_data(**pages.measure_head(measure, self.request.GET), **kwargs)
        signed_in = self.request.user.is_authenticated  # sources say who loaded them to signed-in readers
        version = f"{data_version()}:{small_number()}:{Citation.objects.stamp(measure)}"
        parts = f"{version}:{measure.pk}:{context['choice'].query()}:{signed_in}"
        key = "evidence-measure-view:" + hashlib.sha256(parts.encode()).hexdigest()
        kept = cache.get(key)
        if kept is None:
            body = pages.measure_body(measure, context)
            html = render_to_string("evidence/includes/measure_body.html", body, request=self.request)
            kept = {"body": html, "illustrative": body["illustrative"], "comparable": body["comparable"]}
            cache.set(key, kept, BODY_SECONDS)
        choice = context["choice"]
        return {
            **context,
            **reader_citing(measure, self.request.user),  # the lead's own: never in the kept body
            "body": mark_safe(kept["body"]),  # noqa: S308 (rendered by our own template just now or earlier)
            "illustrative": kept["illustrative"],
            "comparisons": pages.comparisons(choice, kept["comparable"]),
            "no_comparison": pages.no_comparison(measure, choice)
            if choice.comparison.code not in kept["comparable"] and measure.kind != Measure.Kind.POPULATION
            else "",
        }


class AreaView(EvidencePageMixin, TemplateView):
    template_name = "evidence/area.html"

    def get_context_data(self, **kwargs):
        area = area_from(kwargs["slug"])
        if area is None:
            raise Http404("No such area")
        return super().get_context_data(**pages.area_page(area, self.request.GET, self.request.user), **kwargs)


class DatasetListView(EvidencePageMixin, TemplateView):
    template_name = "evidence/datasets.html"

    def get_context_data(self, **kwargs):
        datasets = Dataset.objects.select_related("loaded_by", "replaced_by").prefetch_related("measures")
        return super().get_context_data(
            datasets=datasets, illustrative=any(dataset.is_illustrative for dataset in datasets), **kwargs
        )
