"""
The portal's apps depend one way, from the top of INSTALLED_APPS's list of our own apps down:
an app imports only itself and the apps listed before it, its models point only at those, and
no two modules import each other (docs/decisions/0009-one-app-per-domain.md). Read from the
source itself, so a later change cannot quietly break it.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Our apps, bottom first: the order INSTALLED_APPS lists them in.
OURS = [name for name in settings.INSTALLED_APPS if (ROOT / name).is_dir()]

# An entry may be returned to a call for practice, and the index keeps which call. The relation is
# declared by name ("calls.Call") and the two apps never import calls: what they need of a call
# comes through the relation itself (see submissions.forms.calls_open_to). Calls sits above them
# because its tracker and coverage are made from entries.
RELATIONS_UP = {("submissions.Practice", "call"), ("search.SearchEntry", "call")}


def modules_of(app):
    """Every module of an app but its migrations, which are history and stay as they were written."""
    return [path for path in sorted((ROOT / app).rglob("*.py")) if "migrations" not in path.parts]


def module_name(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imported(path):
    """The modules a file imports, at its top or inside a function (a late import only hides a circle)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
    return names


def test_the_portal_has_the_apps_of_its_domains_in_order():
    assert OURS[:5] == ["inputs", "reference", "outbox", "accounts", "submissions"]
    assert {"search", "publishing", "calls", "privacy", "operations", "pages"} <= set(OURS)


def test_no_app_imports_an_app_above_it():
    upward = []
    for level, app in enumerate(OURS):
        above = set(OURS[level + 1 :])
        for path in modules_of(app):
            for name in imported(path):
                if name.split(".")[0] in above:
                    upward.append(f"{path.relative_to(ROOT)} imports {name}")
    assert upward == []


def test_no_model_points_at_an_app_above_it_but_the_calls_an_entry_answers():
    upward = []
    for model in apps.get_models():
        app = model._meta.app_label
        if app not in OURS:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is not None:
                target = field.related_model._meta.app_label
                if target in OURS and OURS.index(target) > OURS.index(app):
                    upward.append((model._meta.label, field.name))
    assert set(upward) == RELATIONS_UP


def test_no_two_modules_import_each_other():
    ours = {module_name(path): path for app in OURS for path in modules_of(app)}
    graph = {
        # Importing a submodule runs its package first; that is no circle.
        name: {other for other in imported(path) if other in ours and not name.startswith(f"{other}.")}
        for name, path in ours.items()
    }
    circles = []
    state = {}  # module -> "open" while on the path being walked, "done" after

    def walk(name, path):
        state[name] = "open"
        for other in sorted(graph[name]):
            if state.get(other) == "open":
                circles.append(" -> ".join([*path[path.index(other) :], other]))
            elif other not in state:
                walk(other, [*path, other])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert circles == []
