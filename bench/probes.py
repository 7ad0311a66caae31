"""
`python -m bench.probes` (on PostgreSQL: `scripts/with-postgres .venv/bin/python -m bench.probes`):
the health probes under page load, and a restart under page load, through deploy/'s nginx in
front of two gunicorn instances of two workers each.

N connections ask for browse, search and entry pages through nginx for as long as it runs, while a
monitor asks each instance for /healthz every 0.2 s: on the instance's own port (behind the pages,
in the same workers) and on its health listener (GUNICORN_HEALTH_BIND, the gunicorn master's). Then
one instance is restarted as systemd does while the pages go on. Prints p50/p99/max of each, and the
pages' slowest answer and errors around the restart.
"""

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

import requests

import bench.environment  # noqa: F401  (sets Django up: keep it first of the project's imports)
from bench import data
from bench.front import front
from submissions.models import Practice

SEARCHES = ["exclusion", "youth justice", "mentoring", "children"]


def pages(entries):
    ids = list(Practice.objects.published().values_list("pk", flat=True)[:50])
    return (
        ["/practice/", "/practice/?page=2", "/practice/?theme=youth-justice"]
        + [f"/practice/?q={query}" for query in SEARCHES]
        + [f"/practice/{pk}/" for pk in ids[:entries]]
    )


class Timings:
    """(when, seconds, status) of each answer, from many threads."""

    def __init__(self):
        self.rows, self.lock = [], threading.Lock()

    def add(self, started, seconds, status):
        with self.lock:
            self.rows.append((started, seconds, status))

    def between(self, start, end):
        return [row for row in self.rows if start <= row[0] < end]


def summary(rows):
    if not rows:
        return "no answers"
    seconds = sorted(row[1] for row in rows)
    p99 = seconds[min(len(seconds) - 1, int(len(seconds) * 0.99))]
    errors = sum(1 for row in rows if row[2] != 200)
    return (
        f"{len(rows):>6} answers  p50 {statistics.median(seconds) * 1000:>6.0f} ms  p99 {p99 * 1000:>6.0f} ms"
        f"  max {seconds[-1] * 1000:>6.0f} ms  errors {errors}"
    )


def ask(session, url, timings, timeout=30):
    started = time.monotonic()
    try:
        status = session.get(url, timeout=timeout).status_code
    except requests.RequestException as error:
        status = type(error).__name__
    timings.add(started, time.monotonic() - started, status)


def load(base, paths, stop, timings, number):
    with requests.Session() as session:
        session.verify, session.trust_env = False, False
        index = number
        while not stop.is_set():
            ask(session, base + paths[index % len(paths)], timings)
            index += 7


def monitor(urls, stop, timings):
    with requests.Session() as session:
        session.trust_env = False
        while not stop.is_set():
            for url in urls:
                ask(session, url, timings[url], timeout=10)
            time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=30, help="of load before the restart, and after it")
    args = parser.parse_args()
    data.prepare(args.entries)
    paths = pages(args.entries)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    with tempfile.TemporaryDirectory() as folder, front(Path(folder), env) as running:
        probes = {
            "/healthz on the instance's port": [f"{url}/healthz" for url in running.instances],
            "/healthz on its health listener": running.health,
        }
        probed = {url: Timings() for urls in probes.values() for url in urls}
        page_timings, stop = Timings(), threading.Event()
        threads = [
            threading.Thread(target=load, args=(running.base, paths, stop, page_timings, number))
            for number in range(args.connections)
        ] + [threading.Thread(target=monitor, args=([u for urls in probes.values() for u in urls], stop, probed))]
        for thread in threads:
            thread.start()
        time.sleep(5)  # every worker has served its first pages
        measured_from = time.monotonic()
        time.sleep(args.seconds)
        restart_at = time.monotonic()
        took = running.restart(0)
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()

    print(f"\n{args.connections} connections of pages through nginx, 2 instances x 2 workers, {args.entries:,} entries")
    print(f"{'pages, before the restart':<40}{summary(page_timings.between(measured_from, restart_at))}")
    for name, urls in probes.items():
        rows = [row for url in urls for row in probed[url].between(measured_from, restart_at)]
        print(f"{name:<40}{summary(rows)}")
    print(f"\nInstance 0 restarted (stop, start, its /readyz answered in {took:.1f} s), the pages went on:")
    print(f"{'pages, from the restart on':<40}{summary(page_timings.between(restart_at, float('inf')))}")


if __name__ == "__main__":
    main()
