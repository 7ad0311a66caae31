"""
`make loadtest`: the portal under gunicorn on PostgreSQL, driven by 50 concurrent users for 60 s.

Loads N synthetic published entries (100,000 by default), makes a few borough lead accounts,
starts gunicorn, then runs locust twice, back to back, with the same users and the same pauses
between pages: first every user asks for a hello-world view (what the server and this machine
can do at all), then the real mix of bench/locustfile.py (browse, filter, search, open an entry,
download, and leads who sign in and save drafts). Prints requests per second, p50/p95/p99 and
errors for each, and exits 1 if any request failed or the mix's p99 reached 500 ms.
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
from bench import data, server
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
    """Yield (base URL, what serves it): one gunicorn, or nginx (TLS) in front of two with the same workers in all."""
    if kind == "gunicorn":
        with server.gunicorn(workers=WORKERS) as base:
            yield base, f"gunicorn ({WORKERS} workers)"
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    with tempfile.TemporaryDirectory() as folder, front(Path(folder), env, workers=WORKERS // 2) as running:
        yield running.base, f"nginx (TLS) in front of 2 gunicorn instances ({WORKERS // 2} workers each)"


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


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--wait", default="1,3", help="seconds each user waits between pages, min,max")
    parser.add_argument(
        "--front", choices=["gunicorn", "nginx"], default="gunicorn", help="one gunicorn, or deploy/'s nginx and two"
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("loadtest: needs PostgreSQL (run it with `make loadtest`, which brings one up)")

    started = time.perf_counter()
    if loaded := data.prepare(args.entries):
        print(f"Loaded and indexed {loaded:,} entries in {time.perf_counter() - started:.0f} s")
    env = {**os.environ, "LOADTEST_LEADS": leads(5), "LOADTEST_PASSWORD": PASSWORD}
    with serving(args.front) as (base, served_by):
        locust(["Visitor", "Lead"], base, args.users, WARM_UP, args.wait, env)
        hello = locust(["HelloWorld"], base, args.users, args.seconds, args.wait, env)
        mix = locust(["Visitor", "Lead"], base, args.users, args.seconds, args.wait, env)
    report(Practice.objects.published().count(), args.users, args.seconds, args.wait, hello, mix, served_by)
    total = mix["Aggregated"]
    failures = int(total["Failure Count"]) + int(hello["Aggregated"]["Failure Count"])
    p99 = float(total["99%"])
    if failures or p99 >= P99_TARGET_MS:
        print(f"\nloadtest: FAILED ({failures} errors; p99 {p99:.0f} ms, target under {P99_TARGET_MS} ms)")
        sys.exit(1)
    print(f"\nloadtest: passed (0 errors; p99 {p99:.0f} ms, target under {P99_TARGET_MS} ms)")


if __name__ == "__main__":
    main()
