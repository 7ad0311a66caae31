"""
Object storage going away while a lead saves, through deploy/'s nginx and two gunicorn instances on
the bucket of a real S3 API (moto's server, stopped and started again here): the portal answers 503
with every answer on the page, saves nothing, and saves the lead's next try once storage is back.
"""

import sys
import time
from pathlib import Path

import pytest
import requests

from bench.front import front, process, wait_for
from bench.server import free_port
from submissions.models import Practice, Resource
from submissions.unavailable import FILE_NOT_SAVED
from tests import factories
from tests.conftest import PDF_BYTES
from tests.operations.buckets import bucket_env, keys
from tests.operations.forms import form_values, post_form, sign_in
from tests.operations.processes import portal_env
from tests.submissions.test_proforma import proforma_data

pytestmark = [
    pytest.mark.usefixtures("reference_data"),
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),  # the throwaway certificate
]
BUCKET = "portal-faults"


class Storage:
    """moto's S3 server on a fixed port, which a test can stop and start again (in memory: a restart is empty)."""

    def __init__(self, folder):
        self.folder, self.port, self.running = folder, free_port(), None
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def start(self):
        command = [Path(sys.executable).with_name("moto_server"), "-H", "127.0.0.1", "-p", str(self.port)]
        self.running = process(command, self.folder / f"moto-{time.monotonic_ns()}.log")
        self.running.__enter__()
        wait_for(f"{self.endpoint}/moto-api/")

    def stop(self):
        if self.running:
            self.running.__exit__(None, None, None)
            self.running = None


@pytest.fixture(scope="module")
def storage(tmp_path_factory):
    storage = Storage(tmp_path_factory.mktemp("moto"))
    storage.start()
    yield storage
    storage.stop()


@pytest.fixture(scope="module")
def portal(django_db_setup, storage, tmp_path_factory):
    env = portal_env(
        DJANGO_SETTINGS_MODULE="tests.operations.instance_settings",
        DJANGO_STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
        **bucket_env(storage.endpoint, BUCKET),
    )
    with front(tmp_path_factory.mktemp("front"), env) as running:
        yield running


@pytest.fixture
def lead_session(portal):
    with requests.Session() as session:
        session.verify = False  # the throwaway certificate
        session.trust_env = False
        lead = factories.lead("Hackney")
        assert sign_in(session, portal.base, lead.email).status_code == 302
        session.authority_id = str(lead.memberships.get().local_authority_id)
        yield session


def test_storage_out_of_reach_during_a_save_answers_503_keeps_every_answer_and_saves_the_next_try(
    portal, storage, lead_session
):
    url = f"{portal.base}/submissions/new/"
    data = proforma_data(local_authority=lead_session.authority_id, title="Reverse mentoring with governors")
    data["resources-0-title"] = "Evaluation report"
    report = {"resources-0-file": ("evaluation.pdf", PDF_BYTES, "application/pdf")}
    lead_session.get(url)  # the page, read while storage is there

    storage.stop()
    try:
        refused = post_form(lead_session, url, data, files=report)
    finally:
        storage.start()

    assert refused.status_code == 503, refused.text[:500]
    assert FILE_NOT_SAVED in refused.text
    for typed in ("Reverse mentoring with governors", "Lisa Aldridge", "020 7946 0002", "Evaluation report"):
        assert f'value="{typed}"' in refused.text
    assert "The group meets monthly." in refused.text
    assert "Choose ‘evaluation.pdf’ again" in refused.text
    assert not Practice.objects.exists() and not Resource.objects.exists()

    bucket_env(storage.endpoint, BUCKET)  # the restarted server is empty: the bucket again
    again = post_form(lead_session, url, {**form_values(refused.text), "action": "draft"}, files=report)

    assert again.status_code == 302, again.text[:500]
    resource = Resource.objects.get()
    assert resource.practice.title == "Reverse mentoring with governors"
    assert keys(storage.endpoint, BUCKET) == [resource.file.name]
