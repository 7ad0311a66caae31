"""
The workforce by grade against the population served: each grade's share of staff from each ethnic group,
beside that group's share of the children in the area. Worked out from shown counts only (a hidden count
or total gives no share), so nothing hidden can be worked back from it.
"""

from dataclasses import dataclass

from evidence.figures import Denominators
from evidence.models import Stage


@dataclass
class ShareRow:
    group: object
    children: str
    grades: list


def percent(count, total):
    return f"{100 * count / total:.1f}%" if count is not None and total else None


def children_stage():
    """The population the workforce is set beside: the children in the area."""
    return Stage.objects.filter(measure__slug="population", slug="children").first()


def workforce_shares(stage_results, *, area, year):
    """A row per group: its share of children served, then its share of each grade (or why there is none)."""
    if not stage_results:
        return []
    children = Denominators(children_stage())
    all_children = children.get(year, area, None)
    rows = []
    for index, figure in enumerate(stage_results[0].groups):
        grades = []
        for stage_result in stage_results:
            at_grade = stage_result.groups[index]
            if at_grade.count is None:  # hidden or missing: say so, as the grade's own table does
                grades.append(at_grade.count_text)
            else:
                grades.append(percent(at_grade.count, stage_result.total.count) or "–")
        served = percent(children.get(year, area, figure.group.pk), all_children) or "–"
        rows.append(ShareRow(figure.group, served, grades))
    return rows
