"""
The deployment of deploy/, for real: nginx with TLS in front of two gunicorn instances on one
database. Each journey checks which instance answered (nginx's X-Upstream header), so "saved on
one, read on the other" is what happened, not what was hoped. The bucket is reached through a
relay that can be made to hang (tests/operations/relay.py).
"""

import json
import random
import re
import threading
import time
from contextlib import contextmanager

import pytest
import requests
import urllib3  # noqa: F401

from bench.front import MAX_UPLOAD_MB, front
from operations import health
from reference.models import SearchState, Theme
from submissions.models import Resource
from tests import factories
from tests.conftest import PDF_BYTES
from tests.operations.buckets import bucket_env
from tests.operations.forms import form_values, post_form, sign_in
from tests.operations.processes import portal_env
from tests.operations.relay import Relay
from tests.submissions.test_proforma import proforma_data

pytestmark = [
    pytest.mark.usefixtures("reference_data", "new_generation"),
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),  # the throwaway certificate
]


@pytest.fixture(scope="module")
def storage(s3_endpoint):
    relay = Relay(s3_endpoint)
    yield relay
    relay.close()


@pytest.fixture(scope="module")
def portal(django_db_setup, storage, tmp_path_factory):
    """Each instance has its own media folder, as two servers would: they share only the bucket."""
    env = portal_env(
        DJANGO_SETTINGS_MODULE="tests.operations.instance_settings",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        DJANGO_STATIC_ROOT=str(tmp_path_factory.mktemp("static")),
        **bucket_env(storage.url, "portal-front"),
    )
    with front(tmp_path_factory.mktemp("front"), env) as running:
        yield running


@pytest.fixture
def new_generation(reference_data):
    """Each test's database is new to the running instances: make them reload their reference lists."""
    SearchState.objects.update_or_create(pk=1, defaults={"generation": random.randrange(10**6, 10**9)})


@pytest.fixture
def visitor():
    with requests.Session() as session:
        session.verify = False  # the throwaway certificate
        session.trust_env = False  # nor any CA bundle or proxy from the environment
        yield session


def from_the_other_instance(session, url, than, seconds=5):
    """GET url until an instance other than `than` answers; nginx takes turns, so it is soon."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = session.get(url)
        if response.headers["X-Upstream"] != than:
            return response
    raise AssertionError(f"only {than} answered {url}")


def test_a_draft_saved_with_a_file_on_one_instance_is_read_and_downloaded_on_the_other(portal, visitor):
    lead = factories.lead("Hackney")
    assert sign_in(visitor, portal.base, lead.email).status_code == 302
    data = proforma_data(local_authority=str(lead.memberships.get().local_authority_id))
    data["resources-0-title"] = "Evaluation report"
    saved = post_form(
        visitor,
        f"{portal.base}/submissions/new/",
        data,
        files={"resources-0-file": ("evaluation.pdf", PDF_BYTES, "application/pdf")},
    )
    assert saved.status_code == 302, saved.text
    resource = Resource.objects.get()

    page = from_the_other_instance(
        visitor, f"{portal.base}/submissions/{resource.practice_id}/", saved.headers["X-Upstream"]
    )
    assert "Black leadership group" in page.text and "Evaluation report" in page.text
    download = from_the_other_instance(
        visitor, f"{portal.base}/resources/{resource.pk}/download/", saved.headers["X-Upstream"]
    )
    assert download.content == PDF_BYTES
    assert not list(portal.folder.glob("media-*/resources/*"))  # the instances' own disks were not used


def test_a_theme_renamed_on_one_instance_is_seen_on_the_other_within_five_seconds(portal, visitor):
    theme = Theme.objects.get(slug="youth-justice")
    page_url = f"{portal.base}/themes/youth-justice/"
    assert {visitor.get(page_url).headers["X-Upstream"] for _ in range(4)} == {
        address.removeprefix("http://") for address in portal.instances
    }  # both instances have the theme's old name in their copy of the lists
    assert sign_in(visitor, portal.base, factories.admin().email).status_code == 302
    change_url = f"{portal.base}/admin/reference/theme/{theme.pk}/change/"
    values = {**form_values(visitor.get(change_url).text), "name": "Youth justice and policing"}
    renamed = post_form(visitor, change_url, values)
    assert renamed.status_code == 302, renamed.text
    renamed_at = time.monotonic()

    deadline = renamed_at + 5
    while time.monotonic() < deadline:
        page = from_the_other_instance(visitor, page_url, renamed.headers["X-Upstream"])
        if "Youth justice and policing" in page.text:
            break
        time.sleep(0.25)
    assert "Youth justice and policing" in page.text


def test_failed_sign_ins_are_counted_across_both_instances(portal, visitor):
    lead = factories.lead()
    answered = set()
    for attempt in range(5):
        if attempt % 2:
            visitor.get(f"{portal.base}/accessibility/")  # nginx takes turns: the next sign-in goes to the other

        answered.add(sign_in(visitor, portal.base, lead.email, "wrong-password").headers["X-Upstream"])
    assert len(answered) == 2
    locked = sign_in(visitor, portal.base, lead.email)
    assert "Too many attempts to sign in" in locked.text


def test_a_file_one_byte_over_the_limit_gets_the_portals_own_message(portal, visitor):
    lead = factories.lead("Hackney")
    sign_in(visitor, portal.base, lead.email)
    too_big = PDF_BYTES + b"0" * (MAX_UPLOAD_MB * 1024 * 1024 + 1 - len(PDF_BYTES))
    data = {**proforma_data(local_authority=str(lead.memberships.get().local_authority_id)), "resources-0-title": "Big"}
    answer = post_form(
        visitor,
        f"{portal.base}/submissions/new/",
        data,
        files={"resources-0-file": ("big.pdf", too_big, "application/pdf")},
    )
    assert answer.status_code == 200
    assert "The selected file must be smaller than 1.0\xa0MB" in answer.text
    assert not Resource.objects.exists()


def test_plain_http_goes_to_https_and_the_media_folder_has_no_route(portal, visitor):
    redirect = visitor.get(f"{portal.http_base}/practice/?page=2", allow_redirects=False)
    assert redirect.status_code == 301
    assert redirect.headers["Location"] == f"{portal.base}/practice/?page=2"
    home = visitor.get(f"{portal.base}/")
    assert home.status_code == 200  # X-Forwarded-Proto: no redirect loop
    assert "max-age=31536000" in home.headers["Strict-Transport-Security"]
    assert re.fullmatch(r"[0-9a-f]{32}", home.headers["X-Request-ID"])  # nginx's $request_id, passed on
    assert visitor.get(f"{portal.base}/media/resources/test.pdf").status_code == 404


def test_nginx_drops_unknown_host_names_and_keeps_the_port_in_the_portals_links(portal, visitor):
    with pytest.raises(requests.ConnectionError):  # 444: closed without an answer
        visitor.get(f"{portal.base}/", headers={"Host": "203.0.113.9"})
    feed = visitor.get(f"{portal.base}/feeds/practice/")
    assert f'href="{portal.base}/practice/"' in feed.text  # https://127.0.0.1:PORT, not without the port
    assert "nginx/" not in feed.headers.get("Server", "") + visitor.get(f"{portal.base}/media/x").text
    long_search = visitor.get(f"{portal.base}/api/v1/practice/", params={"q": "exclusions " * 500})
    assert long_search.headers["Content-Type"] == "application/json"  # the portal's answer, not gunicorn's 414


def test_the_probes_are_answered_on_each_instances_own_ports_and_never_through_nginx(portal, visitor):
    for path in ("/healthz", "/readyz", "/readyz?full=1", "/%72eadyz"):
        assert visitor.get(f"{portal.base}{path}").status_code == 404
    for instance, health_url in zip(portal.instances, portal.health, strict=True):
        assert requests.get(f"{instance}/readyz", timeout=5).json()["status"] == "ready"
        assert requests.get(health_url, timeout=5).json() == {"status": "ok", "workers": 2}  # gunicorn's master


class Timed(list):
    """(seconds, status or error, which instance) of each answer, from several threads."""

    def slowest(self):
        return max(seconds for seconds, _, _ in self)


def ask(session, url, answers, timeout):
    started = time.monotonic()
    try:
        response = session.get(url, timeout=timeout)
        answers.append((time.monotonic() - started, response.status_code, response.headers.get("X-Upstream")))
        return response
    except requests.RequestException as error:
        answers.append((time.monotonic() - started, type(error).__name__, None))


@contextmanager
def asking(urls, every=0.0, timeout=30):
    """A thread for each url asks for it again and again until the block ends; yields the answers."""
    answers, stop = Timed(), threading.Event()

    def again(url):
        with requests.Session() as session:
            session.verify = session.trust_env = False
            while not stop.is_set():
                ask(session, url, answers, timeout)
                stop.wait(every)

    threads = [threading.Thread(target=again, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    try:
        yield answers
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def log_lines(portal):
    lines = []
    for log_file in portal.folder.glob("gunicorn-*.log"):
        lines += [json.loads(line) for line in log_file.read_text().splitlines() if line.startswith("{")]
    return lines


def test_readyz_with_storage_hanging_delays_no_page_by_more_than_its_timeout(portal, storage):
    browse = [f"{portal.base}/practice/"] * 3
    with asking(browse) as before:
        time.sleep(3)
    # A monitor asks each instance every quarter of a second, giving up on an answer after 4 s.
    monitor = [f"{instance}/readyz" for instance in portal.instances]
    with storage.hanging(), asking(monitor, every=0.25, timeout=4) as probes, asking(browse) as during:
        time.sleep(8)

    assert {status for _, status, _ in before + during} == {200}
    assert during.slowest() < before.slowest() + health.STORAGE_TIMEOUT_S
    assert 503 in {status for _, status, _ in probes}  # not ready: storage does not answer
    assert probes.slowest() < health.STORAGE_TIMEOUT_S + 1
    timeouts = [line for line in log_lines(portal) if line.get("cause") == "storage timeout"]
    assert {"not ready: storage", "storage call passed its timeout"} <= {line["message"] for line in timeouts}

    deadline = time.monotonic() + health.CHECK_EVERY + 5
    while requests.get(monitor[0], timeout=5).status_code != 200:  # ready again once storage answers
        assert time.monotonic() < deadline
        time.sleep(0.25)


def test_an_instance_restarted_under_load_gives_no_request_over_two_seconds(portal):
    browse = [f"{portal.base}/practice/", f"{portal.base}/themes/youth-justice/", f"{portal.base}/accessibility/"]
    restarted = portal.instances[0].removeprefix("http://")
    with asking(browse) as answers:
        time.sleep(2)
        portal.restart(0)
        restarted_at = len(answers)
        time.sleep(7)  # nginx's fail_timeout (5 s): it sends the restarted instance requests again

    assert {status for _, status, _ in answers} == {200}
    assert answers.slowest() < 2
    assert restarted in {upstream for _, _, upstream in answers[restarted_at:]}
    lines = [line["message"] for line in log_lines(portal) if line.get("logger") == "portal.instance"]
    assert lines.count("instance ready") == 3 and lines.count("instance stopped") == 1  # two started, one again
