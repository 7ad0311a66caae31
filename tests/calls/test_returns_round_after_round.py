"""
East London's calls for practice, three rounds of them, on the demo's own people and entries (`make run`'s
`load_demo` and `load_demo_plans`) and returned proformas from tests/fixtures, each step through the pages as the
people would click them, with Django's test client:

1. Esi, East London's coordinator, makes a call for her sub-region and opens it; each lead gets one email naming the
   call, with a link that starts a return to it and nobody else's details. In round 1 Newham has no lead: Ade, the
   admin, follows the returns page's "Invite a lead for Newham" and the new lead alone gets the invitation.
2. Leads start their returns from their completed proformas ("Start from a completed proforma", opened from the
   call's email), check and correct what the import read, and submit; one lead only saves a draft, which no other
   borough's lead sees.
3. Maya, the moderator, publishes one return and asks for changes on another; the outbox tells that lead, in her
   words; the lead changes it and resubmits, and she publishes it. The entry's history holds each step.
4. The public search finds each published return by words of its own proforma, its snippet marking the word; the
   browse filters by sub-region and local authority count it; a draft is found by no one.
5. After the return-by date, the call's returns page and its practice pack (read back with python-docx) hold
   exactly the round's published returns, with contacts' email addresses for the signed-in readers it is for;
   the public browse pack of the same entries holds none.
6. The next round starts from where the last left: Newham finishes its draft as a return to the new call, Redbridge
   returns an updated version of its project as a new return (changes to a published entry stay with the call
   they were returned to), a borough that does not return is reminded, and each earlier round's pack downloads
   as it did.

Time moves on by patching django.utils.timezone's now and localdate (as tests/plans/test_sent_pack.py does): round
n opens on day 35 × (n - 1), its returns are due three weeks later, and its pack is downloaded the day after.
"""

import html
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document

from reference.models import LocalAuthority, SharingCategory, Theme
from tests import clock

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BASE_URL = "https://practice.example.org"
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
COORDINATOR, MODERATOR, ADMIN, DCS = (
    "coordinator.east@example.org",
    "moderator@example.org",
    "admin@example.org",
    "dcs@example.org",
)
LEADS = {"Redbridge": "lead@example.org", "Hackney": "lead.hackney@example.org"}  # the demo's
NEWHAM_LEAD = "kemi.adebayo@newham.example.gov.uk"  # invited in round 1


@dataclass
class Return:
    """One borough's return in a round: the file it starts from (or its draft from the round before), what its lead
    corrects, and the word the public searches it by. `changes`: the moderator's request, and the lead's new summary."""

    borough: str
    file: Path | None
    title: str
    search_word: str
    summary: str = ""  # the lead's, where the file gives none
    categories: tuple = ()  # ticked by the lead where the file ticks none
    changes: tuple = ()  # (the moderator's comment, the summary the lead writes back)
    draft_only: bool = False
    update: str = ""  # a paragraph added to the file, for an updated version of an earlier return


@dataclass
class Round:
    number: int
    title: str
    message: str
    theme: str
    returns: list
    not_returning: str  # the borough with a lead that returns nothing, and is reminded
    invite: str = ""  # a borough without a lead, whose lead the admin invites
    published: list = field(default_factory=list)  # (borough, title, public path) as it happens
    call_pk: int = 0
    pack: list = field(default_factory=list)  # the pack's paragraphs as downloaded after the return-by date


REDBRIDGE_TITLE = "Redbridge: youth justice as the lens on disproportionality"
ROUNDS = [
    Round(
        1,
        "East London DCS meeting, spring: youth justice",
        "Ahead of the spring meeting, please share your work on youth justice and disproportionality.",
        "youth-justice",
        [
            Return(
                "Hackney",
                FIXTURES / "hackney.txt",
                "Hackney's anti-racist action plan",
                "recruitment",
                summary="Hackney's Children and Families Service works to an anti-racist action plan.",
                categories=("Within your organisation",),
            ),
            Return(
                "Redbridge",
                FIXTURES / "redbridge.txt",
                REDBRIDGE_TITLE,
                "stone",
                summary="Redbridge approaches disproportionality as a whole through youth justice.",
                categories=("With partners",),
                changes=(
                    "Please say in the summary who the work is done with.",
                    "Redbridge approaches disproportionality through youth justice, with the Police.",
                ),
            ),
            Return(
                "Newham",
                FIXTURES / "blind" / "batch1" / "newham-textboxes.docx",
                "Newham Health Equity Champions (CAMHS)",
                "CAMHS",
                summary="Young people trained as Health Equity Champions shape Newham's CAMHS.",
                draft_only=True,
            ),
        ],
        not_returning="Newham",
        invite="Newham",
    ),
    Round(
        2,
        "East London DCS meeting, autumn: health and wellbeing",
        "Ahead of the autumn meeting, please share your work on children's health and wellbeing.",
        "health-and-camhs",
        [
            Return(
                "Newham",
                None,  # the draft it started in round 1
                "Newham Health Equity Champions (CAMHS)",
                "CAMHS",
                changes=(
                    "Please say how many young people have become champions.",
                    "Twelve young people trained as Health Equity Champions shape Newham's CAMHS.",
                ),
            ),
            Return(
                "Redbridge",
                FIXTURES / "redbridge.txt",
                f"{REDBRIDGE_TITLE}: a year on",
                "mentors",
                summary="A year on, Redbridge's youth justice work has trained mentors with the Police.",
                categories=("With partners",),
                update="A year on, twenty community mentors have been trained with the Police.",
            ),
        ],
        not_returning="Hackney",
    ),
    Round(
        3,
        "East London DCS meeting, winter: families and communities",
        "Ahead of the winter meeting, please share your work with families and communities.",
        "community-engagement",
        [
            Return(
                "Newham",
                FIXTURES / "blind" / "batch2" / "newham-printed.pdf",
                "Newham Community Parent Champions",
                "parents",
                summary="Parents from Newham's communities support other parents through early help.",
            ),
            Return(
                "Hackney",
                FIXTURES / "proformas" / "abbreviation-lb-hackney.docx",
                "Kinship First",  # the file's 'Kinship first', as Hackney writes it
                "kinship",
                summary="Kinship carers in Hackney meet monthly with a social worker and an experienced carer.",
                categories=("With children and families",),
                changes=(
                    "Please say in the summary who runs the group.",
                    "Kinship carers meet monthly with a Hackney social worker and a carer who has been through it.",
                ),
            ),
        ],
        not_returning="Redbridge",
    ),
]


# -- reading pages and emails as people do ---------------------------------------------------------------------


class Forms(HTMLParser):
    """The forms of a page: for each, its action and the values a browser would send (text, checked boxes, each
    select's selected option or else its first)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._first, self._textarea = [], None, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        fields, name, kind = self._form["fields"], attrs.get("name"), attrs.get("type")
        if tag == "input" and name and kind not in {"submit", "file", "button"}:
            if kind not in {"checkbox", "radio"}:
                fields.setdefault(name, []).append(attrs.get("value") or "")
            elif "checked" in attrs:
                fields.setdefault(name, []).append(attrs.get("value", "on"))
        elif tag == "select" and name:
            self._select, self._first = name, None
            fields[name] = []
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = attrs.get("value", "")
            if "selected" in attrs:
                fields[self._select] = [attrs.get("value", "")]
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            fields = self._form["fields"]
            fields[self._select] = fields[self._select] or [self._first or ""]
            self._select = None
        elif tag == "textarea" and self._textarea:
            fields = self._form["fields"]
            fields[self._textarea] = [fields[self._textarea][0].removeprefix("\n")]
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["fields"][self._textarea][0] += data


def form(response, action):
    """The values a browser would send from the page's form posting to `action`."""
    parser = Forms()
    parser.feed(page(response))
    for found in parser.forms:
        if found["action"] == action:
            return dict(found["fields"])
    raise AssertionError(f"No form posting to {action}: {[found['action'] for found in parser.forms]}")


def page(response):
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    return response.content.decode()


def words(response):
    """The page's text as read: tags gone, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page(response))).split())


def local(url):
    """An email's link, as the test client asks for it."""
    assert url.startswith(BASE_URL), url
    return url[len(BASE_URL) :]


def links_in(email):
    return re.findall(re.escape(BASE_URL) + r"\S+", email.body)


def docx_paragraphs(response):
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return [(p.style.name, p.text) for p in Document(io.BytesIO(response.content)).paragraphs if p.text.strip()]


def entries_in(pack):
    """(local authority, title) of each entry of a practice pack, from its headings after the contents."""
    found, authority, body = [], None, False
    for style, text in pack:
        body = body or style == "Heading 1"
        if not body:
            continue
        if style == "Heading 2":
            authority = text
        elif style == "Heading 3":
            found.append((authority, text))
    return sorted(found)


def without_date(pack):
    return [(style, text) for style, text in pack if "Produced on" not in text]


class Portal:
    """The demo's people, each in their own browser, and what the outbox sent."""

    def __init__(self, capture, monkeypatch):
        self.capture, self.monkeypatch, self.clients = capture, monkeypatch, {}
        self.public = Client()

    def as_(self, email):
        if email not in self.clients:
            self.clients[email] = Client()
            self.clients[email].force_login(User.objects.get(email=email))
        return self.clients[email]

    def lead_of(self, borough):
        return NEWHAM_LEAD if borough == "Newham" else LEADS[borough]

    @contextmanager
    def emails(self):
        """The emails sent by what is done inside, once its transaction commits."""
        before, sent = len(mail.outbox), []
        with self.capture(execute=True):
            yield sent
        sent.extend(mail.outbox[before:])

    def move_on(self, days):
        """`days` after the first round (tests/clock.py); everyone signs in again (a session lasts a working day)."""
        clock.move_on(self.monkeypatch, days)
        self.clients.clear()


# -- the steps of a round ------------------------------------------------------------------------------------


def make_and_open_the_call(portal, round):
    """Esi makes the call for East London and opens it; each lead gets the call, and only their own email."""
    coordinator = portal.as_(COORDINATOR)
    today = timezone.localdate()
    return_by = today + timedelta(days=21)
    answers = form(coordinator.get(reverse("call_create")), "")
    assert answers["audience"] == ["sub_region"]  # her sub-region, chosen already
    theme = Theme.objects.get(slug=round.theme)
    answers.update(
        title=round.title,
        message=round.message,
        themes=[str(theme.pk)],
        return_by_day=str(return_by.day),
        return_by_month=str(return_by.month),
        return_by_year=str(return_by.year),
    )
    returns_page = coordinator.post(reverse("call_create"), answers, follow=True)
    assert f"The call ‘{round.title}’ is saved. Open it to email the leads." in words(returns_page)
    returns_url = returns_page.redirect_chain[-1][0]
    round.call_pk = int(re.search(r"/calls/(\d+)/returns/", returns_url).group(1))

    leads = {borough: portal.lead_of(borough) for borough in ["Hackney", "Newham", "Redbridge"]}
    if round.invite:
        del leads[round.invite]
    with portal.emails() as sent:
        opened = words(coordinator.post(reverse("call_open", args=[round.call_pk]), follow=True))
    assert f"The call is open. Emailed {len(leads)} leads in {len(leads)} local authorities" in opened
    assert sorted(email.to[0] for email in sent) == sorted(leads.values())
    for address in leads.values():
        [email] = [email for email in sent if email.to == [address]]
        assert email.subject == f"Call for practice: {round.title} (return by {return_by:%-d %B %Y})"
        assert round.message in email.body and theme.name in email.body
        assert set(EMAIL_ADDRESS.findall(email.body)) <= {address}  # nobody else's address
        assert not [other for other in leads.values() if other != address and other in email.body]
        start, about = links_in(email)
        call_page = words(portal.as_(address).get(local(about)))
        assert round.title in call_page and f"Return by {return_by:%-d %B %Y}" in call_page
        proforma = portal.as_(address).get(local(start))
        assert form(proforma, reverse("practice_create"))["call"] == [str(round.call_pk)]
    return sent


def invite_a_lead(portal, round):
    """Ade follows the returns page's invitation link for the borough without a lead; only the new lead is emailed."""
    admin = portal.as_(ADMIN)
    authority = LocalAuthority.objects.get(name=round.invite)
    returns_page = page(admin.get(reverse("call_returns", args=[round.call_pk])))
    invite = f"{reverse('admin:auth_user_add')}?local_authority={authority.pk}"
    assert f'<a href="{invite}">Invite a lead for {round.invite}</a>' in returns_page
    assert f'value="{authority.pk}" selected' in page(admin.get(invite))
    with portal.emails() as sent:
        added = admin.post(
            invite,
            {
                "email": NEWHAM_LEAD,
                "first_name": "Kemi",
                "last_name": "Adebayo",
                "memberships-TOTAL_FORMS": "1",
                "memberships-INITIAL_FORMS": "0",
                "memberships-0-local_authority": str(authority.pk),
            },
        )
    assert added.status_code == 302, words(added)[:2000]
    [invitation] = sent
    assert invitation.to == [NEWHAM_LEAD]
    assert set(EMAIL_ADDRESS.findall(invitation.body)) <= {NEWHAM_LEAD}
    assert any("/accounts/reset/" in link for link in links_in(invitation))


def start_from_the_proforma(portal, round, the_return):
    """The lead opens the call's link, uploads their proforma, checks and corrects what was read, and saves it."""
    lead = portal.as_(portal.lead_of(the_return.borough))
    start = lead.get(reverse("practice_create") + f"?call={round.call_pk}")
    data = the_return.file.read_bytes()
    if the_return.update:  # the lead's updated file: last round's with a new paragraph
        data = data.replace(
            b"\nRecognising the longstanding", f"\n{the_return.update}\nRecognising the longstanding".encode()
        )
        assert the_return.update.encode() in data
    upload = form(start, reverse("practice_import"))
    upload["proforma"] = SimpleUploadedFile(the_return.file.name, data)
    imported = lead.post(reverse("practice_import"), upload)
    said = words(imported)
    assert "We have filled in the form from your proforma." in said
    answers = form(imported, reverse("practice_create"))
    authority = LocalAuthority.objects.get(name=the_return.borough)
    assert answers["local_authority"] == [str(authority.pk)]
    assert answers["call"] == [str(round.call_pk)], "the call the lead started from is still the one answered"
    read = " ".join(value for name in ("title", "summary", "description", "impact") for value in answers[name])
    assert the_return.search_word.lower() in read.lower()  # the word the public finds it by is the file's own
    answers["title"] = [the_return.title]  # the name the lead gives it, over what was read or suggested
    if the_return.summary and not answers["summary"][0].strip():
        answers["summary"] = [the_return.summary]
    if not answers.get("categories"):
        answers["categories"] = [str(SharingCategory.objects.get(name=name).pk) for name in the_return.categories]
    theme = str(Theme.objects.get(slug=round.theme).pk)
    answers["themes"] = sorted({*answers.get("themes", []), theme})
    answers["action"] = ["draft" if the_return.draft_only else "continue"]
    saved = lead.post(reverse("practice_create"), answers)
    assert saved.status_code == 302, words(saved)[:3000]
    return saved["Location"]


def submit(portal, the_return, check_url, message=""):
    lead = portal.as_(portal.lead_of(the_return.borough))
    check = words(lead.get(check_url))
    assert the_return.title in check
    with portal.emails() as sent:
        done = lead.post(check_url, {"message": message} if message else {}, follow=True)
    assert "submitted" in words(done).lower()
    moderator_mail = [email for email in sent if email.to == [MODERATOR]]
    assert moderator_mail and the_return.title in moderator_mail[0].subject
    return int(re.search(r"/submissions/(\d+)/", check_url).group(1))


def decide(portal, pk, decision, comment=""):
    """Maya decides on the review page; the emails her decision sent."""
    moderator = portal.as_(MODERATOR)
    review = reverse("review", args=[pk])
    answers = form(moderator.get(review), "")
    answers.update(decision=[decision], comment=[comment])
    answers.pop("reason", None)
    with portal.emails() as sent:
        decided = moderator.post(review, answers)
    assert decided.status_code == 302 and decided["Location"] == reverse("moderation_queue"), words(decided)[:2000]
    return sent


def change_and_resubmit(portal, round, the_return, pk, email):
    """The lead reads the moderator's words in the email, changes the summary and submits again, with a reply."""
    comment, summary = the_return.changes
    lead = portal.as_(portal.lead_of(the_return.borough))
    assert comment in email.body
    status = local(next(link for link in links_in(email) if "/submissions/" in link))
    assert comment in words(lead.get(status))
    edit = reverse("practice_edit", args=[pk])
    answers = form(lead.get(edit), edit)
    assert answers["call"] == [str(round.call_pk)]
    answers.update(summary=[summary], action=["continue"])
    saved = lead.post(edit, answers)
    assert saved.status_code == 302, words(saved)[:3000]
    submit(portal, the_return, saved["Location"], message="Done: the summary now says so.")


def own_entry(portal, the_return):
    """The entry's number, from the link to it on the lead's My submissions."""
    mine = page(portal.as_(portal.lead_of(the_return.borough)).get(reverse("my_submissions")))
    return int(re.search(r'/submissions/(\d+)/[^"]*">' + re.escape(html.escape(the_return.title)), mine).group(1))


def finish_the_draft(portal, round, the_return):
    """Newham's draft from the round before, now a return to this round's call, chosen on the form."""
    pk = own_entry(portal, the_return)
    lead = portal.as_(portal.lead_of(the_return.borough))
    edit = reverse("practice_edit", args=[pk])
    answers = form(lead.get(edit), edit)
    answers.update(call=[str(round.call_pk)], action=["continue"])
    saved = lead.post(edit, answers)
    assert saved.status_code == 302, words(saved)[:3000]
    return saved["Location"]


def no_other_lead_sees(portal, round, pk, borough):
    for other in ("Hackney", "Redbridge", "Newham"):
        if other == borough or not User.objects.filter(email=portal.lead_of(other)).exists():
            continue
        lead = portal.as_(portal.lead_of(other))
        for name in ("submission_detail", "practice_edit", "practice_check"):
            assert lead.get(reverse(name, args=[pk])).status_code == 404
        assert str(pk) not in re.findall(r"/submissions/(\d+)/", page(lead.get(reverse("my_submissions"))))


def remind(portal, round):
    """Esi reminds those that have not submitted: the borough that did not return, and only its lead."""
    coordinator = portal.as_(COORDINATOR)
    with portal.emails() as sent:
        reminded = words(coordinator.post(reverse("call_remind", args=[round.call_pk]), follow=True))
    assert f"Reminded the leads of 1 local authority: {round.not_returning}." in reminded
    [reminder] = sent
    assert reminder.to == [portal.lead_of(round.not_returning)]
    assert reminder.subject.startswith(f"Reminder: {round.title}")
    assert f"We have not yet received a submitted proforma from {round.not_returning}" in reminder.body
    start = local(links_in(reminder)[0])
    assert form(portal.as_(reminder.to[0]).get(start), reverse("practice_create"))["call"] == [str(round.call_pk)]


def found_by_everyone(portal, round, baseline):
    """Each published return by a word of its own proforma, marked; the filters count the round's returns."""
    for borough, title, path in round.published:
        the_return = next(r for r in round.returns if r.borough == borough)
        results = page(portal.public.get(reverse("practice_list"), {"q": the_return.search_word}))
        cards = {
            re.search(r'href="([^"]+)"', card).group(1): card for card in results.split('class="practice-card"')[1:]
        }
        assert path in cards, (the_return.search_word, title)
        assert f"<mark>{the_return.search_word.lower()}</mark>" in cards[path].lower()
    published = [item for earlier in ROUNDS[: round.number] for item in earlier.published]
    counts = filter_counts(portal)
    assert counts["East London"] == baseline["East London"] + len(published)
    for borough in ("Hackney", "Newham", "Redbridge"):
        assert counts[borough] == baseline[borough] + sum(1 for item in published if item[0] == borough), borough


def found_by_no_one(portal, the_return):
    """An entry not yet published is in no one's search, by a word of its own proforma (the demo's entries,
    returned from the same template, may be)."""
    word = the_return.search_word
    for reader in (portal.public, portal.as_(DCS), portal.as_(LEADS["Hackney"]), portal.as_(MODERATOR)):
        said = words(reader.get(reverse("practice_list"), {"q": word}))
        assert f"result for ‘{word}’" in said or f"results for ‘{word}’" in said
        assert html.escape(the_return.title) not in said and the_return.title not in said


def filter_counts(portal):
    """East London's published entries, as the browse page filtered by the sub-region counts them, and its boroughs'
    options' counts (a borough with none is not offered)."""
    east = page(portal.public.get(reverse("practice_list"), {"sub_region": "east-london"}))
    counts = {"East London": int(re.search(r'id="results-count">(\d+) result', east).group(1))}
    for borough in ("Hackney", "Newham", "Redbridge"):
        option = re.search(re.escape(borough) + r' <span class="filter-count">\((\d+)\)</span>', east)
        counts[borough] = int(option.group(1)) if option else 0
    return counts


def the_packs(portal, round):
    """After the return-by date: the returns page and the pack hold exactly the round's published returns."""
    call_pack = reverse("call_pack", args=[round.call_pk])
    assert portal.public.get(call_pack).status_code == 302  # signed in only
    returns_page = words(portal.as_(COORDINATOR).get(reverse("call_returns", args=[round.call_pk])))
    assert re.search(rf"\b{len(round.published)} published\b", returns_page)  # the counts at its top
    for _, title, _ in round.published:
        assert f"{title} (published)" in returns_page
    assert returns_page.count("(published)") == len(round.published)
    round.pack = docx_paragraphs(portal.as_(DCS).get(call_pack))
    expected = sorted((borough, title) for borough, title, _ in round.published)
    assert entries_in(round.pack) == expected
    text = "\n".join(line for _, line in round.pack)
    for the_return in round.returns:
        if the_return.update:  # the updated version is this round's; the last round's pack does not have it
            assert the_return.update in text
            assert not any(
                the_return.update in line for earlier in ROUNDS[: round.number - 1] for _, line in earlier.pack
            )
    assert "This pack includes contacts' email addresses and phone numbers" in text
    on_the_entries = {  # the contacts' addresses a signed-in reader sees on each entry's page
        address for _, _, path in round.published for address in EMAIL_ADDRESS.findall(words(portal.as_(DCS).get(path)))
    }
    enquiries = {settings.PORTAL_ENQUIRIES_EMAIL}
    assert set(EMAIL_ADDRESS.findall(text)) - enquiries == on_the_entries - enquiries
    public_pack = docx_paragraphs(
        portal.public.get(reverse("practice_export", args=["docx"]), {"sub_region": "east-london"})
    )
    public_text = "\n".join(line for _, line in public_pack)
    assert set(entries_in(round.pack)) <= set(entries_in(public_pack))
    assert not set(EMAIL_ADDRESS.findall(public_text)) - {settings.PORTAL_ENQUIRIES_EMAIL}


def history_of(portal, borough, pk):
    detail = page(portal.as_(portal.lead_of(borough)).get(reverse("submission_detail", args=[pk])))
    return re.findall(r"<strong>([^<]+)</strong> by ([^,]+),", detail.split('class="history"')[1])


# -- the scenario ------------------------------------------------------------------------------------------------


def test_three_rounds_of_east_london_returns(settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.PORTAL_BASE_URL = BASE_URL
    call_command("load_demo", force=True, stdout=io.StringIO())
    call_command("load_demo_plans", force=True, stdout=io.StringIO())
    portal = Portal(django_capture_on_commit_callbacks, monkeypatch)
    baseline = filter_counts(portal)
    drafts = {}

    for round in ROUNDS:
        portal.move_on(35 * (round.number - 1))
        make_and_open_the_call(portal, round)
        if round.invite:
            invite_a_lead(portal, round)

        submitted = {}
        for the_return in round.returns:
            if the_return.file is None:
                check_url = finish_the_draft(portal, round, the_return)
            else:
                check_url = start_from_the_proforma(portal, round, the_return)
            if the_return.draft_only:
                pk = own_entry(portal, the_return)
                drafts[the_return.borough] = the_return
                no_other_lead_sees(portal, round, pk, the_return.borough)
                found_by_no_one(portal, the_return)
                continue
            pk = submit(portal, the_return, check_url)
            no_other_lead_sees(portal, round, pk, the_return.borough)
            found_by_no_one(portal, the_return)
            submitted[the_return.borough] = pk

        remind(portal, round)

        for the_return in round.returns:
            if the_return.draft_only:
                continue
            pk = submitted[the_return.borough]
            if the_return.changes:
                [email] = decide(portal, pk, "request_changes", the_return.changes[0])
                assert email.to == [portal.lead_of(the_return.borough)]
                assert email.subject == f"Changes requested: {the_return.title}"
                change_and_resubmit(portal, round, the_return, pk, email)
            [email] = decide(portal, pk, "publish")
            assert email.subject == f"Published: {the_return.title}"
            path = local(next(link for link in links_in(email) if "/practice/" in link))
            assert the_return.title in words(portal.public.get(path))
            round.published.append((the_return.borough, the_return.title, path))
            steps = history_of(portal, the_return.borough, pk)
            expected = ["Created", "Submitted"]
            if the_return.changes:
                expected += ["Changes requested", "Submitted"]
            assert [action for action, _ in steps if action != "Edited"] == [*expected, "Published"]
            assert [who for action, who in steps if action in ("Changes requested", "Published")][-1] == "Maya Shah"

        found_by_everyone(portal, round, baseline)
        for still_a_draft in drafts.values():
            if still_a_draft.borough not in submitted:
                found_by_no_one(portal, still_a_draft)

        portal.move_on(35 * (round.number - 1) + 22)
        the_packs(portal, round)
        for earlier in ROUNDS[: round.number - 1]:
            again = docx_paragraphs(portal.as_(DCS).get(reverse("call_pack", args=[earlier.call_pk])))
            assert without_date(again) == without_date(earlier.pack)
