"""A plan's versions: what it said when each was saved, and what changed between two of them."""

import difflib
import json

from django.db import transaction
from django.db.models import Max

from plans.events import record
from plans.models import STATUS_ONLY, PlanVersion


def content_of(plan):
    """The plan as plain data: areas, then actions with owners, status, due date and dated updates."""
    areas = plan.areas.prefetch_related("actions__owners__user", "actions__owners__contact", "actions__updates")
    return {
        "title": plan.title,
        "introduction": plan.introduction,
        "areas": [
            {
                "number": area.number,
                "title": area.title,
                "why": area.why,
                "actions": [
                    {
                        "activity": action.activity,
                        "what": action.what,
                        "owners": [str(owner) for owner in action.owners.all()],
                        "due": action.due_text,
                        "status": action.get_status_display(),
                        "updates": [
                            [f"{update.written_on:%d/%m/%y}", update.said]
                            for update in sorted(action.updates.all(), key=lambda u: (u.written_on, u.pk))
                        ],
                    }
                    for action in area.actions.all()
                ],
            }
            for area in areas
        ],
    }


@transaction.atomic
def save_version(*, plan, by, note="", number=None):
    """Keep the plan as it is now as its next version (or the numbered one, for an imported "v.2")."""
    if number is None:
        number = (plan.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion.objects.create(plan=plan, number=number, content=content_of(plan), note=note, created_by=by)
    record(plan, by, f"Version v.{number} saved{': ' + note if note else ''}")
    return version


def unchanged_since(plan):
    """The plan's latest version, if the plan reads as it did then (so another would be the same); else None."""
    latest = plan.versions.order_by("-number").first()
    if latest and latest.content == json.loads(json.dumps(content_of(plan))):
        return latest
    return None


def lines_of(content):
    """A version as the lines a person reads, for comparing."""
    lines = [content["title"]]
    for area in content["areas"]:
        lines.append(f"{area['number']}. {area['title']}")
        lines += [f"   {area['why']}"] if area["why"] else []
        for action in area["actions"]:
            lines += [f"   Activity: {action['activity']}"] if action["activity"] else []
            lines.append(f"   Action: {action['what']}")
            lines.append(f"   Owners: {', '.join(action['owners']) or 'none'}")
            lines.append(f"   Status: {action['status']}" + (f", due {action['due']}" if action["due"] else ""))
            lines += [f"   {written}: {text or STATUS_ONLY}" for written, text in action["updates"]]
    return lines


def compare(older, newer):
    """What changed from one version to another: (sign, line) pairs, "+" added, "-" taken out, " " the same."""
    diff = difflib.ndiff(lines_of(older.content), lines_of(newer.content))
    return [(line[0], line[2:]) for line in diff if line[0] in "+- "]
