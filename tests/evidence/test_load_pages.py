"""An analyst loads a file in the browser: the validation report and preview first, then all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from evidence.models import Dataset, Observation
from tests import factories
from tests.evidence.factories import FIXTURES, analyst

pytestmark = pytest.mark.django_db

PROVENANCE = {
    "title": "Permanent exclusions and suspensions in England, 2022/23",
    "publisher": "Department for Education",
    "url": "https://explore-education-statistics.service.gov.uk/",
    "licence": "Open Government Licence v3.0",
    "release_date": "2024-07-18",
}


def upload(client, name, **fields):
    content = (FIXTURES / name).read_bytes() if (FIXTURES / name).exists() else name.encode()
    data = {"file": SimpleUploadedFile("upload.csv", content, "text/csv"), **PROVENANCE, **fields}
    return client.post(reverse("evidence:load"), data)


@pytest.fixture
def signed_in_analyst(client):
    client.force_login(analyst())
    return client


def test_only_analysts_and_admins_may_load(client):
    client.force_login(factories.dcs())
    assert client.get(reverse("evidence:load")).status_code == 403
    client.force_login(analyst())
    assert client.get(reverse("evidence:load")).status_code == 200


def test_the_preview_shows_the_report_and_saves_nothing(signed_in_analyst):
    page = upload(
        signed_in_analyst,
        "dfe_exclusions.csv",
        source="dfe",
        indicators="perm_excl = exclusions/permanent-exclusion\nsusp = exclusions/suspension",
        denominator="headcount",
    )
    text = page.content.decode()
    assert "Check what will be loaded" in text
    assert "<strong>18 rows</strong> can be loaded" in text  # Gypsy/Roma loads as the DfE's own group; London's own
    assert "Rows for local authorities outside London: not loaded" in text
    assert "Ethnic groups not mapped" not in text
    assert not Dataset.objects.exists()


def test_confirming_loads_every_row_with_its_provenance_and_who_loaded_it(signed_in_analyst):
    page = upload(signed_in_analyst, "census_ts021.csv", source="census", stage="population/all-residents")
    token = page.context["token"]
    response = signed_in_analyst.post(reverse("evidence:load_confirm"), {"token": token})
    assert response.status_code == 302
    dataset = Dataset.objects.get()
    assert (dataset.title, dataset.release_date.isoformat(), dataset.row_count) == (
        PROVENANCE["title"],
        "2024-07-18",
        50,
    )
    assert dataset.loaded_by.groups.filter(name="Analysts").exists()
    again = signed_in_analyst.post(reverse("evidence:load_confirm"), {"token": token}, follow=True)
    assert "already been loaded" in again.content.decode()
    assert Observation.objects.count() == 50


def test_a_file_with_problems_cannot_be_loaded(signed_in_analyst):
    page = upload(signed_in_analyst, "dfe_exclusions.csv", source="long")
    text = page.content.decode()
    assert "The file has problems: nothing was loaded" in text
    assert "These columns are missing: la_code" in text
    assert "Load " not in text.split("</h1>")[1].split("Correct the file")[0]


def test_a_forged_token_loads_nothing(signed_in_analyst):
    response = signed_in_analyst.post(
        reverse("evidence:load_confirm"), {"token": "evidence-uploads/x.csv"}, follow=True
    )
    assert "expired or is not valid" in response.content.decode()
    assert not Dataset.objects.exists()


def test_a_dfe_file_needs_its_indicators_named(signed_in_analyst):
    page = upload(signed_in_analyst, "dfe_exclusions.csv", source="dfe", indicators="perm_excl = exclusions/nothing")
    assert "as column = measure/stage" in page.content.decode()
    assert page.context["form"].errors["indicators"]


def test_the_long_template_downloads_with_the_columns_the_loader_reads(client):
    response = client.get(reverse("evidence:long_template"))
    assert response.content.decode().splitlines()[0] == "la_code,period,measure,stage,ethnic_group,count,denominator"


def pending_uploads():
    from django.core.files.storage import default_storage

    try:
        return default_storage.listdir("evidence-uploads")[1]
    except FileNotFoundError:
        return []


def test_a_file_that_cannot_be_loaded_is_not_kept(signed_in_analyst):
    upload(signed_in_analyst, "la_code,period\nE09000012,2022\n", source="long")
    assert pending_uploads() == []


def test_cancelling_a_preview_removes_the_uploaded_file(signed_in_analyst):
    page = upload(signed_in_analyst, "long_youth_justice.csv", source="long")
    assert len(pending_uploads()) == 1
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    response = signed_in_analyst.post(reverse("evidence:load_cancel"), {"token": token}, follow=True)
    assert pending_uploads() == [] and not Dataset.objects.exists()
    assert "Nothing was loaded, and the file you uploaded has been removed." in response.content.decode()


def test_previews_never_confirmed_are_removed_after_a_day_by_the_clean_up_job(signed_in_analyst):
    import os
    import time

    from django.core.files.storage import default_storage

    from privacy.retention import apply_retention

    upload(signed_in_analyst, "long_youth_justice.csv", source="long")
    upload(signed_in_analyst, "long_youth_justice.csv", source="long")
    old, fresh = (f"evidence-uploads/{name}" for name in pending_uploads())
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))
    apply_retention()
    assert pending_uploads() == [fresh.removeprefix("evidence-uploads/")]


def test_a_dataset_file_over_the_resources_limit_but_within_its_own_is_read_whole(signed_in_analyst, settings):
    # Every upload was cut at a resource's limit (20 MB) as it streamed in, so a 22 MB dataset read as empty
    # ("The first row has: .") though the form says up to 50 MB (fourth outside probe). Limits scaled down here.
    content = (FIXTURES / "long_youth_justice.csv").read_bytes()
    settings.RESOURCE_MAX_UPLOAD_BYTES = len(content) // 2
    settings.PORTAL_EVIDENCE_MAX_UPLOAD_BYTES = len(content) * 2

    text = upload(signed_in_analyst, "long_youth_justice.csv", source="long").content.decode()

    assert "Check what will be loaded" in text
    assert "These columns are missing" not in text


def test_a_first_row_of_a_million_columns_is_named_forty_at_most(signed_in_analyst):
    # The fourth outside probe's 10,000,000 commas came back as a 70 MB page in 3 s.
    content = ("a," * 1_000_000 + "\n").encode()
    data = {"file": SimpleUploadedFile("upload.csv", content, "text/csv"), **PROVENANCE, "source": "long"}
    text = signed_in_analyst.post(reverse("evidence:load"), data).content.decode()

    assert "These columns are missing" in text
    assert "and 999,961 more columns" in text
    assert len(text) < 100_000
