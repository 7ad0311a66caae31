"""
The load test's users, for locust (see bench/loadtest.py, which starts it).

Most visitors are the public and directors: they browse, filter, search, open an entry and
now and then download what they found. A few are borough leads, who sign in once and
then save drafts of the proforma; now and then one turns hostile (issue 29), sending a proforma
that claims 100,000 contact rows, or "starting from a completed proforma" with a file of a million
lines or a 5 MB title: each must be answered at once, with a message, and never hold a worker until
gunicorn kills it. Each user waits between pages, as people do.
HelloWorld is the baseline: the same users and pauses, asking only for a hello-world view.
"""

import os
import random
import re

from locust import FastHttpUser, between, task

SEARCHES = [
    "exclusion",
    "youth justice",
    '"stop and search"',
    "mentoring",
    "children",
    "windrush",
    "exclusions -police",
]
FILTERS = [
    {"sub_region": "east-london"},
    {"theme": "youth-justice"},
    {"local_authority": "hackney", "sort": "newest"},
    {"sub_region": "north-central-london", "theme": "school-exclusions", "year": "2024"},
    {"category": "with-partners", "sort": "title"},
]
RESULT_LINK = re.compile(r'href="/practice/(\d+)/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
LEADS = [lead.split(":") for lead in os.environ.get("LOADTEST_LEADS", "").split(",") if lead]
WAIT = [float(seconds) for seconds in os.environ.get("LOADTEST_WAIT", "1,3").split(",")]
HOSTILE_ROWS = [
    ("contacts-TOTAL_FORMS", "100000"),
    ("resources-TOTAL_FORMS", "99999999999"),
    ("contacts-TOTAL_FORMS", "1e9"),
]
HOSTILE_FILES = {  # as the outside probe sent them; before issue 29 each took 8 s or more, or a worker timeout
    "million-lines.txt": lambda: b"".join(b"line %07d here\n" % number for number in range(1_000_000)),
    "short-lines.txt": lambda: b"Title: t\n" + b"A line of the story.\n" * 120_000,
    "long-title.txt": lambda: b"Title: " + b"x" * 5_000_000,
}
BOUNDARY = "loadtest-boundary-29"


def get(client, path, name, **params):
    return client.get(path, params=params or None, name=name)


class Visitor(FastHttpUser):
    """The public and directors: read-only."""

    weight = 9
    wait_time = between(*WAIT)
    found = ()

    @task(6)
    def browse(self):
        response = get(self.client, "/practice/", "browse", page=random.choice([1, 1, 1, 2, 3, 50]))
        self.remember(response)

    @task(4)
    def filter(self):
        self.remember(get(self.client, "/practice/", "filter", **random.choice(FILTERS)))

    @task(5)
    def search(self):
        params = {"q": random.choice(SEARCHES), **random.choice([{}, {}, random.choice(FILTERS)])}
        self.remember(get(self.client, "/practice/", "search", **params))

    @task(4)
    def detail(self):
        if self.found:
            get(self.client, f"/practice/{random.choice(self.found)}/", "detail")

    @task(1)
    def export(self):
        file_format = random.choice(["csv", "csv", "xlsx", "docx"])
        filters = {"local_authority": "hackney", "theme": "youth-justice", "year": "2024"}
        get(self.client, f"/practice/download.{file_format}", f"export {file_format}", **filters)

    def remember(self, response):
        self.found = RESULT_LINK.findall(response.text or "") or self.found


class Lead(FastHttpUser):
    """A borough lead: signs in once, then fills in and saves drafts of the proforma."""

    weight = 1
    wait_time = between(*WAIT)

    def on_start(self):
        self.email, self.authority_id = LEADS[random.randrange(len(LEADS))]
        page = get(self.client, "/accounts/login/", "sign in page")
        self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token(page), "username": self.email, "password": PASSWORD},
            headers={"Referer": f"{self.host}/accounts/login/"},  # over HTTPS, Django's CSRF check wants it
            name="sign in",
        )

    @task(4)
    def save_a_draft(self):
        page = get(self.client, "/submissions/new/", "proforma")
        self.client.post(
            "/submissions/new/",
            data=proforma(token(page), self.authority_id),
            headers={"Referer": f"{self.host}/submissions/new/"},
            name="save draft",
        )

    @task(1)
    def claim_many_rows(self):
        page = get(self.client, "/submissions/new/", "proforma")
        self.client.post(
            "/submissions/new/",
            data={**proforma(token(page), self.authority_id), **dict([random.choice(HOSTILE_ROWS)])},
            headers={"Referer": f"{self.host}/submissions/new/"},
            name="hostile rows",
        )

    @task(1)
    def import_an_oversized_file(self):
        page = get(self.client, "/submissions/new/", "proforma")
        name = random.choice(list(HOSTILE_FILES))
        body = multipart({"csrfmiddlewaretoken": token(page)}, "proforma", name, hostile_file(name))
        self.client.post(
            "/submissions/new/from-proforma/",
            data=body,
            headers={
                "Referer": f"{self.host}/submissions/new/",
                "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            },
            name="hostile file",
        )


def hostile_file(name, made={}):  # noqa: B006 - made once per locust process, as the files are large
    if name not in made:
        made[name] = HOSTILE_FILES[name]()
    return made[name]


def multipart(fields, file_field, filename, content):
    """A multipart/form-data body (the fast client sends no files itself)."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        "Content-Type: text/plain\r\n\r\n".encode()
    )
    return b"".join(parts) + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def token(response):
    found = CSRF.search(response.text or "")
    return found.group(1) if found else ""


def proforma(csrf_token, authority_id):
    return {
        "csrfmiddlewaretoken": csrf_token,
        "local_authority": authority_id,
        "title": f"Reverse mentoring for senior leaders {random.randrange(10_000)}",
        "summary": "Senior leaders are mentored by Black and global majority staff.",
        "description": "Pairs meet monthly for a year.\n\n- Leaders hear lived experience\n- Actions are tracked",
        "impact": "Two recruitment practices changed in the first year.",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Ade Bello",
        "contacts-0-role": "Workforce development lead",
        "contacts-0-email": "ade.bello@example.org",
        "contacts-0-phone": "",
        "resources-TOTAL_FORMS": "1",
        "resources-INITIAL_FORMS": "0",
        "action": "draft",
    }


class HelloWorld(FastHttpUser):
    wait_time = between(*WAIT)

    @task
    def hello(self):
        get(self.client, "/bench/hello/", "hello")
