"""A label the loader does not know stops the load until the analyst says, there and then, which of the 19 or 5
groups it is or that it is left out deliberately; the choice is remembered for that publisher, with who made it and
when, and applied and shown the next time (issue 27: "Black Carribean" was dropped with a grey note while "Load N rows"
stayed offered)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from evidence.loading import Options, check, load_dataset
from evidence.lookups import LEAVE_OUT
from evidence.models import EthnicGroupLabel, Observation
from tests.evidence.factories import analyst

pytestmark = pytest.mark.django_db

HEADER = "la_code,period,measure,stage,ethnic_group,count,denominator"
ROWS = [
    "E09000012,2022/23,youth-justice,arrest,White British,40,",
    "E09000012,2022/23,youth-justice,arrest,Black Carribean,30,",
    "E09000012,2022/23,youth-justice,arrest,Not stated,6,",
]


def content(rows=ROWS):
    return "\n".join([HEADER, *rows, ""]).encode()


def test_an_unknown_label_stops_the_load_and_is_listed_with_its_rows():
    report = check(io.BytesIO(content()), Options(source="long", publisher="Met"))
    assert not report.can_load
    assert dict(report.unknown_labels) == {"Black Carribean": 1, "Not stated": 1}


def test_labels_mapped_or_left_out_load_as_chosen():
    options = Options(
        source="long", publisher="Met", labels={"Black Carribean": "black-caribbean", "Not stated": LEAVE_OUT}
    )
    report = check(io.BytesIO(content()), options)
    assert report.can_load and report.rows == 2 and report.problems["left_out_group"] == 1
    load_dataset(io.BytesIO(content()), options, provenance={"title": "Arrests", "publisher": "Met"}, by=analyst())
    assert sorted(Observation.objects.values_list("ethnic_group__code", "count")) == [
        ("black-caribbean", 30),
        ("white-british", 40),
    ]


@pytest.fixture
def signed_in(client):
    user = analyst(email="ana@example.org", first_name="Ana", last_name="Costa")
    client.force_login(user)
    return client, user


def upload(client, rows=ROWS, publisher="Metropolitan Police"):
    data = {
        "file": SimpleUploadedFile("arrests.csv", content(rows), "text/csv"),
        "source": "long",
        "title": "Arrests by ethnic group",
        "publisher": publisher,
    }
    return client.post(reverse("evidence:load"), data)


def test_the_preview_offers_no_load_until_every_unknown_label_is_mapped_or_left_out(signed_in):
    client, _ = signed_in
    page = upload(client)
    text = page.content.decode()
    assert "Labels the portal does not recognise" in text
    assert "Load " not in text.split("</h1>")[1].split('id="labels"')[0]
    assert '<button type="submit" class="btn btn-primary">Load' not in text
    assert "<select" in text and "Leave it out deliberately" in text
    labels = page.context["unknown_labels"]
    half = {"token": page.context["token"], "label-0": labels[0].label, "group-0": "black-caribbean",
            "label-1": labels[1].label, "group-1": ""}  # fmt: skip
    again = client.post(reverse("evidence:load_choices"), half)
    text = again.content.decode()
    assert again.status_code == 200 and "There is a problem" in text and "Choose which group ‘Not stated’ is" in text
    assert '<button type="submit" class="btn btn-primary">Load' not in text


def test_mapping_a_label_in_the_preview_loads_it_as_that_group_and_remembers_it_for_the_publisher(signed_in):
    client, user = signed_in
    page = upload(client)
    labels = {item.label: index for index, item in enumerate(page.context["unknown_labels"])}
    choices = {"token": page.context["token"]}
    for label, group in (("Black Carribean", "black-caribbean"), ("Not stated", LEAVE_OUT)):
        choices |= {f"label-{labels[label]}": label, f"group-{labels[label]}": group}
    checked = client.post(reverse("evidence:load_choices"), choices)
    text = checked.content.decode()
    assert "‘Black Carribean’ loads as Black Caribbean" in text and "‘Not stated’ is left out" in text
    assert '<button type="submit" class="btn btn-primary">Load 2 rows</button>' in text
    assert not EthnicGroupLabel.objects.filter(label="Black Carribean").exists()  # nothing saved before the load
    client.post(reverse("evidence:load_confirm"), {"token": checked.context["token"]})
    assert Observation.objects.get(ethnic_group__code="black-caribbean").count == 30
    mapping = EthnicGroupLabel.objects.get(label="Black Carribean")
    assert (mapping.publisher, mapping.group.code, mapping.added_by) == ("metropolitan police", "black-caribbean", user)
    assert mapping.added_at is not None
    assert EthnicGroupLabel.objects.get(label="Not stated").group is None  # left out deliberately, remembered too

    later = upload(client, [row.replace("2022/23", "2023/24") for row in ROWS]).content.decode()
    assert '<button type="submit" class="btn btn-primary">Load 2 rows</button>' in later
    assert "‘Black Carribean’ loads as Black Caribbean, as Ana Costa chose on " in later
    other = upload(client, publisher="Youth Justice Board")  # another publisher's file: its own choices
    assert [item.label for item in other.context["unknown_labels"]] == ["Black Carribean", "Not stated"]


def test_the_command_maps_and_leaves_out_labels_and_remembers_them(tmp_path):
    analyst(email="ana@example.org")
    path = tmp_path / "arrests.csv"
    path.write_bytes(content())
    arguments = [str(path), "--source=long", "--publisher=Met", "--by=ana@example.org"]
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_dataset", *arguments, stdout=out)
    assert "Black Carribean" in out.getvalue() and "--map" in out.getvalue()
    with pytest.raises(CommandError, match="not one of the 19 or 5 groups"):
        call_command("load_dataset", *arguments, "--map", "Black Carribean=Caribbean-ish", stdout=io.StringIO())
    call_command(
        "load_dataset", *arguments, "--map", "Black Carribean=Black Caribbean", "--leave-out", "Not stated",
        stdout=io.StringIO(),
    )  # fmt: skip
    assert Observation.objects.get(ethnic_group__code="black-caribbean").count == 30
    assert EthnicGroupLabel.objects.get(label="Black Carribean", publisher="met").added_by.email == "ana@example.org"
