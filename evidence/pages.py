"""
What the measure and area pages show, as plain data: also read by the downloads and the API,
so every output says the same (and all of it comes through evidence.protection).
"""

import textwrap

from django.db.models import Case, When
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from evidence import charts, figures, protection, provenance
from evidence import completeness as evidence_completeness
from evidence.choices import areas, choice_from
from evidence.models import Citation, EthnicGroup, Measure
from evidence.protection import small_number
from evidence.shares import children_stage, workforce_shares
from evidence.trends import stage_trends
from submissions.models import Practice

PRACTICE_SHOWN = 5
CITING_SHOWN = 20  # entries citing a measure, on its page
CITATIONS_READ = 200  # of its citations, to find them


def view_slices(measure, choice, stage_figures, trends=()):
    """The (stage, year) pairs a view shows in its area: its stages in its period, each trend's stage in each of
    its periods, and the population its rates are of (for a workforce, also the children served)."""
    slices = [(stage_result.stage, choice.year) for stage_result in stage_figures]
    population_years = {choice.year for result in stage_figures if result.uses_population and not result.is_population}
    for trend_data in trends:
        slices += [(trend_data["stage"], year) for year in trend_data["years"]]
        population_years |= set(trend_data["population_years"])
    if population_years:
        population = figures.Denominators(figures.population_stage(measure))
        slices += [(population.stage, population.year_for(year)) for year in population_years]
    if measure.kind == Measure.Kind.WORKFORCE and stage_figures:
        children = figures.Denominators(children_stage())
        slices.append((children.stage, children.year_for(choice.year)))
    return slices


def view_provenance(measure, choice, stage_figures, trends=()):
    """The datasets whose rows are in a view, and whether any is illustrative (evidence.provenance)."""
    return provenance.sources(choice.area.key, view_slices(measure, choice, stage_figures, trends))


def practice_beside(measure, area):
    """Published practice on the measure's theme, and on it from the borough in view."""
    if measure.theme is None:
        return {"theme_practice": [], "area_practice": []}
    on_theme = Practice.objects.published().filter(themes=measure.theme).select_related("local_authority")
    on_theme = on_theme.order_by("-published_at")
    from_area = on_theme.filter(local_authority=area.local_authority) if area.local_authority else on_theme.none()
    return {"theme_practice": list(on_theme[:PRACTICE_SHOWN]), "area_practice": list(from_area[:PRACTICE_SHOWN])}


def cited_by(measure, area):
    """Published entries citing the measure, each once with its citations of it: entries citing the area in view
    first, then by newest citation; within an entry, its citations of the area first."""
    here = Case(When(area=area.slug, then=0), default=1)
    citations = Citation.objects.of_published_practice().named().filter(measure=measure).annotate(here=here)
    citations = citations.order_by("here", "-added_at", "-pk")
    entries = list(dict.fromkeys(citations.values_list("practice_id", flat=True)[:CITATIONS_READ]))[:CITING_SHOWN]
    by_entry = {entry: [] for entry in entries}
    for citation in citations.filter(practice__in=entries).select_related("practice__local_authority"):
        by_entry[citation.practice_id].append(citation)
    return [{"practice": cited[0].practice, "citations": cited} for cited in by_entry.values()]


def measure_choice(measure, params, area=None, follow_grouping=False):
    """(the reader's choice, periods loaded by year) for a measure (`follow_grouping`: choices.choice_from)."""
    stages = list(measure.stages.all())
    periods = figures.years_loaded(stages)

    def years_for(area_key):
        return figures.years_with_figures(stages, area_key)

    def default_for(area_key, years):
        return figures.completeness(stages).default_year(area_key, years)

    choice = choice_from(
        params, years=periods, area=area, years_for=years_for, default_for=default_for, follow_grouping=follow_grouping
    )
    return choice, periods


def gaps(measure, choice):
    """What the view's period lacks for its area, as sentences: boroughs or groups whose figures are missing."""
    if choice.year is None:
        return []
    stages = list(measure.stages.all())
    order = {stage.name: position for position, stage in enumerate(stages)}
    missing = figures.completeness(stages).missing(choice.area.key, choice.year)
    return evidence_completeness.described(sorted(missing, key=lambda gap: order.get(gap.stage, len(order))))


def figures_for(measure, choice):
    """Each stage's figures for the choice (none when nothing is loaded)."""
    if choice.year is None:
        return []
    return figures.stage_figures(
        measure,
        list(measure.stages.all()),
        area=choice.area.key,
        year=choice.year,
        groups=choice.groups,
        comparison=choice.comparison,
    )


def measure_figures(measure, params, area=None):
    """(choice, stages' figures, periods loaded) for a measure and what the reader chose."""
    choice, periods = measure_choice(measure, params, area)
    return choice, figures_for(measure, choice), periods


ILLUSTRATIVE = "Illustrative data, not official statistics"
LINE = 46  # characters of a download's heading line, at the chart's width of 320


def chart_svg(template, context, about=None):
    """A chart for a page; or, for a download (`about`: the measure's provenance), with a heading that names
    the measure, area and period, the scale, the sources and, for demo figures, that they are illustrative."""
    if about is None:
        return render_to_string(template, context)
    line = LINE * int(context["chart"]["width"]) // charts.WIDTH
    lines = [{"text": text, "bold": True} for text in textwrap.wrap(context["title"], line)]
    if about["illustrative"]:
        lines.append({"text": ILLUSTRATIVE, "warning": True, "bold": True})
    lines += [{"text": text} for text in textwrap.wrap(context["scale"], line)]
    sources = ", ".join(sorted({dataset.publisher for dataset in about["datasets"]}))
    lines += [{"text": text} for text in textwrap.wrap(f"Source: {sources}", line)]
    for number, line in enumerate(lines, start=1):
        line["y"] = 18 * number
    top = 18 * len(lines) + 8
    chart = render_to_string(template, {**context, "frame": {"y": top}})
    height = top + int(context["chart"]["height"])
    return render_to_string(
        "evidence/charts/download.svg",
        {"heading": lines, "chart": mark_safe(chart), "width": context["chart"]["width"], "height": height},  # noqa: S308 (rendered by our own template, escaped there)
    )


def bar_svg(measure, stage_result, choice, period, element_id, about=None):
    title = f"{measure.name}: {stage_result.stage.name.lower()} per 1,000, by ethnic group, {choice.area.name}"
    return chart_svg(
        "evidence/charts/bar.svg",
        {
            "chart": charts.bar_chart(stage_result.groups, wide=about is not None),
            "id": element_id,
            "title": f"{title}, {period}",
            "description": " ".join(stage_result.summary)
            or "Rates per 1,000 with 95% confidence intervals; the table below gives the same figures.",
            "scale": f"Rate per 1,000 of {stage_result.denominator_caption}, with 95% confidence intervals",
        },
        about,
    )


def line_svg(measure, trend_data, choice, element_id, about=None):
    names = ", ".join(line["group"].short_name for line in trend_data["chart"]["lines"])
    periods = f"{trend_data['labels'][0]} to {trend_data['labels'][-1]}" if trend_data["labels"] else ""
    return chart_svg(
        "evidence/charts/line.svg",
        {
            "chart": trend_data["chart"],
            "id": element_id,
            "title": f"{measure.name}: {trend_data['stage'].name.lower()} per 1,000 over time, {choice.area.name}"
            + (f", {periods}" if about and periods else ""),
            "description": f"Rates per 1,000 for {names}, by period; the table below gives the same figures"
            + (
                ", and where the line breaks, the source or the kind of denominator changes or periods are missing."
                if trend_data["broken"]
                else "."
            ),
            "scale": "Rate per 1,000 by period, of "
            + "; ".join(dict.fromkeys(source["denominator"] or "no denominator" for source in trend_data["sources"])),
        },
        about,
    )


def comparable(stage_figures):
    """The codes of the groups with a rate in these stages: those a reader may compare with. A group without one
    (no figures, too few, or a publisher's own group with no population) gives no index to anyone."""
    return {
        figure.group.code for stage_result in stage_figures for figure in stage_result.groups if figure.rate is not None
    }


def comparisons(choice, comparable):
    """The groups offered to compare with, in order: those with a rate in the view (a combined group among them),
    and the one chosen."""
    combined = EthnicGroup.objects.filter(level=EthnicGroup.Level.COMBINED) if choice.level == "detailed" else []
    return sorted(
        (group for group in [*choice.groups, *combined] if group.code in comparable or group == choice.comparison),
        key=lambda group: group.position,
    )


def no_comparison(measure, choice):
    return (
        f"There is no rate for {choice.comparison.short_name} {measure.what_is_counted} here to compare with; "
        "choose another group to compare with."
    )


def measure_head(measure, params):
    """What the top of a measure page needs: the choice and its form, which offers the area's periods, and whether
    newer figures are being prepared."""
    choice, periods = measure_choice(measure, params, follow_grouping=True)
    offered = figures.years_with_figures(list(measure.stages.all()), choice.area.key) or periods
    preparing = protection.preparing(measure)
    return {
        "preparing": [measure.name] if preparing else [],
        "preparing_none": preparing == "none",
        "gaps": gaps(measure, choice),
        "measure": measure,
        "choice": choice,
        "period": periods.get(choice.year, ""),
        "periods": [(year, label) for year, label in sorted(periods.items()) if year in offered],
        "periods_by_year": periods,
        "areas": areas(),
    }


def measure_body(measure, head):
    """The rest of a measure page: each stage's chart, table and summary, the trend, practice beside it."""
    choice, periods = head["choice"], head["periods_by_year"]
    stage_figures = figures_for(measure, choice)
    trends = stage_trends(measure, stage_figures, choice, periods)
    for trend_data in trends:
        trend_data["svg"] = line_svg(measure, trend_data, choice, f"trend-{trend_data['stage'].slug}")
    for index, stage_result in enumerate(stage_figures):
        stage_result.svg = bar_svg(measure, stage_result, choice, head["period"], f"bar-{index}")
        stage_result.without_comparison = choice.comparison.code not in comparable([stage_result])
    return {
        "comparable": comparable(stage_figures) if stage_figures else {group.code for group in choice.groups},
        "no_comparison": no_comparison(measure, choice),
        **view_provenance(measure, choice, stage_figures, trends),
        **head,
        "stages": stage_figures,
        "trends": trends,
        "small_number": small_number(),
        "shares": workforce_shares(stage_figures, area=choice.area.key, year=choice.year)
        if measure.kind == Measure.Kind.WORKFORCE
        else [],
        **practice_beside(measure, choice.area),
        "citing": cited_by(measure, choice.area),
    }


def area_page(area, params, user):
    """Every outcome measure with data for an area: each stage's index by group, in the latest period."""
    sections, preparing = [], []
    for measure in Measure.objects.outcomes().with_data().select_related("theme"):
        if protection.preparing(measure):
            preparing.append(measure.name)
        choice, stage_figures, periods = measure_figures(measure, params, area=area)
        if stage_figures:
            sections.append(
                {
                    "measure": measure,
                    "choice": choice,
                    "stages": stage_figures,
                    "period": periods[choice.year],
                    "gaps": gaps(measure, choice),
                }
            )
    slices = [
        pair for section in sections for pair in view_slices(section["measure"], section["choice"], section["stages"])
    ]
    practice = Practice.objects.published().select_related("local_authority").order_by("-published_at")
    for section in sections:
        section["rows"] = list(zip(*(stage.groups for stage in section["stages"]), strict=True))
    problems = {problem.message: problem for section in sections for problem in section["choice"].problems}
    return {
        "area": area,
        "sections": sections,
        "preparing": preparing,
        "problems": list(problems.values()),
        **provenance.sources(area.key, slices),
        "area_practice": list(practice.filter(local_authority=area.local_authority)[:PRACTICE_SHOWN])
        if area.local_authority
        else [],
    }
