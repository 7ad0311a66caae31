"""
`make bench`, the London board of plans' actions, on the database in DATABASE_URL. Prints one table:
5 sub-regions' plans of 40 actions, each with 20 dated updates, two owners and a theme; the board as a
moderator sees it (every action, 100 to a page), time per page (p50, p95 of 50) beside a hello-world page
in the same run, and SQL queries per page with 1 plan and with 5 (the same number: the board is flat).
"""

import os
import statistics
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
from accounts import roles
from plans.models import Action, Area, Owner, Plan, Update
from reference.models import SubRegion, Theme

RUNS = 50
ACTIONS, UPDATES, AREAS = 40, 20, 5


def make_plan(region, themes):
    plan = Plan.objects.create(sub_region=region, title=f"{region.name}: areas for collaboration")
    areas = Area.objects.bulk_create(Area(plan=plan, number=n, title=f"Area {n}") for n in range(1, AREAS + 1))
    statuses = [Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS]
    actions = Action.objects.bulk_create(
        Action(
            area=areas[n % AREAS],
            position=n,
            what=f"Action {n} of {region.name}: bring the data back to the directors",
            status=statuses[n % 2],  # not started, in progress
            due_on=timezone.localdate() + timedelta(days=n - 20),
        )
        for n in range(ACTIONS)
    )
    Owner.objects.bulk_create(
        owner
        for action in actions
        for owner in (
            Owner(action=action, kind="named", name="Ben"),
            Owner(action=action, kind="directors", name="DCSs"),
        )
    )
    Action.themes.through.objects.bulk_create(
        Action.themes.through(action=action, theme=themes[n % len(themes)]) for n, action in enumerate(actions)
    )
    today = timezone.localdate()
    Update.objects.bulk_create(
        Update(action=action, written_on=today - timedelta(days=7 * n), text=f"Update {n}")
        for action in actions
        for n in range(UPDATES)
    )


def timed(client, url):
    """(p50, p95) of wall-clock and of CPU time in ms, through Django's WSGI handler as a server calls it (the
    test client keeps a copy of every template context, which makes the garbage collector's work the figure)."""
    handler, cookie = WSGIHandler(), "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    wall, cpu = [], []
    for _ in range(RUNS):
        environ = RequestFactory().get(url, HTTP_COOKIE=cookie).environ
        start, start_cpu = time.perf_counter(), time.process_time()
        response = handler(environ, lambda status, headers: None)
        b"".join(response)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    return [value for times in (wall, cpu) for value in (statistics.median(times), percentile_95(times))]


def percentile_95(times):
    return sorted(times)[int(len(times) * 0.95) - 1]


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def main():
    from django.contrib.auth.models import Group, User  # models load once bench.environment has set Django up

    call_command("migrate", verbosity=0)
    Plan.objects.all().delete()
    moderator, _ = User.objects.get_or_create(username="bench.moderator@example.org")
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    client = Client()
    client.force_login(moderator)
    regions, themes = list(SubRegion.objects.order_by("name")[:5]), list(Theme.objects.all()[:6])
    make_plan(regions[0], themes)
    one_plan = queries(client, "/plans/board/")
    for region in regions[1:]:
        make_plan(region, themes)
    five_plans = queries(client, "/plans/board/")
    client.get("/plans/board/")  # warm
    board = timed(client, "/plans/board/")
    filtered = timed(client, "/plans/board/?status=in_progress&owner=ben")
    baseline = timed(client, "/accessibility/")
    print(
        f"\nPlans board benchmark: {connection.vendor}, {len(regions)} plans x {ACTIONS} actions x {UPDATES} updates\n"
    )
    print(f"  {'page':34} {'wall p50':>9} {'wall p95':>9} {'CPU p50':>8} {'CPU p95':>8}  (ms)")
    pages = (("board, every action", board), ("board, filtered", filtered), ("accessibility (baseline)", baseline))
    for name, figures in pages:
        print(f"  {name:34} " + " ".join(f"{figure:8.1f} " for figure in figures))
    print(f"  SQL queries per board page: {one_plan} with 1 plan, {five_plans} with 5")
    print(f"  board wall p95 / baseline wall p50: {board[1] / baseline[0]:.1f}x; load average {os.getloadavg()[0]:.1f}")
    if five_plans != one_plan:
        sys.exit("The board's queries grow with the number of plans")


if __name__ == "__main__":
    # Pages render without a collectstatic manifest, as in the tests: the static files are not what is measured.
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        main()
