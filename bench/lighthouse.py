"""
Lighthouse (mobile) on the public pages, served as production serves them, the median of three runs.

Needs Lighthouse 12.2.3 from npm outside the project (`npm install --prefix /tmp/lh
lighthouse@12.2.3`, or `-g`) and Chromium; not run in CI. Unless --base-url names a running
portal, it builds one in a throwaway folder: DJANGO_DEBUG=0 settings over plain http, the
static files collected and compressed (whitenoise), the demo data and evidence tables loaded,
gunicorn on 127.0.0.1:8540. Prints a table: one row a page, one column a category (0-100),
each the median of --runs runs, then the metrics that make up performance.

    .venv/bin/python -m bench.lighthouse [--lighthouse /tmp/lh/node_modules/.bin/lighthouse]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [
    ("first-contentful-paint", "FCP ms"),
    ("largest-contentful-paint", "LCP ms"),
    ("total-blocking-time", "TBT ms"),
    ("cumulative-layout-shift", "CLS"),
]
# The pages the issue names; the entry is the first one browse lists, found when the run starts.
PAGES = [
    ("Home", "/"),
    ("Browse with a search", "/practice/?q=exclusions"),
    ("An entry", None),
    ("A measure", "/evidence/measures/exclusions/"),
    ("Coverage", "/coverage/"),
    ("Coverage map", "/coverage/map/"),
]


def find_lighthouse(given):
    for candidate in [given, "/tmp/lh/node_modules/.bin/lighthouse", shutil.which("lighthouse")]:
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("Lighthouse not found: npm install --prefix /tmp/lh lighthouse@12.2.3, or give --lighthouse.")


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def production_like(port):
    """The portal with DEBUG off, compressed static files and the demo data, on 127.0.0.1:port."""
    folder = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",  # plain http on loopback: no redirect to https, no secure cookies
        "DJANGO_SECRET_KEY": "lighthouse-" + os.urandom(24).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PORTAL_BASE_URL": base_url,
        "DATABASE_URL": f"sqlite:///{folder}/portal.sqlite3",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "PORTAL_BACKUP_ROOT": str(folder / "backups"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    manage = [sys.executable, "manage.py"]
    quiet = {"cwd": ROOT, "env": env, "check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    try:
        print("Building a production-like portal (migrate, collectstatic, demo data)…", file=sys.stderr)
        for command in (
            ["migrate"],
            ["collectstatic", "--noinput"],
            ["load_demo", "--force"],
            ["load_demo_plans", "--force"],
            ["build_evidence_tables"],
        ):
            subprocess.run(manage + command, **quiet)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(base_url + "/")
            yield base_url
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def first_entry(base_url):
    html = requests.get(base_url + "/practice/", timeout=30).text
    start = html.index('href="/practice/', html.index('id="main-content"')) + len('href="')
    candidates = [part.split('"')[0] for part in html[start - len('href="') :].split('href="')[1:]]
    return next(path for path in candidates if path.rstrip("/").split("/")[-1].isdigit())


def lighthouse(binary, url):
    """One Lighthouse run (mobile, the default form factor): its JSON report."""
    answer = subprocess.run(
        [
            binary,
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            "--form-factor=mobile",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(answer.stdout)


def measure(binary, base_url, path, runs):
    reports = [lighthouse(binary, base_url + path) for _ in range(runs)]
    scores = {c: statistics.median(round(r["categories"][c]["score"] * 100) for r in reports) for c in CATEGORIES}
    metrics = {m: statistics.median(r["audits"][m]["numericValue"] for r in reports) for m, _ in METRICS}
    failing = sorted(
        {
            audit["id"]
            for report in reports
            for category in report["categories"].values()
            for ref in category["auditRefs"]
            if ref["weight"] and (audit := report["audits"][ref["id"]])["score"] is not None and audit["score"] < 0.9
        }
    )
    return scores, metrics, failing


def table(rows):
    headers = ["Page", "Performance", "Accessibility", "Best practices", "SEO"] + [label for _, label in METRICS]
    lines = [headers]
    for name, path, scores, metrics, _ in rows:
        cells = [f"{name} ({path})"] + [f"{scores[c]:g}" for c in CATEGORIES]
        cells += [f"{metrics[m]:.3f}" if m == "cumulative-layout-shift" else f"{metrics[m]:.0f}" for m, _ in METRICS]
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(headers))]
    out = []
    for n, line in enumerate(lines):
        out.append(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
        )
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--base-url", help="a portal already running (default: build one on --port)")
    parser.add_argument("--port", type=int, default=8540)
    parser.add_argument("--runs", type=int, default=3, help="runs a page; the median is shown (default 3)")
    parser.add_argument("--lighthouse", help="the lighthouse command (default: /tmp/lh's, then the PATH's)")
    parser.add_argument("--minimum", type=int, default=95, help="exit 1 if any category is below (default 95)")
    args = parser.parse_args()
    binary = find_lighthouse(args.lighthouse)
    with ExitStack() as stack:
        base_url = args.base_url.rstrip("/") if args.base_url else stack.enter_context(production_like(args.port))
        rows = []
        for name, path in PAGES:
            path = path or first_entry(base_url)
            print(f"{name}: {path}…", file=sys.stderr)
            rows.append((name, path, *measure(binary, base_url, path, args.runs)))
    print(f"Lighthouse, mobile, median of {args.runs} runs a page ({base_url})\n")
    print(table(rows))
    below = [(name, c, s[c]) for name, _, s, _, _ in rows for c in CATEGORIES if s[c] < args.minimum]
    for name, _, _, _, failing in rows:
        if failing:
            print(f"\n{name}, audits under 90 in some run: {', '.join(failing)}")
    if below:
        print(f"\nBelow {args.minimum}: " + "; ".join(f"{name} {c} {s:g}" for name, c, s in below))
        sys.exit(1)


if __name__ == "__main__":
    main()
