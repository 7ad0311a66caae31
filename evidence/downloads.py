"""Downloads of any measure view: the figures as CSV, and each chart as SVG or PNG. Small numbers stay hidden:
all of it is made from the same figures as the page (evidence.pages), never from the loaded rows."""

import csv
import math

from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views import View

from accounts.access import BrowseAccessMixin
from evidence import pages
from evidence.models import Measure
from evidence.statistics import bound_text
from evidence.trends import stage_trends

CSV_COLUMNS = [
    "area",
    "period",
    "stage",
    "ethnic_group",
    "ethnic_group_level",
    "count",
    "count_note",
    "denominator",
    "denominator_source",
    "rate_per_1000",
    "rate_low_95",
    "rate_high_95",
    "comparison_group",
    "rate_index",
    "index_low_95",
    "index_high_95",
    "index_interval_method",
    "index_from_stage_before",
    "reading",
    "data_status",
    "published_note",
]


def rounded(value, places=3):
    """A number to `places`, or "" for none, or for an infinite index (the comparison group's count is 0: its
    reading says so, and JSON has no infinity)."""
    return "" if value is None or math.isinf(value) else f"{value:.{places}f}"


def bound(value):
    return "" if math.isinf(value) else bound_text(value, 3)


def csv_rows(measure, choice, stage_figures, period, about=None):
    """Each figure as a row, naming its denominator's kind and (with the view's provenance, `about`) its source."""
    for stage_result in stage_figures:
        for figure in [*stage_result.groups, stage_result.total]:
            index, before = figure.index, figure.from_previous
            yield [
                choice.area.name,
                period,
                stage_result.stage.name,
                figure.group.short_name if figure.group else "All ethnic groups",
                choice.level if figure.group else "total",
                "" if figure.count is None else figure.count,
                figure.status_text,
                "" if figure.denominator is None else figure.denominator,
                figure.source if figure.denominator is not None else "",
                rounded(figure.rate),
                rounded(figure.interval[0]) if figure.interval else "",
                rounded(figure.interval[1]) if figure.interval else "",
                choice.comparison.short_name,
                "1" if figure.is_comparison and figure.rate is not None else rounded(index.value if index else None),
                bound(index.low) if index else "",
                bound(index.high) if index else "",
                ("exact" if index.exact else "log") if index else "",
                rounded(before.value) if before else "",
                figure.reading,
                row_status(figure, about) if about else "",
                figure.published_note,
            ]


def attachment(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class MeasureDownloadMixin(BrowseAccessMixin):
    def measure_and_figures(self, slug):
        measure = get_object_or_404(Measure, slug=slug)
        choice, stage_figures, periods = pages.measure_figures(measure, self.request.GET)
        if choice.problems:  # a file cannot say it shows something else: refuse, as the API does
            problem = choice.problems[0]
            raise (Http404 if problem.status == 404 else BadRequest)(problem.message.split(";")[0])
        return measure, choice, stage_figures, periods

    def file_name(self, measure, choice, suffix):
        return f"{measure.slug}-{choice.area.slug}-{choice.year}{suffix}"


class MeasureCsvView(MeasureDownloadMixin, View):
    def get(self, request, slug):
        measure, choice, stage_figures, periods = self.measure_and_figures(slug)
        response = attachment("", "text/csv; charset=utf-8", self.file_name(measure, choice, ".csv"))
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        about = pages.view_provenance(measure, choice, stage_figures)
        writer.writerows(csv_rows(measure, choice, stage_figures, periods.get(choice.year, ""), about))
        return response


def data_status(about):
    """What the portal knows of a view's figures: generated, or loaded and published by whom the analyst said. It
    never says "official statistics": an analyst may load a borough's own management information."""
    if about["illustrative"]:
        return pages.ILLUSTRATIVE
    publishers = sorted({dataset.publisher for dataset in about["datasets"]})
    return f"loaded data, published by {'; '.join(publishers)}" if publishers else "loaded data"


def row_status(figure, about):
    """A figure's own source: illustrative where it is (or is added up from illustrative figures), else loaded and
    published by the view's real datasets' publishers; a row without a count says what the view's figures are."""
    if figure.count is None:
        return data_status(about)
    if figure.illustrative is not False:
        return pages.ILLUSTRATIVE
    real = [dataset for dataset in about["datasets"] if not dataset.is_illustrative]
    return data_status({"illustrative": False, "datasets": real})


def as_file(svg, file_format, name):
    if file_format not in ("svg", "png"):
        raise Http404("Charts come as SVG or PNG")
    if file_format == "png":
        import cairosvg  # loads Debian's libcairo: only when a PNG is asked for, not for every page

        return attachment(cairosvg.svg2png(bytestring=svg.encode(), output_width=1200), "image/png", f"{name}.png")
    return attachment(svg, "image/svg+xml", f"{name}.svg")


class MeasureChartView(MeasureDownloadMixin, View):
    def get(self, request, slug, stage, file_format):
        measure, choice, stage_figures, periods = self.measure_and_figures(slug)
        stage_result = next((result for result in stage_figures if result.stage.slug == stage), None)
        if stage_result is None:
            raise Http404("No figures for this stage")
        about = pages.view_provenance(measure, choice, [stage_result])
        svg = pages.bar_svg(measure, stage_result, choice, periods.get(choice.year, ""), "chart", about)
        return as_file(svg, file_format, self.file_name(measure, choice, f"-{slugify(stage)}"))


class MeasureTrendView(MeasureDownloadMixin, View):
    """A stage's trend chart (`stage`), or the first stage's with figures over time."""

    def get(self, request, slug, file_format, stage=None):
        measure, choice, stage_figures, periods = self.measure_and_figures(slug)
        trends = stage_trends(measure, stage_figures, choice, periods)
        trend = next((trend for trend in trends if stage in (None, trend["stage"].slug)), None)
        if trend is None:
            raise Http404("No figures over time for this measure or stage")
        return as_file(
            pages.line_svg(measure, trend, choice, "chart", pages.view_provenance(measure, choice, [], [trend])),
            file_format,
            self.file_name(measure, choice, f"-{slugify(trend['stage'].slug)}-trend" if stage else "-trend"),
        )
