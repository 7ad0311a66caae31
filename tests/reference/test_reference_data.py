"""Reference data loaded by migrations, and the demo content `make run` loads."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from reference import cached, generation
from reference.models import LocalAuthority, SharingCategory, SubRegion, Theme
from submissions.models import Practice

pytestmark = pytest.mark.django_db


def test_the_33_london_authorities_are_grouped_into_sub_regions():
    assert LocalAuthority.objects.count() == 33
    assert LocalAuthority.objects.get(gss_code="E09000026").name == "Redbridge"
    east = SubRegion.objects.get(name="East London")
    assert set(east.local_authorities.values_list("short_name", flat=True)) == {
        "City", "Barking & Dagenham", "Hackney", "Havering", "Newham", "Redbridge", "Tower Hamlets", "Waltham Forest",
    }  # fmt: skip
    assert SubRegion.objects.get(name="North Central London").local_authorities.count() == 5


def test_the_five_sharing_categories_of_the_template_in_order():
    assert list(SharingCategory.objects.values_list("name", flat=True)) == [
        "Within your organisation",
        "With children and families",
        "With communities",
        "With partners",
        "Through research",
    ]


def test_a_starter_list_of_themes():
    names = set(Theme.objects.active().values_list("name", flat=True))
    assert {"Youth justice", "School exclusions", "SEND", "Policing and stop and search", "Workforce"} <= names


def test_demo_content_is_the_sample_proformas_published_and_an_account_per_role(settings):
    settings.DEBUG = True

    call_command("load_demo")
    call_command("load_demo")  # safe to run again

    published = Practice.objects.published()
    assert published.count() == 3
    islington = published.get(local_authority__name="Islington")
    assert islington.title == "Reflective Race and Identity Circles"
    assert islington.contacts.get().email == "priya.raman@example.org"
    assert islington.resources.count() == 2
    assert published.get(local_authority__name="Redbridge").title == (
        "Disproportionality through the lens of youth justice outcomes"
    )  # the return said "Various", which the proforma now refuses
    assert User.objects.filter(email__endswith="@example.org").count() == 6
    assert User.objects.get(email="analyst@example.org").has_perm("evidence.load_dataset")


def test_demo_content_refuses_to_load_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")


def test_orphan_uploads_older_than_a_day_are_cleared_and_used_ones_kept(tmp_path):
    import os
    import time

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.conftest import attach_pdf
    from tests.factories import PracticeFactory

    used = attach_pdf(PracticeFactory()).file.name
    orphan = default_storage.save("resources/orphan.pdf", ContentFile(b"%PDF-1.4"))
    fresh = default_storage.save("resources/fresh.pdf", ContentFile(b"%PDF-1.4"))
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    for name in (used, orphan):
        os.utime(default_storage.path(name), (two_days_ago, two_days_ago))

    call_command("clear_orphan_uploads")

    assert default_storage.exists(used)
    assert not default_storage.exists(orphan)
    assert default_storage.exists(fresh)  # may still belong to a form being corrected


def test_reference_lists_follow_a_change_made_in_another_process(db, monkeypatch):
    send = Theme.objects.get(slug="send")
    assert cached.lists()["theme"][send.pk].name == "SEND"
    # Another process renames the theme: only the database tells this one.
    Theme.objects.filter(pk=send.pk).update(name="SEND and inclusion")
    generation.bump()
    assert cached.lists()["theme"][send.pk].name == "SEND"  # its copy is trusted for a few seconds
    monkeypatch.setattr(cached, "CHECK_EVERY", 0)
    assert cached.lists()["theme"][send.pk].name == "SEND and inclusion"


def test_an_admin_change_reaches_this_process_at_once(db):
    assert "Housing" not in {theme.name for theme in cached.lists()["theme"].values()}
    Theme.objects.create(name="Housing", slug="housing")
    assert "Housing" in {theme.name for theme in cached.lists()["theme"].values()}
