"""
Requests per second one gunicorn worker serves, for the scale-out plan in docs/deploy.md.

`python -m bench.per_worker --entries 10000` on PostgreSQL (run it under scripts/with-postgres):
one sync worker, wrk with 4 connections (enough to keep one worker always busy), for a browse
page, a search and an entry's page, with a hello-world view measured before and after them.
"""

import argparse
import re
import subprocess
import sys

from django.db import connection

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
from bench import data, server
from submissions.models import Practice


def rate(url, seconds):
    subprocess.run(["wrk", "-t1", "-c4", "-d2s", url], capture_output=True)  # warm up
    out = subprocess.run(["wrk", "-t1", "-c4", f"-d{seconds}s", url], capture_output=True, text=True).stdout
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), int(failures.group(1)) if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("per_worker: needs PostgreSQL (run it under scripts/with-postgres)")
    data.prepare(args.entries)
    entry = Practice.objects.published().order_by("pk").values_list("pk", flat=True)[args.entries // 2]
    paths = {
        "hello-world": "/bench/hello/",
        "browse": "/practice/",
        "search": "/practice/?q=youth+justice",
        "entry page": f"/practice/{entry}/",
        "hello-world again": "/bench/hello/",
    }
    with server.gunicorn(workers=1) as base:
        rates = {name: rate(base + path, args.seconds) for name, path in paths.items()}
    entries = Practice.objects.published().count()
    print(f"\nOne gunicorn sync worker on PostgreSQL, {entries:,} published entries, wrk -t1 -c4 -d{args.seconds}s")
    print(f"{'page':<20}{'req/s':>8}{'errors':>8}")
    for name, (per_second, failures) in rates.items():
        print(f"{name:<20}{per_second:>8.1f}{failures:>8}")


if __name__ == "__main__":
    main()
