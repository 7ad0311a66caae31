"""
The portal's scheduled jobs and `run_scheduled`'s one pass over them.

A timer (systemd, or one cron line) runs `manage.py run_scheduled` every five minutes on every
app server. Each job that is due is claimed with one conditional UPDATE of its row, which only
one server can win for a given due time, and runs under a PostgreSQL advisory lock held for as
long as it runs, so a long run is never overlapped by the next one (docs/decisions/0010).
"""

import io
import logging
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.utils import timezone

from operations.logs import log
from operations.models import JobRun

logger = logging.getLogger("portal.jobs")
RETRY_AFTER_FAILURE = timedelta(minutes=15)


@dataclass(frozen=True)
class Job:
    command: str
    every: timedelta
    at_hour: int | None = None  # daily jobs run once the local clock has passed this hour

    def next_due(self, now):
        if self.at_hour is None:
            return now + self.every
        local = timezone.localtime(now)
        due = local.replace(hour=self.at_hour, minute=0, second=0, microsecond=0)
        return due + timedelta(days=1) if due <= local else due


JOBS = [
    Job("send_pending_emails", every=timedelta(minutes=5)),
    # The evidence pages' protected tables, soon after a load or a deletion (nothing to do otherwise).
    Job("build_evidence_tables", every=timedelta(minutes=5)),
    Job("send_call_reminders", every=timedelta(days=1), at_hour=9),
    Job("send_digests", every=timedelta(days=1), at_hour=7),
    Job("send_plan_reminders", every=timedelta(days=1), at_hour=8),
    # Retention also clears orphan uploads (files kept for a proforma that was never saved).
    Job("apply_retention", every=timedelta(days=1), at_hour=2),
]


@contextmanager
def advisory_lock(name):
    """Yield whether this connection holds the job's lock; PostgreSQL only (SQLite is one machine,
    and its write lock already serialises the claims)."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = zlib.crc32(f"portal.job.{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def claim(job, now):
    """True for exactly one caller per due time: the UPDATE moves the due time on as it matches."""
    JobRun.objects.get_or_create(job=job.command, defaults={"next_due_at": now})
    return bool(
        JobRun.objects.filter(job=job.command, next_due_at__lte=now).update(
            next_due_at=job.next_due(now), last_started_at=now
        )
    )


def skipped(job, outcome):
    log(logger, "job", job=job.command, outcome=outcome)
    return outcome


def run_job(job, now, force=False):
    """Run one job if it is due (or `force`) and not running elsewhere; return its outcome."""
    with advisory_lock(job.command) as held:
        if not held:
            return skipped(job, "running elsewhere")
        if not claim(job, now) and not force:
            return skipped(job, "not due")
        started = time.perf_counter()
        output = io.StringIO()
        try:
            call_command(job.command, stdout=output)
            outcome = "ok"
        except Exception as error:  # one job's failure must not stop the others
            outcome = f"failed: {type(error).__name__}: {error}"[:200]
            logger.exception("job failed", extra={"fields": {"job": job.command}})
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        retry = {} if outcome == "ok" else {"next_due_at": now + RETRY_AFTER_FAILURE}  # not tomorrow
        JobRun.objects.filter(job=job.command).update(
            last_finished_at=timezone.now(), last_outcome=outcome, runs=F("runs") + 1, **retry
        )
        summary = output.getvalue().strip().splitlines()[-1:] or [""]
        log(logger, "job", job=job.command, outcome=outcome, duration_ms=duration_ms, said=summary[0])
        return outcome


def run_due(now: datetime | None = None, only=(), force=False):
    """One pass: each job in turn; return {job: outcome}."""
    now = now or timezone.now()
    return {job.command: run_job(job, now, force) for job in JOBS if not only or job.command in only}
