"""
The ramp of `make loadtest LOADTEST_ARGS="--front nginx --ramp"`: wrk keeps 8, 16, 32, 64 then 128
connections busy (each asks again as soon as it is answered, no pauses) on a mix of browse, search
and entry pages, and prints p50, p99 and requests per second at each step. The knee is the last step
before the p99 passes 500 ms or a doubling of the connections adds less than 10% throughput: past it,
more people at once only queue.
"""

import random
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise

CONNECTIONS = (8, 16, 32, 64, 128)
P99_LIMIT_MS = 500
GROWTH = 1.10  # a doubling of the connections that adds less than this is past the knee
WARM_UP = 5  # seconds at the first step, not counted: each worker's first requests set Django up

# The visitors' pages, in the shares of bench/locustfile.py's Visitor: browse and filter 10, search 5, entries 4.
BROWSE = ["/practice/", "/practice/", "/practice/?page=2", "/practice/?page=3", "/practice/?page=50"]
FILTERS = [
    "/practice/?sub_region=east-london",
    "/practice/?theme=youth-justice",
    "/practice/?local_authority=hackney&sort=newest",
    "/practice/?category=with-partners&sort=title",
]
SEARCHES = ["exclusion", "youth+justice", "%22stop+and+search%22", "mentoring", "children", "windrush"]

SCRIPT = """
local paths = {%s}
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(50), latency:percentile(99)))
end
"""
RESULT = re.compile(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)")


@dataclass
class Step:
    connections: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def paths(entry_ids, searches=True, seed=32):
    """About 190 paths in the mix's shares; entries drawn from the published ones. Without searches, what the
    search pages cost the knee shows."""
    rng = random.Random(seed)
    entries = [f"/practice/{pk}/" for pk in rng.sample(entry_ids, min(len(entry_ids), 45))]
    searches = [f"/practice/?q={query}" for query in SEARCHES] if searches else []
    mix = 10 * (BROWSE + FILTERS) + 9 * searches + entries  # 90 : 54 : 45, as the Visitor's 10 : 5 : 4
    return mix or BROWSE


def wrk(base, script, connections, seconds):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script, base]
    out = subprocess.run(command, capture_output=True, text=True).stdout
    found = RESULT.search(out)
    if not found:
        sys.exit(f"loadtest: wrk gave no result\n{out}")
    requests, duration_us, socket_errors, status_errors, p50_us, p99_us = map(int, found.groups())
    return Step(
        connections, requests / (duration_us / 1e6), p50_us / 1000, p99_us / 1000, socket_errors + status_errors
    )


@contextmanager
def script(mix):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write(SCRIPT % ", ".join(f'"{path}"' for path in mix))
        lua.flush()
        yield lua.name


def ramp(base, entry_ids, seconds, searches=True):
    """(hello-world at the first step, the steps) against one front, after a warm-up. Hello-world is what the
    server and this machine give at all just then: on a shared machine, compare runs by it."""
    if not shutil.which("wrk"):
        sys.exit("loadtest: the ramp needs wrk (apt-get install wrk)")
    with script(["/bench/hello/"]) as hello, script(paths(entry_ids, searches)) as mix:
        wrk(base, mix, CONNECTIONS[0], WARM_UP)
        baseline = wrk(base, hello, CONNECTIONS[0], WARM_UP)
        return baseline, [wrk(base, mix, connections, seconds) for connections in CONNECTIONS]


def knee(steps):
    """(the knee's step or None if it is below the first, why): the last step before the p99 passes the limit or
    throughput stops growing."""
    if steps[0].p99_ms > P99_LIMIT_MS:
        return None, f"the p99 is already {steps[0].p99_ms:.0f} ms at {steps[0].connections} connections"
    for before, step in pairwise(steps):
        if step.p99_ms > P99_LIMIT_MS:
            return before, f"at {step.connections} connections the p99 passes {P99_LIMIT_MS} ms ({step.p99_ms:.0f})"
        if step.rps < before.rps * GROWTH:
            return (
                before,
                f"{step.connections} connections add under {GROWTH - 1:.0%} throughput ({step.rps:.0f} req/s)",
            )
    return steps[-1], f"not reached by {steps[-1].connections} connections"


def describe(step):
    return f"{step.connections} connections ({step.rps:.0f} req/s, p99 {step.p99_ms:.0f} ms)" if step else "below 8"


def report(served_by, baseline, steps, seconds, searches=True):
    pages = "browse, search and entry pages" if searches else "browse and entry pages, no searches"
    print(f"\nRamp: {served_by}; {pages}, {seconds} s a step, no pauses")
    hello = f"{baseline.rps:.0f} req/s, p99 {baseline.p99_ms:.0f} ms"
    print(f"(hello-world just before, {baseline.connections} connections: {hello})")
    print(f"{'connections':>12}{'req/s':>9}{'p50':>8}{'p99':>8}{'errors':>8}")
    for step in steps:
        print(f"{step.connections:>12}{step.rps:>9.1f}{step.p50_ms:>8.0f}{step.p99_ms:>8.0f}{step.errors:>8}")
    at, why = knee(steps)
    print(f"knee: {describe(at)}: {why}")
