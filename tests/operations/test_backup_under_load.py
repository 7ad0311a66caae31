"""
The backup and restore drill of docs/deploy.md under load, for real: nginx in front of two gunicorn
instances on one database and a bucket, leads saving drafts with a file through nginx while
`manage.py backup` runs; then a fresh database, `migrate` and `manage.py restore`, as the drill does.
"""

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from django.db import connection

from bench import data
from bench.front import front
from operations.object_storage import s3_storages
from submissions.models import Practice
from tests import factories
from tests.conftest import PDF_BYTES
from tests.operations.buckets import bucket_env
from tests.operations.forms import post_form, sign_in
from tests.operations.processes import portal_env
from tests.submissions.test_proforma import proforma_data

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = 400  # enough that the dump lasts while the leads save
pytestmark = [
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),  # the throwaway certificate
]
# What the restored portal holds, printed by `manage.py shell` there: each entry's title and its files' contents.
HELD = """
import json
from submissions.models import Practice
print(json.dumps({p.pk: [p.title, [r.file.open("rb").read().decode() for r in p.resources.exclude(file="")]]
                  for p in Practice.objects.prefetch_related("resources")}))
"""


@pytest.fixture(scope="module")
def live_bucket(s3_endpoint):
    return bucket_env(s3_endpoint, f"portal-{uuid.uuid4().hex[:12]}")


@pytest.fixture(scope="module")
def portal(django_db_setup, live_bucket, tmp_path_factory):
    env = portal_env(
        DJANGO_SETTINGS_MODULE="tests.operations.instance_settings",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
        **live_bucket,
    )
    with front(tmp_path_factory.mktemp("front"), env) as running:
        yield running


class Lead(threading.Thread):
    """Saves a draft with a file through nginx, again and again, noting when each was saved."""

    def __init__(self, base, number):
        super().__init__()
        lead = factories.lead("Hackney")
        self.base, self.email, self.number = base, lead.email, number
        self.local_authority = str(lead.memberships.get().local_authority_id)
        self.saved, self.failed, self.stop = [], [], threading.Event()

    def run(self):
        with requests.Session() as session:
            session.verify, session.trust_env = False, False
            sign_in(session, self.base, self.email)
            while not self.stop.is_set():
                title = f"Draft {self.number}-{len(self.saved) + len(self.failed)}"
                values = {**proforma_data(local_authority=self.local_authority), "title": title}
                values["resources-0-title"] = f"Report for {title}"
                answer = post_form(
                    session,
                    f"{self.base}/submissions/new/",
                    values,
                    files={"resources-0-file": ("report.pdf", PDF_BYTES + title.encode(), "application/pdf")},
                )
                (self.saved if answer.status_code == 302 else self.failed).append((time.monotonic(), title))


@pytest.fixture
def fresh_database():
    """A new, empty database beside the test database, as `createdb` makes for the drill; as a URL."""
    name = f"drill_{uuid.uuid4().hex[:8]}"
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"]).with_name(f"{name}.sqlite3")
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE DATABASE {name}")
    db = connection.get_connection_params()
    yield f"postgres://{db.get('user', '')}@/{name}?host={db['host']}&port={db['port']}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE {name}")


def manage(*arguments, env):
    done = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_a_backup_taken_while_leads_save_drafts_with_files_restores_every_entry_with_its_files(
    portal, live_bucket, s3_endpoint, fresh_database, settings, tmp_path
):
    settings.STORAGES = {**settings.STORAGES, **s3_storages(live_bucket)}  # the entries already there: in the bucket
    data.load(ENTRIES, description_size=1000)
    data.complete()
    there = Practice.objects.count()  # with their revisions in progress
    leads = [Lead(portal.base, number) for number in range(2)]
    for lead in leads:
        lead.start()
    time.sleep(1)
    started = time.monotonic()
    live = portal_env(**live_bucket)
    out = manage("backup", str(tmp_path / "portal.zip"), env=live)
    finished = time.monotonic()
    time.sleep(1)
    for lead in leads:
        lead.stop.set()
        lead.join()
    saved = [title for lead in leads for when, title in lead.saved]
    during = [title for lead in leads for when, title in lead.saved if started < when < finished]
    before = {title for lead in leads for when, title in lead.saved if when < started}
    assert during and not [lead.failed for lead in leads if lead.failed], out  # saves went on as it ran

    drill = {**portal_env(**bucket_env(s3_endpoint, f"drill-{uuid.uuid4().hex[:8]}")), "DATABASE_URL": fresh_database}
    drill["PORTAL_S3_BACKUP_BUCKET"] = live_bucket["PORTAL_S3_BUCKET"]  # read only, as the drill does
    manage("migrate", env=drill)
    restored = manage("restore", str(tmp_path / "portal.zip"), env=drill)
    held = json.loads(manage("shell", "-c", HELD, env=drill).splitlines()[-1])

    drafts = {title: files for title, files in held.values() if title.startswith("Draft ")}
    assert before <= set(drafts) <= set(saved)  # every draft saved before it began, and only saved ones
    assert all(files == [(PDF_BYTES + title.encode()).decode()] for title, files in drafts.items())  # each its file
    assert len(held) == there + len(drafts)
    assert f"Restored {len(held)} entries" in restored
