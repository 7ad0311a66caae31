"""A plan file imported again: the plans it may already be (same sub-region and title, or the same text), and
saving it as the next version of one of them, matching areas and actions by number and adding only new updates."""

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date

from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from plans.boroughs import and_list
from plans.events import record
from plans.importer import ParsedAction, ParsedArea, ParsedPlan
from plans.models import Action, Area, Owner, Plan, PlanVersion, Update, words_of
from plans.owners import owner_rows
from plans.services import add_forward_items, group_name, import_plan
from plans.summary import plural
from plans.versions import save_version, unchanged_since
from reference.models import SubRegion


@dataclass
class Imported:
    """A plan imported again, and what that did, in words."""

    plan: Plan
    said: str


MAX_KEPT = 1_000_000  # characters of a read plan kept in the session between the upload and the choice
TOO_LONG_TO_ASK = (
    "The file looks imported already, and it is too long to hold while you choose whether it is a new version: "
    "a plan is a few pages. Shorten it, or ask an admin to import it with the import_plan command"
)


def as_data(parsed):
    """What was read, as plain data (dates as ISO text), without the errors and warnings."""
    data = asdict(parsed)
    del data["errors"], data["warnings"]
    for action in [action for area in data["areas"] for action in area["actions"]] + data["forward_items"]:
        action["updates"] = [[written_on.isoformat(), text] for written_on, text in action["updates"]]
        action["due_on"] = action["due_on"] and action["due_on"].isoformat()
    return data


def _action_from(data):
    return ParsedAction(
        what=data["what"],
        activity=data["activity"],
        owners_text=data["owners_text"],
        owners=[tuple(owner) for owner in data["owners"]],
        updates=[[date.fromisoformat(written_on), text] for written_on, text in data["updates"]],
        due_words=data.get("due_words", ""),
        due_on=date.fromisoformat(data["due_on"]) if data.get("due_on") else None,
    )


def from_data(data, warnings=()):
    """The ParsedPlan as_data gave, with the warnings it was read with (kept beside it)."""
    areas = [
        ParsedArea(
            number=area["number"],
            title=area["title"],
            why=area["why"],
            actions=[_action_from(action) for action in area["actions"]],
        )
        for area in data["areas"]
    ]
    return ParsedPlan(
        title=data["title"],
        introduction=data["introduction"],
        version_number=data["version_number"],
        areas=areas,
        forward_items=[_action_from(item) for item in data.get("forward_items", [])],
        warnings=list(warnings),
    )


def digest(parsed):
    """The same text read from a .txt or a .docx gives the same digest (the version number aside)."""
    data = as_data(parsed)
    del data["version_number"]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def already_imported(parsed, sub_region):
    """Plans this file may already be: the sub-region's plan with its title or with the same areas (renamed, or
    last imported from a changed file), or any plan imported from its text."""
    region = Q(sub_region=sub_region) if sub_region else Q(sub_region=None)
    read = digest(parsed)
    same = Q(title__iexact=parsed.title) & region | Q(source_digest=read) | Q(versions__source_digest=read)
    plans = Plan.objects.filter(same | Q(pk__in=_same_areas(parsed, region)))
    return Plan.objects.filter(pk__in=plans.values("pk")).select_related("sub_region")


def _same_areas(parsed, region):
    """The sub-region's plans whose areas have the file's titles, in order (case, spaces and punctuation aside)."""
    titles = [words_of(area.title) for area in parsed.areas]
    plans = Plan.objects.filter(region).prefetch_related("areas")
    return [plan.pk for plan in plans if titles and [words_of(area.title) for area in plan.areas.all()] == titles]


def other_regions_named(title, sub_region):
    """The sub-regions other than the one chosen that the plan's title names ("…in East London"), as words."""
    words = f" {' '.join(words_of(title))} "
    others = SubRegion.objects.exclude(pk=sub_region.pk) if sub_region else SubRegion.objects.all()
    return [region.name for region in others if f" {' '.join(words_of(region.name))} " in words]


def last_import(plan):
    """The plan's latest version, which says when, by whom and from which file it was last imported or saved."""
    return plan.versions.select_related("created_by").order_by("-number").first()


@transaction.atomic
def import_new(*, parsed, sub_region, by, source_name):
    plan = import_plan(parsed=parsed, sub_region=sub_region, by=by, source_name=source_name)
    Plan.objects.filter(pk=plan.pk).update(source_digest=digest(parsed))
    plan.versions.update(source_digest=digest(parsed))  # its first: every file imported into a plan is remembered
    return plan


def _owners(action, parsed_action, plan):
    action.owners.all().delete()
    Owner.objects.bulk_create(owner_rows(action, parsed_action.owners, plan, group_name))


def _merge_action(area, position, parsed_action, by):
    """The action at that number in the area, changed to read as the file says, with the file's new updates: how many
    updates were new, and whether the file changed the words of an action already there."""
    action = area.actions.filter(parent=None, position=position).first()
    fields = {"what": parsed_action.what, "activity": parsed_action.activity}
    fields["owners_text"] = parsed_action.owners_text
    reworded = False
    if action is None:
        action = Action.objects.create(area=area, position=position, **fields, **parsed_action.due())
        _owners(action, parsed_action, area.plan)
    else:
        if not (action.due_on or action.due_by_meeting) and any(parsed_action.due().values()):
            Action.objects.filter(pk=action.pk).update(**parsed_action.due())  # a due date set on the portal stays
        if reworded := any(getattr(action, name) != value for name, value in fields.items()):
            owners_changed = action.owners_text != fields["owners_text"]
            Action.objects.filter(pk=action.pk).update(**fields, version=F("version") + 1, updated_at=timezone.now())
            if owners_changed:
                _owners(action, parsed_action, area.plan)
    known = {
        (written_on, " ".join(text.split())) for written_on, text in action.updates.values_list("written_on", "text")
    }
    new = [(day, text) for day, text in parsed_action.updates if (day, " ".join(text.split())) not in known]
    Update.objects.bulk_create(
        Update(action=action, written_on=written_on, text=text, recorded_by=by, from_document=True)
        for written_on, text in new
    )
    if new and action.status == Action.Status.NOT_STARTED:
        Action.objects.filter(pk=action.pk).update(status=Action.Status.IN_PROGRESS, version=F("version") + 1)
    return len(new), reworded


@transaction.atomic
def import_as_version(*, plan, parsed, by, source_name):
    """The file as the plan's next version: areas by number, actions by their number in the area; nothing twice."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    added, reworded = 0, []
    for parsed_area in parsed.areas:
        area, _ = Area.objects.get_or_create(plan=plan, number=parsed_area.number, defaults={"title": ""})
        area.title, area.why = parsed_area.title, parsed_area.why
        area.save(update_fields=["title", "why"])
        for position, parsed_action in enumerate(parsed_area.actions, start=1):
            new, changed = _merge_action(area, position, parsed_action, by)
            added += new
            reworded += [f"{area.number}.{position}"] if changed else []
    add_forward_items(plan, parsed.forward_items)
    Plan.objects.filter(pk=plan.pk).update(
        title=parsed.title,
        introduction=parsed.introduction,
        source_digest=digest(parsed),
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    plan.refresh_from_db()
    record(plan, by, f"Imported again from {source_name[:200]}: {plural(added, 'new update')}")
    missing = plan.areas.exclude(number__in=[area.number for area in parsed.areas]).values_list("number", flat=True)
    kept = f" Not in the file, so kept as they were: area {', '.join(map(str, missing))}." if missing else ""
    if same := unchanged_since(plan):
        return Imported(plan, f"Nothing in the file differs from v.{same.number}; no version is saved.{kept}")
    last = plan.versions.aggregate(last=Max("number"))["last"] or 0
    number = parsed.version_number if parsed.version_number > last else None
    version = save_version(plan=plan, by=by, number=number, note=f"imported from {source_name[:200]}")
    PlanVersion.objects.filter(pk=version.pk).update(source_digest=digest(parsed))
    said = f"Imported as {version} of ‘{plan.title}’: {plural(added, 'new dated update')}."
    return Imported(plan, f"{said}{_reworded(reworded)}{kept}")


def _reworded(numbers):
    """The actions whose words the file changed, by number: what they said before is in the versions' comparison."""
    if not numbers:
        return ""
    which = f"action {numbers[0]}" if len(numbers) == 1 else f"{len(numbers)} actions, {and_list(numbers)}"
    return f" The file changed the words of {which}; the versions page shows what was there."
