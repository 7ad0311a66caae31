"""
The disparity data in the JSON API: the datasets with their provenance, the measures, and a
measure's figures for an area and period (the same figures as its page, small numbers hidden).
Described in api_schema.py below, added to the portal's OpenAPI description.
"""

from django.http import JsonResponse
from django.urls import reverse

from evidence import pages
from evidence.choices import areas
from evidence.downloads import CSV_COLUMNS, csv_rows
from evidence.models import Dataset, Measure, Observation
from publishing.api import ApiView
from publishing.api_keys import api_error


def dataset_data(dataset):
    return {
        "id": dataset.pk,
        "title": dataset.title,
        "source": dataset.source,
        "publisher": dataset.publisher,
        "url": dataset.url,
        "licence": dataset.licence,
        "release_date": dataset.release_date.isoformat() if dataset.release_date else None,
        "loaded_at": dataset.loaded_at.isoformat(),
        "illustrative": dataset.is_illustrative,
        "rows": dataset.row_count,
    }


AREA_TYPES = {"London and England": None, "Sub-regions": "sub-region", "Local authorities": "local authority"}


class IndexView(ApiView):
    """What the evidence API holds: its measures, the areas and periods they may be asked for, and links."""

    def get(self, request):
        measures = [
            {
                "slug": slug,
                "name": name,
                "kind": kind,
                "url": self.absolute(reverse("evidence:api_measure_detail", args=[slug])),
            }
            for slug, name, kind in Measure.objects.values_list("slug", "name", "kind")
        ]
        periods = Observation.objects.order_by("year", "period").values_list("year", "period").distinct()
        return JsonResponse(
            {
                "measures": measures,
                "areas": [
                    {"slug": slug, "name": name, "type": AREA_TYPES[label] or slug}
                    for label, choices in areas()
                    for slug, name in choices
                ],
                "periods": [{"year": year, "label": label} for year, label in periods],
                "links": {
                    "datasets": self.absolute(reverse("evidence:api_dataset_list")),
                    "measures": self.absolute(reverse("evidence:api_measure_list")),
                    "openapi": self.absolute(reverse("api_schema")),
                },
            }
        )


class DatasetListView(ApiView):
    def get(self, request):
        return JsonResponse({"results": [dataset_data(dataset) for dataset in Dataset.objects.all()]})


class MeasureListView(ApiView):
    def get(self, request):
        results = [
            {
                "slug": measure.slug,
                "name": measure.name,
                "kind": measure.kind,
                "theme": measure.theme.slug if measure.theme else None,
                "stages": [{"slug": stage.slug, "name": stage.name} for stage in measure.stages.all()],
                "url": self.absolute(reverse("evidence:api_measure_detail", args=[measure.slug])),
            }
            for measure in Measure.objects.select_related("theme").prefetch_related("stages")
        ]
        return JsonResponse({"results": results})


# A figure in the API is a row of the CSV download without the parts the response gives once.
PER_RESPONSE = {"area", "period", "comparison_group", "data_status"}  # data_status: "illustrative" above


DECIMALS = {"rate_per_1000", "rate_low_95", "rate_high_95", "rate_index", "index_low_95", "index_high_95"}


def typed(key, value):
    if value == "":
        return None
    return float(value) if key in DECIMALS or key == "index_from_stage_before" else value


class MeasureDetailView(ApiView):
    def get(self, request, slug):
        measure = Measure.objects.filter(slug=slug[:60]).first()
        if measure is None:
            return api_error(404, "There is no measure with this slug.")
        choice, stage_figures, periods = pages.measure_figures(measure, request.GET)
        if choice.problems:  # an API answers what was asked, or says why not: it never falls back
            problem = choice.problems[0]
            return api_error(problem.status, f"{problem.parameter}: {problem.message.split(';')[0]}.")
        period = periods.get(choice.year, "")
        datasets = pages.view_provenance(measure, choice, stage_figures)
        figures = []
        for row in csv_rows(measure, choice, stage_figures, period, datasets):
            values = dict(zip(CSV_COLUMNS, row, strict=True))
            item = {key: typed(key, value) for key, value in values.items() if key not in PER_RESPONSE}
            figures.append(item | {"illustrative": values["data_status"] == pages.ILLUSTRATIVE})
        return JsonResponse(
            {
                "measure": measure.slug,
                "area": choice.area.slug,
                "period": period or None,
                "level": choice.level,
                "comparison_group": choice.comparison.code,
                "illustrative": datasets["illustrative"],
                "datasets": [dataset_data(dataset) for dataset in datasets["datasets"]],
                "figures": figures,
            }
        )
