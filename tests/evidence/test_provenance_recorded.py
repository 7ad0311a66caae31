"""Where figures come from is recorded as the analyst gave it: a publisher and who loaded it always, and no licence
the analyst did not give."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from evidence.models import Dataset
from tests import factories
from tests.evidence.factories import FIXTURES, analyst, load_csv

pytestmark = pytest.mark.django_db

CENSUS = str(FIXTURES / "census_ts021.csv")


def load(*arguments):
    call_command("load_dataset", CENSUS, "--source=census", "--confirm-all-ages", *arguments, stdout=io.StringIO())


def test_the_command_needs_a_publisher():
    analyst(email="ana@example.org")
    with pytest.raises(CommandError, match="--publisher"):
        load("--by=ana@example.org")
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("by", [None, "nobody@example.org", "lead@example.org"])
def test_the_command_records_who_loaded_it_an_analyst_or_admin_of_the_portal(by):
    factories.UserFactory(email="lead@example.org")
    with pytest.raises(CommandError, match="--by"):
        load("--publisher=ONS", *([f"--by={by}"] if by else []))
    assert not Dataset.objects.exists()


def test_the_command_records_the_analyst_it_names_and_no_licence_it_was_not_given():
    person = analyst(email="ana@example.org")
    load("--publisher=ONS", "--by=ANA@example.org")
    dataset = Dataset.objects.get()
    assert (dataset.loaded_by, dataset.licence) == (person, "")


def test_a_blank_licence_reads_not_stated_on_the_datasets_page(client):
    load_csv(
        "la_code,period,measure,stage,ethnic_group,count,denominator\nE09000012,2022,youth-justice,arrest,Indian,8,\n"
    )
    text = client.get(reverse("evidence:datasets")).content.decode()
    assert "Licence: not stated." in text


def test_the_browser_form_leaves_a_blank_licence_blank(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(analyst())
    data = {
        "file": SimpleUploadedFile("c.csv", (FIXTURES / "census_ts021.csv").read_bytes()),
        "source": "census",
        "stage": "population/all-residents",
        "title": "Census",
        "publisher": "ONS",
    }
    preview = client.post(reverse("evidence:load"), data)
    client.post(reverse("evidence:load_confirm"), {"token": preview.context["token"]})
    assert Dataset.objects.get().licence == ""
