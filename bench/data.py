"""
Synthetic published practice with realistic, varied text: sentences in the proformas' own
words, recombined, with words of known frequency so queries can be chosen by how much they match.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.db.utils import ProgrammingError
from django.utils import timezone

from reference.models import LocalAuthority, SharingCategory, Theme
from search import engine
from submissions.models import Contact, Event, Practice, Resource, Snapshot

# The bench's searches (bench/run.py), by how much they match: (label, search text, filters in the URL's words).
# Here rather than in run.py, which sets Django up with the bench's settings when imported, so tests use them too.
QUERIES = [
    ("one word", "exclusion", {}),
    ("two words", "youth justice", {}),
    ("phrase", '"stop and search"', {}),
    ("rare word", "windrush", {}),
    ("common word", "children", {}),
    ("one word + sub-region", "exclusion", {"sub_region": "east-london"}),
    ("two words + theme", "youth justice", {"theme": "youth-justice"}),
    ("common word + LA + year", "children", {"local_authority": "hackney", "year": "2024"}),
]

OPENINGS = [
    "The service works to an anti-racist action plan agreed with partners.",
    "Recognising longstanding disproportionality, the borough took a deliberate decision to act.",
    "The approach is data-led and has partnership commitment through the management board.",
    "Practitioners bring anonymised cases and examine how race, identity and power shaped decisions.",
    "A programme started to improve outcomes for young black men across health, education and employment.",
    "Open meetings for staff led to an action plan to review the curriculum.",
    "Forums such as the youth parliament are actively engaged with to shape policy.",
    "Recruitment policy, including the use of diverse panels, has been linked to power dynamic training.",
    "Working groups led jointly by a black and a white member of staff look at assessments and decisions.",
    "The building of trust with communities is essential to understanding what may be hidden harms.",
]
SUBJECTS = [
    "youth justice outcomes",
    "stop and search",
    "SEND assessments",
    "children in care",
    "early help referrals",
    "mental health services",
    "the children's workforce",
    "recruitment panels",
    "governor training",
    "reverse mentoring",
    "the curriculum",
    "court work",
    "attainment gaps",
    "re-offending",
    "post-16 transitions",
    "contextual safeguarding",
    "foster carer recruitment",
]
VERBS = ["reviewed", "reduced", "tracked", "challenged", "improved", "audited", "discussed", "mapped", "rebuilt"]
GROUPS = [
    "Black Caribbean pupils",
    "young black men",
    "Gypsy, Roma and Traveller children",
    "Bangladeshi families",
    "mixed heritage children",
    "Somali young people",
    "black women staff",
    "newly qualified social workers",
]
FILLER = (
    "children families partners police schools courts health services practitioners managers leaders data "
    "evidence training community outcomes decisions review plan board panel voice experience trust support "
    "assessment referral placement education employment housing culture identity racism equality inclusion"
).split()


def sentence(rng, rare, topics=SUBJECTS):
    words = [
        f"{rng.choice(GROUPS).capitalize()} and {rng.choice(topics)} were {rng.choice(VERBS)} by the team.",
        f"Work on {rng.choice(topics)} {rng.choice(VERBS)} {rng.randint(5, 60)}% of cases "
        f"involving {rng.choice(GROUPS)}.",
        " ".join(rng.choice(FILLER) for _ in range(rng.randint(8, 16))).capitalize() + ".",
        rng.choice(OPENINGS),
    ]
    text = rng.choice(words)
    return text.replace("team", rare) if rare and rng.random() < 0.5 else text


def description(rng, rare, size, topics):
    """Paragraphs and a bullet list of about `size` characters, about a few topics, as real entries are."""
    parts, length = [], 0
    while length < size:
        if rng.random() < 0.2:
            block = "\n".join(f"- {sentence(rng, rare, topics)}" for _ in range(3))
        else:
            block = " ".join(sentence(rng, rare, topics) for _ in range(rng.randint(2, 5)))
        parts.append(block)
        length += len(block)
    return "\n\n".join(parts)


@transaction.atomic
def load(count, *, seed=2026, description_size=4000, batch=2000, rare_share=0.001, exclusion_share=0.08):
    """Create `count` published entries spread over the last five years, the boroughs and the themes."""
    rng = random.Random(seed)
    authorities = list(LocalAuthority.objects.all())
    themes = list(Theme.objects.all())
    categories = list(SharingCategory.objects.all())
    now = timezone.now()
    Theme_links, Category_links = Practice.themes.through, Practice.categories.through
    for start in range(0, count, batch):
        practices = []
        for n in range(start, min(start + batch, count)):
            rare = "windrush" if rng.random() < rare_share else None
            topics = rng.sample(SUBJECTS, 2) + (["school exclusions"] if rng.random() < exclusion_share else [])
            title = f"{rng.choice(VERBS).capitalize()} {topics[-1]} for {rng.choice(GROUPS)} ({n})"
            published_at = now - timedelta(minutes=rng.randint(0, 5 * 365 * 24 * 60))
            practices.append(
                Practice(
                    local_authority=rng.choice(authorities),
                    title=title[:200],
                    summary=f"{sentence(rng, None, topics)} {sentence(rng, None, topics)}"[:600],
                    description=description(rng, rare, description_size, topics),
                    impact=f"Children and families: {sentence(rng, rare)}",
                    status=Practice.Status.PUBLISHED,
                    submitted_at=published_at,
                    published_at=published_at,
                )
            )
        created = Practice.objects.bulk_create(practices)
        Theme_links.objects.bulk_create(
            Theme_links(practice_id=p.pk, theme_id=t.pk) for p in created for t in rng.sample(themes, rng.randint(1, 3))
        )
        Category_links.objects.bulk_create(
            Category_links(practice_id=p.pk, sharingcategory_id=c.pk)
            for p in created
            for c in rng.sample(categories, rng.randint(1, 3))
        )


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"% a page of the report\n" * 200 + b"%%EOF\n"


def content(practice):
    """What a snapshot keeps (submissions.revisions.content_of), made without a query per entry."""
    return {
        "local_authority": practice.local_authority.name,
        "title": practice.title,
        "categories": [c.name for c in practice.categories.all()],
        "themes": [t.name for t in practice.themes.all()],
        "summary": practice.summary,
        "description": practice.description,
        "impact": practice.impact,
        "contacts": [{"name": "Ama Boateng", "role": "Head of service", "email": "", "phone": ""}],
        "resources": [{"title": "Evaluation report", "url": "", "filename": "evaluation.pdf"}],
    }


@transaction.atomic
def complete():
    """Give each published entry without contacts what entries on the portal have: two contacts, a web link
    and a stored file, its submitted and published events and snapshots; one in ten, changes in progress."""
    moderator, _ = get_user_model().objects.get_or_create(username="bench-moderator@example.org")
    bare = Practice.objects.published().filter(revision_of=None, contacts=None)
    bare = bare.select_related("local_authority").prefetch_related("themes", "categories").order_by("pk")
    for practice in bare.iterator(chunk_size=1000):
        n = practice.pk
        Contact.objects.bulk_create(
            [
                Contact(practice=practice, name="Ama Boateng", role="Head of service", email=f"ama{n}@example.org"),
                Contact(practice=practice, name="Tom Reid", role="Data lead", phone="020 7946 0000"),
            ]
        )
        stored = default_storage.save(f"resources/bench-{n}.pdf", ContentFile(PDF))
        Resource.objects.bulk_create(
            [
                Resource(practice=practice, title="Programme page", url=f"https://example.org/practice/{n}"),
                Resource(
                    practice=practice,
                    title="Evaluation report",
                    file=stored,
                    original_filename="evaluation.pdf",
                    content_type="application/pdf",
                    size=len(PDF),
                ),
            ]
        )
        Event.objects.bulk_create(
            Event(practice=practice, actor=moderator, action=action, to_status=action, created_at=practice.published_at)
            for action in (Event.Action.SUBMITTED, Event.Action.PUBLISHED)
        )
        Snapshot.objects.bulk_create(
            Snapshot(practice=practice, kind=kind, content=content(practice), created_by=moderator)
            for kind in (Snapshot.Kind.SUBMITTED, Snapshot.Kind.PUBLISHED)
        )
        if n % 10 == 0:
            revision = Practice.objects.create(
                local_authority=practice.local_authority,
                revision_of=practice,
                title=practice.title,
                summary=practice.summary,
                description=practice.description + "\n\nA paragraph added this year.",
                impact=practice.impact,
                created_by=moderator,
            )
            revision.themes.set(practice.themes.all())
            Contact.objects.create(practice=revision, name="Ama Boateng", role="Head of service")


def prepare(count):
    """
    Migrate, collect the production static files, and make sure `count` entries are published and
    indexed, loading the ones missing. On PostgreSQL, then gather statistics and checkpoint, so that
    writing the load back to disk does not go on while the benchmark measures. Returns how many
    entries were loaded.
    """
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    missing = max(0, count - Practice.objects.published().count())
    if missing:
        load(missing)
        engine.rebuild()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
                try:
                    cursor.execute("CHECKPOINT")
                except ProgrammingError:  # not a superuser: measure all the same
                    pass
    return missing
