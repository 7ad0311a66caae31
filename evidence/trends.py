"""
The "over time" part of a measure page: for each stage with figures for the area, each group's rate by period,
as a line joined only between neighbouring periods that are comparable (the same datasets, the same kind of
denominator, no period missing between them), and which periods come from which source. Read by the page and
the trend's downloads alike.
"""

from evidence import charts, figures, provenance
from evidence.models import Dataset


def followed(stage_result, choice):
    """The groups a trend follows: every high-level group, or the comparison and one detailed group (the one chosen
    to follow, else the stage's highest index)."""
    if choice.level == "high":
        return choice.groups
    ranked = sorted((f for f in stage_result.groups if f.index), key=lambda f: -f.index.value)
    focus = choice.focus or (ranked[0].group if ranked else None)
    return [choice.comparison] + ([focus] if focus and focus != choice.comparison else [])


def runs(years, key):
    """The shown years cut into runs whose points may be joined: neighbouring years with the same key."""
    result = []
    for year in years:
        if result and year == result[-1][-1] + 1 and key[year] == key[result[-1][-1]]:
            result[-1].append(year)
        else:
            result.append([year])
    return result


def period_range(labels, run):
    return labels[run[0]] if len(run) == 1 else f"{labels[run[0]]} to {labels[run[-1]]}"


def stage_trend(measure, stage_result, choice, periods, stages, denominators):
    """One stage's trend: its chart, each group's rate texts by period, and where each run of periods comes from;
    None where the area has no figures for the stage in any period."""
    groups = followed(stage_result, choice)
    by_group, kinds = figures.series(
        measure, stage_result.stage, area=choice.area.key, groups=groups, stages=stages, denominators=denominators
    )
    years = sorted({year for points in by_group.values() for year, figure in points if figure.status != "none"})
    if not years:
        return None
    labels = {year: periods[year] for year in years}
    sources = provenance.by_year(choice.area.key, stage_result.stage)
    key = {year: (sources.get(year, frozenset()), kinds[year]) for year in years}
    rates = {
        group: {year: figure.rate for year, figure in points if year in labels} for group, points in by_group.items()
    }
    joined = runs(years, key)
    chart = charts.line_chart(rates, labels, joined)
    for line in chart["lines"]:
        line["rate_texts"] = [figure.rate_text for year, figure in by_group[line["group"]] if year in labels]
    return {
        "stage": stage_result.stage,
        "chart": chart,
        "labels": list(labels.values()),
        "years": years,
        "population_years": [year for year in years if any(kind.startswith("population") for kind in kinds[year])],
        "runs": [(period_range(labels, run), key[run[0]]) for run in joined],
        "broken": len(joined) > 1,
    }


def stage_trends(measure, stage_figures, choice, periods):
    """A trend for every stage with figures for the area in some period (a population's shares have none)."""
    if not stage_figures or stage_figures[0].is_population:
        return []
    stages = [result.stage for result in stage_figures]
    population = figures.Denominators(figures.population_stage(measure))
    trends = [
        trend
        for result in stage_figures
        if (trend := stage_trend(measure, result, choice, periods, stages, population))
    ]
    ids = {dataset for trend in trends for _, (datasets, _) in trend["runs"] for dataset in datasets}
    names = {
        "data file": "the data file's own denominators",
        population.source: f"the group's population ({population.name.lower()})",
    }
    titles = dict(Dataset.objects.filter(pk__in=ids).values_list("pk", "title")) if ids else {}
    for trend in trends:
        trend["sources"] = [
            {
                "periods": periods_text,
                "datasets": ", ".join(sorted(titles[dataset] for dataset in datasets if dataset in titles)),
                "denominator": " and ".join(names.get(kind, kind) for kind in sorted(kinds)),
            }
            for periods_text, (datasets, kinds) in trend["runs"]
        ]
    return trends
