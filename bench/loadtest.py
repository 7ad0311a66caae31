"""
`make loadtest`: the portal under gunicorn on PostgreSQL, driven by 50 concurrent users for 60 s.

Loads N synthetic published entries (100,000 by default), makes a few borough lead accounts,
starts gunicorn, then runs locust twice, back to back, with the same users and the same pauses
between pages: first every user asks for a hello-world view (what the server and this machine
can do at all), then the real mix of bench/locustfile.py (browse, filter, search, open an entry,
download, and leads who sign in and save drafts). Prints requests per second, p50/p95/p99 and
errors for each, and exits 1 if any request failed or the mix's p99 reached 500 ms.

`--front both` serves the same data from one gunicorn and then from deploy/'s nginx in front of
two, and prints both tables, so the two can be compared from one run. `--ramp` runs bench/ramp.py
instead of the users (connections 8 to 128, no pauses, the knee named); with `--front nginx`, through
nginx to two instances and then to one, so the knees compare. `--errors-only` judges
only the errors: CI uses it, because a shared machine that stalls for a second fails a
latency target without anything being wrong with the portal (the closing notes give the p99
of full runs on a quiet machine).
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
from accounts.models import Membership
from bench import data, ramp, server
from bench.front import front
from reference.models import LocalAuthority
from submissions.models import Practice

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
PASSWORD = "load-test-only-password-7c1d"
P99_TARGET_MS = 500
WORKERS = 4
RAMP = 5  # seconds
WARM_UP = 10  # seconds of the mix, not counted: each worker's first requests set Django up


def leads(count):
    """Lead accounts for the first local authorities, as 'email:authority id' for the locustfile."""
    from django.contrib.auth.models import User

    accounts = []
    for authority in LocalAuthority.objects.order_by("name")[:count]:
        email = f"loadtest.{authority.slug}@example.org"
        user, _ = User.objects.get_or_create(username=email, defaults={"email": email})
        user.set_password(PASSWORD)
        user.save()
        Membership.objects.get_or_create(user=user, local_authority=authority)
        accounts.append(f"{email}:{authority.pk}")
    return ",".join(accounts)


def locust(user_classes, base, users, seconds, wait, env):
    """Run locust headless; return its rows of statistics (by request name, and 'Aggregated').
    Users start over the first RAMP seconds, signing in as they do."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = f"{folder}/stats"
        options = {
            "--host": base,
            "--users": users,
            "--spawn-rate": users / RAMP,
            "--run-time": f"{seconds}s",
            "--csv": prefix,
            "--loglevel": "WARNING",
            "--stop-timeout": 10,
            "--exit-code-on-error": 0,
        }
        command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), *user_classes, "--headless", "--only-summary"]
        run = subprocess.run(
            command + [str(part) for option in options.items() for part in option],
            env={**env, "LOADTEST_WAIT": wait},
            capture_output=True,
            text=True,
        )
        if run.returncode:
            sys.exit(f"loadtest: locust failed\n{run.stderr}")
        with open(f"{prefix}_stats.csv", newline="") as stats:
            return {row["Name"]: row for row in csv.DictReader(stats)}


@contextmanager
def serving(kind):
    """Yield (base URL, what serves it): one gunicorn, or nginx (TLS) in front of two with the same workers in all
    (or, "nginx-one", in front of one of those two)."""
    if kind == "gunicorn":
        with server.gunicorn(workers=WORKERS) as base:
            yield base, f"gunicorn ({WORKERS} workers)"
        return
    instances = 1 if kind == "nginx-one" else 2
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    with (
        tempfile.TemporaryDirectory() as folder,
        front(Path(folder), env, instances=instances, workers=WORKERS // 2) as running,
    ):
        yield running.base, f"nginx (TLS) in front of {instances} gunicorn instance(s) ({WORKERS // 2} workers each)"


def report(entries, users, seconds, wait, hello, mix, served_by):
    print(f"\nLoad test: {served_by} on PostgreSQL, {entries:,} published entries")
    print(
        f"{users} users for {seconds} s each run (started over its first {RAMP} s, after a {WARM_UP} s warm-up), "
        f"{wait.replace(',', '-')} s between pages, back to back\n"
    )
    print(f"{'requests':<22}{'count':>8}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'max':>7}{'errors':>8}")

    def line(label, row):
        print(
            f"{label:<22}{int(row['Request Count']):>8}{float(row['Requests/s']):>8.1f}{row['50%']:>7}"
            f"{row['95%']:>7}{row['99%']:>7}{float(row['Max Response Time']):>7.0f}{int(row['Failure Count']):>8}"
        )

    line("hello-world baseline", hello["Aggregated"])
    for name, row in sorted(mix.items()):
        if name != "Aggregated":
            line(f"  {name}", row)
    line("whole mix", mix["Aggregated"])
    print("(times in ms, as the users saw them; errors are any response that was not 2xx or 3xx)")


def run(front, args, env):
    """The warm-up, the hello-world baseline and the mix against one front; (served by, hello, mix)."""
    with serving(front) as (base, served_by):
        locust(["Visitor", "Lead"], base, args.users, WARM_UP, args.wait, env)
        hello = locust(["HelloWorld"], base, args.users, args.seconds, args.wait, env)
        mix = locust(["Visitor", "Lead"], base, args.users, args.seconds, args.wait, env)
    return served_by, hello, mix


def verdict(runs, errors_only):
    """Print whether every run met the targets; exit 1 if one did not."""
    failed = False
    for served_by, hello, mix in runs:
        errors = int(mix["Aggregated"]["Failure Count"]) + int(hello["Aggregated"]["Failure Count"])
        p99 = float(mix["Aggregated"]["99%"])
        late = not errors_only and p99 >= P99_TARGET_MS
        failed = failed or errors or late
        target = "not judged: --errors-only" if errors_only else f"target under {P99_TARGET_MS} ms"
        result = "FAILED" if errors or late else "passed"
        print(f"loadtest: {result} for {served_by} ({errors} errors; p99 {p99:.0f} ms, {target})")
    if failed:
        sys.exit(1)


RAMPED = {"gunicorn": ["gunicorn"], "nginx": ["nginx", "nginx-one"], "both": ["gunicorn", "nginx", "nginx-one"]}


def ramps(args):
    """The ramp against each front in turn, then the knees side by side."""
    ids = list(Practice.objects.published().values_list("pk", flat=True)[:5000])
    results = []
    for kind in RAMPED[args.front]:
        with serving(kind) as (base, served_by):
            load = os.getloadavg()[0]  # other work on the machine, as this ramp starts
            results.append((served_by, load, *ramp.ramp(base, ids, args.step_seconds, not args.without_search)))
    print(f"\nOn PostgreSQL, {Practice.objects.published().count():,} published entries; {os.cpu_count()} cores")
    for served_by, load, baseline, steps in results:
        where = f"{served_by}, load average {load:.1f} at the start"
        ramp.report(where, baseline, steps, args.step_seconds, not args.without_search)
    print()
    for served_by, _, baseline, steps in results:
        hello = f"hello-world {baseline.rps:.0f} req/s"
        print(f"knee of {served_by}: {ramp.describe(ramp.knee(steps)[0])}; {hello}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wait", default="1,3", help="seconds each user waits between pages, min,max")
    parser.add_argument(
        "--front",
        choices=["gunicorn", "nginx", "both"],
        default="gunicorn",
        help="one gunicorn, deploy/'s nginx in front of two, or both one after the other",
    )
    parser.add_argument("--errors-only", action="store_true", help="fail on errors only, not on the p99")
    parser.add_argument("--ramp", action="store_true", help="connections 8 to 128 with no pauses; name the knee")
    parser.add_argument("--step-seconds", type=int, default=20, help="each step of the ramp")
    parser.add_argument("--without-search", action="store_true", help="the ramp's mix without its search pages")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("loadtest: needs PostgreSQL (run it with `make loadtest`, which brings one up)")

    started = time.perf_counter()
    if loaded := data.prepare(args.entries):
        print(f"Loaded and indexed {loaded:,} entries in {time.perf_counter() - started:.0f} s")
    if args.ramp:
        return ramps(args)
    env = {**os.environ, "LOADTEST_LEADS": leads(5), "LOADTEST_PASSWORD": PASSWORD}
    fronts = ["gunicorn", "nginx"] if args.front == "both" else [args.front]
    runs = [run(front, args, env) for front in fronts]
    entries = Practice.objects.published().count()
    for served_by, hello, mix in runs:
        report(entries, args.users, args.seconds, args.wait, hello, mix, served_by)
    print()
    verdict(runs, args.errors_only)


if __name__ == "__main__":
    main()
