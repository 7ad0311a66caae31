import json
import subprocess
import sys
import time
import zlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection

from operations import scheduling
from operations.models import JobRun
from tests.operations.processes import portal_env

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 11, 2, 10, 30, tzinfo=LONDON)


@pytest.mark.django_db
def test_a_due_job_runs_once_then_waits_for_its_next_time():
    assert scheduling.run_due(MORNING, only=["send_pending_emails"]) == {"send_pending_emails": "ok"}
    assert scheduling.run_due(MORNING + timedelta(minutes=1), only=["send_pending_emails"]) == {
        "send_pending_emails": "not due"
    }
    assert scheduling.run_due(MORNING + timedelta(minutes=5), only=["send_pending_emails"]) == {
        "send_pending_emails": "ok"
    }
    assert JobRun.objects.get(job="send_pending_emails").runs == 2


@pytest.mark.django_db
def test_emails_the_mail_server_would_not_take_make_the_job_fail_not_ok(settings):
    from outbox import mail
    from tests.factories import lead

    settings.EMAIL_BACKEND = "tests.failing_mail.EmailBackend"
    mail.queue([lead("Hackney")], "Published: Mentoring", "emails/invitation.txt", {})
    mail.send()  # as after the commit that queued it

    outcome = scheduling.run_due(MORNING, only=["send_pending_emails"])["send_pending_emails"]

    assert outcome.startswith("failed: CommandError: 1 email(s) could not be sent and are still waiting")
    assert JobRun.objects.get(job="send_pending_emails").last_outcome == outcome


@pytest.mark.django_db
def test_a_daily_job_is_next_due_at_its_hour_tomorrow():
    scheduling.run_due(MORNING, only=["send_call_reminders"])
    due = JobRun.objects.get(job="send_call_reminders").next_due_at
    assert due.astimezone(LONDON) == datetime(2026, 11, 3, 9, 0, tzinfo=LONDON)


@pytest.mark.django_db
def test_one_failing_job_does_not_stop_the_others(monkeypatch, capsys):
    monkeypatch.setattr(scheduling, "JOBS", [scheduling.Job("no_such_command", timedelta(minutes=5)), *scheduling.JOBS])
    outcomes = scheduling.run_due(MORNING)
    assert outcomes["no_such_command"].startswith("failed: CommandError")
    assert set(outcomes.values()) == {outcomes["no_such_command"], "ok"}
    assert JobRun.objects.get(job="no_such_command").next_due_at == MORNING + timedelta(minutes=15)  # tried again soon


@pytest.mark.django_db
def test_the_command_says_what_each_job_did_only_in_its_json_log_lines(capsys):
    call_command("run_scheduled", only=["send_digests"])
    assert capsys.readouterr().out == ""  # the job's JSON line (portal.jobs) is all stdout carries


@pytest.mark.django_db
def test_an_operator_runs_one_job_now_even_when_it_is_not_due(capsys):
    call_command("run_scheduled", only=["send_pending_emails"])
    assert scheduling.run_due(only=["send_pending_emails"]) == {"send_pending_emails": "not due"}
    call_command("run_scheduled", only=["send_pending_emails"], now=True)
    assert JobRun.objects.get(job="send_pending_emails").runs == 2


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_a_job_still_running_on_another_server_is_left_alone():
    import psycopg2

    other = psycopg2.connect(**connection.get_connection_params())
    other.autocommit = True
    key = zlib.crc32(b"portal.job.send_digests")
    other.cursor().execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        assert scheduling.run_due(MORNING, only=["send_digests"]) == {"send_digests": "running elsewhere"}
    finally:
        other.cursor().execute("SELECT pg_advisory_unlock(%s)", [key])  # the other server's job ends
        other.close()
    assert scheduling.run_due(MORNING, only=["send_digests"]) == {"send_digests": "ok"}


AT_ONCE = """
import time, django
django.setup()
from django.core.management import call_command
time.sleep(max(0, {start} - time.time()))
call_command("run_scheduled")
"""


@pytest.mark.django_db(transaction=True)
def test_two_servers_running_it_at_once_run_each_job_once():
    start = time.time() + 4  # both processes have set Django up by then, and start together
    env = portal_env(DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", AT_ONCE.format(start=start)], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [server.communicate(timeout=60)[0] for server in servers]
    assert [server.returncode for server in servers] == [0, 0]
    lines = [[json.loads(line) for line in output.splitlines()] for output in outputs]  # every line is JSON
    said = [{line["job"]: line["outcome"] for line in server if line["logger"] == "portal.jobs"} for server in lines]
    for job in scheduling.JOBS:
        outcomes = sorted(answer[job.command] for answer in said)
        assert outcomes[0] in {"not due", "ok"} and outcomes[1] in {"ok", "running elsewhere"}, outcomes
        assert outcomes.count("ok") == 1, outcomes
    assert {run.job: run.runs for run in JobRun.objects.all()} == {job.command: 1 for job in scheduling.JOBS}
