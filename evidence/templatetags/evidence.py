"""{% key_measures kind subject %}: a theme's, local authority's or sub-region's key figures, on their pages."""

from django import template

from evidence import pages
from evidence.choices import area_from, london
from evidence.models import Measure

register = template.Library()


@register.inclusion_tag("evidence/includes/key_measures.html")
def key_measures(kind, subject):
    """For each measure with data (on the theme, or all of them for a place): its clearest finding."""
    area = london() if kind == "theme" else area_from(subject.slug)
    measures = Measure.objects.outcomes().with_data().select_related("theme")
    if kind == "theme":
        measures = measures.filter(theme=subject)
    findings, illustrative = [], False
    for measure in measures:
        choice, stage_figures, periods = pages.measure_figures(measure, {}, area=area)
        sentences = [sentence for stage in stage_figures for sentence in stage.summary[:1]]
        findings.append(
            {"measure": measure, "choice": choice, "period": periods.get(choice.year), "sentence": sentences[:1]}
        )
        illustrative = illustrative or pages.view_provenance(measure, choice, stage_figures)["illustrative"]
    return {"findings": findings, "area": area, "kind": kind, "illustrative": illustrative}


@register.filter
def thousands(number):
    """A whole number with thousands separators (97,020); anything else as it is."""
    return f"{number:,}" if isinstance(number, int) else number
