"""The evidence a practice entry or an action in a meeting's pack cites: each cited view's figures as a Word table, with
where they come from and how small numbers are protected. The figures are made by evidence.pages, as the measure
page's are, so the pack hides every count the page hides. Plans sit below evidence, so the pack calls this through the
hooks evidence registers (plans.pack_document.register_practice_part and register_action_part)."""

from evidence import pages
from evidence.protection import small_number

PROTECTION = (
    "Counts from 1 to {} are not shown, nor any count they could be worked back from; rates and comparisons on so "
    "few children are shown as “too few to say”."
)


def cited_views(citations):
    """[(citation, choice, stage figures, period, datasets)] for each view cited, as it reads today."""
    views = []
    for citation in citations.select_related("measure").order_by("added_at", "pk"):
        params = {
            "area": citation.area,
            "period": str(citation.year),
            "level": citation.level,
            "comparison": citation.comparison,
        }
        choice, stage_figures, periods = pages.measure_figures(citation.measure, params)
        sources = pages.view_provenance(citation.measure, choice, stage_figures)
        period = periods.get(choice.year, "") if choice.year is not None else ""
        views.append((citation, choice, stage_figures, period, sources))
    return views


def write_cited(writer, practice, link):
    """Each view the entry cites: what it is, its tables, its sources and the protection note; `link(paragraph,
    path)`."""
    write_views(writer, practice.citations.all(), link, "Evidence it cites: ")


def write_action_cited(writer, action, link):
    """Each view the action cites, as an entry's are."""
    write_views(writer, action.evidence_citations.all(), link, "Evidence this action cites: ")


def write_views(writer, citations, link, label):
    for citation, choice, stage_figures, period, sources in cited_views(citations):
        paragraph = writer.paragraph()
        writer.run(paragraph, label, bold=True)
        writer.run(paragraph, f"{citation.measure.name}: {citation.points_at()}")
        if not stage_figures:
            writer.paragraph("No figures are loaded for this view now.")
        for stage_result in stage_figures:
            figures_table(writer, citation.measure, choice, stage_result, period)
        for dataset in sources["datasets"]:
            released = f", released {dataset.release_date:%-d %B %Y}" if dataset.release_date else ""
            illustrative = " Illustrative data, not official statistics." if dataset.is_illustrative else ""
            writer.field("Source", f"{dataset.title}, {dataset.publisher}{released}.{illustrative}")
        writer.paragraph(PROTECTION.format(small_number() - 1))
        link(writer.paragraph("The figures on the portal: "), citation.get_absolute_url())


def figures_table(writer, measure, choice, stage_result, period):
    """One stage's figures: group, number, rate and index, then the total (a population's: no rate or index); the
    groups with no data are named below it rather than given a row each, to keep a paper's table short."""
    writer.paragraph(
        f"{stage_result.stage.name}: {measure.what_is_counted} by ethnic group, {choice.area.name}, {period}"
    )
    population = stage_result.is_population
    heading = ["Ethnic group", "Number", "Per 1,000" if population else "Rate per 1,000"]
    heading += [] if population else [f"Rate index against {choice.comparison.short_name}"]
    rows = [heading]
    for figure in (figure for figure in stage_result.groups if figure.status != "none"):
        name = figure.group.short_name + (" (comparison)" if figure.is_comparison else "")
        rows.append([name, figure.count_text, figure.rate_text] + ([] if population else [figure.index_text]))
    total = stage_result.total
    rows.append([f"All {measure.what_is_counted}", total.count_text, total.rate_text] + ([] if population else [""]))
    table = writer.document.add_table(rows=len(rows), cols=len(heading))
    table.style = writer.document.styles["Table Grid"]
    for cells, values in zip((row.cells for row in table.rows), rows, strict=True):
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    if stage_result.without_data:
        writer.paragraph(f"No data for: {', '.join(stage_result.without_data)}.")
