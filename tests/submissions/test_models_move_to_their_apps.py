"""
Migration submissions 0018 moved seventeen models out of the submissions app into the apps of
their domains without touching their tables. This builds a database as it was just before (at
submissions 0017), fills every model through the models of that day, files included, migrates to
today's layout and reads every row back through today's models. On PostgreSQL the index rows keep
the vectors its search migrations made, and full-text search still finds the entry.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from search import engine

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("submissions", "0017_personal_data")]
NEW_APPS = ["reference", "accounts", "outbox", "calls", "publishing", "privacy", "search"]


def migrate(targets):
    MigrationExecutor(connection).migrate(targets)


def fill(old):
    """A row in every model of the submissions app as it was, through its own historical models."""

    def model(name):
        return old.get_model("submissions", name)

    user = old.get_model("auth", "User").objects.create(username="lead@example.org", email="lead@example.org")
    region = model("SubRegion").objects.create(name="Test sub-region", slug="test-sub-region")
    borough = model("LocalAuthority").objects.create(
        name="Testborough", short_name="Test", slug="testborough", gss_code="E09999999", sub_region=region
    )
    category = model("SharingCategory").objects.create(name="With testers", slug="with-testers", position=9)
    theme = model("Theme").objects.create(name="Test theme", slug="test-theme")
    model("Membership").objects.create(user=user, local_authority=borough)
    call = model("Call").objects.create(
        title="Test call", message="Send us practice", opens_on="2026-11-01", return_by="2026-12-31", created_by=user
    )
    call.local_authorities.add(borough)
    call.themes.add(theme)
    model("CallReminder").objects.create(call=call, local_authority=borough, sent_on="2026-11-20", sent_by=user)
    practice = model("Practice").objects.create(
        local_authority=borough,
        call=call,
        title="Zebrafinch mentoring",
        summary="Mentoring",
        description="Zebrafinch mentoring for care leavers",
        impact="Fewer exclusions",
        status="published",
        published_at=timezone.now(),
    )
    practice.categories.add(category)
    practice.themes.add(theme)
    model("Contact").objects.create(practice=practice, name="Ada Lead", email="ada@example.org")
    stored = default_storage.save("resources/before.pdf", ContentFile(b"%PDF-1.4 before the move"))
    model("Resource").objects.create(
        practice=practice, title="Report", file=stored, original_filename="report.pdf", size=24
    )
    model("Event").objects.create(practice=practice, actor=user, action="published", to_status="published")
    model("Snapshot").objects.create(practice=practice, kind="published", content={"title": practice.title})
    model("ThemeSuggestion").objects.create(practice=practice, name="Test suggestion", suggested_by=user)
    model("OutgoingEmail").objects.create(to="lead@example.org", subject="Hello", body="Body")
    digest = model("DigestSubscription").objects.create(user=user, unsubscribe_token="token")
    digest.sub_regions.add(region)
    digest.themes.add(theme)
    model("ApiToken").objects.create(user=user, name="Website", key_hash="0" * 64)
    model("InactivityWarning").objects.create(user=user)
    model("Erasure").objects.create(fingerprints=["abc"], records=2, by=user)
    model("DeletionRequest").objects.create(user=user, reason="Leaving")
    model("AccountEvent").objects.create(user=user, actor=user, description="Made a lead")
    model("SearchState").objects.update_or_create(pk=1, defaults={"generation": 7})
    model("SearchWord").objects.create(word="zebrafinch", entries=1)
    model("SearchEntry").objects.create(
        practice=practice,
        local_authority=borough,
        sub_region=region,
        call=call,
        published_at=practice.published_at,
        year=2026,
        title=practice.title,
        tags=f",t{theme.pk},c{category.pk},",
        words="zebrafinch mentoring",
    )


def rows_by_table(models):
    """Every row of these models (and of their many-to-many tables), by table, as plain values."""
    through = [field.remote_field.through for model in models for field in model._meta.local_many_to_many]
    return {
        model._meta.db_table: sorted(
            sorted(row.items()) for row in model.objects.values(*[f.attname for f in model._meta.concrete_fields])
        )
        for model in [*models, *through]
    }


def test_every_row_and_file_is_read_through_the_new_apps_after_the_move(reference_data):
    admins = Group.objects.get(name="Admins")
    assert admins.permissions.filter(codename="erase_person", content_type__app_label="privacy").exists()

    migrate([*BEFORE, *[(app, None) for app in NEW_APPS]])
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    fill(old)
    if connection.vendor == "postgresql":  # the vectors the PostgreSQL-only search migrations added columns for
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE submissions_searchentry SET search_vector = to_tsvector('english', words), "
                "rank_vector = to_tsvector('english', title)"
            )
    before = rows_by_table(list(old.get_app_config("submissions").get_models()))
    old_permission = old.get_model("auth", "Permission").objects.get(codename="erase_person")
    assert old_permission.content_type.app_label == "submissions"

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = [model for app in NEW_APPS for model in apps.get_app_config(app).get_models()]
    after = rows_by_table([*moved, *apps.get_app_config("submissions").get_models()])
    # Columns added since the move (the outbox's recipient, say) are new, not moved: only the old ones are compared.
    columns = {table: {name for row in rows for name, _ in row} for table, rows in before.items()}
    assert {
        table: sorted([(name, value) for name, value in row if name in columns[table]] for row in rows)
        for table, rows in after.items()
        if table in before
    } == before
    assert set(before) <= set(after)
    assert sum(len(rows) for rows in before.values()) > 30
    resource = apps.get_model("submissions", "Resource").objects.get()
    assert resource.file.open("rb").read() == b"%PDF-1.4 before the move"
    assert admins.permissions.filter(codename="erase_person", content_type__app_label="privacy").exists()
    assert not admins.permissions.filter(content_type__app_label="submissions", codename__contains="call").exists()
    if connection.vendor == "postgresql":
        assert [hit.title for hit in engine.run("zebrafinch").hits] == ["Zebrafinch mentoring"]
