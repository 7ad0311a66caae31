"""The DfE's own Gypsy/Roma and Traveller of Irish heritage groups, and the combined group both splits add up to
(a migration of its own: PostgreSQL will not alter a table with the data changes of the same transaction pending)."""

from django.db import migrations

# The DfE splits Gypsy, Roma and Irish Traveller children as Gypsy/Roma | Traveller of Irish heritage, the
# Census 2021 as Gypsy or Irish Traveller | Roma: each is loaded as published, and rates use the combined group
# both add up to when a file's split is not the population's (docs/decisions/0011).
COMBINED = ("gypsy-roma-irish-traveller", "Gypsy, Roma or Irish Traveller", 407)
DFE_GROUPS = [
    ("gypsy-roma", "Gypsy/Roma", 405, ["White - Gypsy/Roma", "Gypsy/Roma", "White - Gypsy / Roma"]),
    (
        "irish-traveller-heritage",
        "Traveller of Irish heritage",
        406,
        ["White - Traveller of Irish heritage", "Traveller of Irish heritage", "White - Traveller of Irish Heritage"],
    ),
]


def add_splits(apps, schema_editor):
    EthnicGroup = apps.get_model("evidence", "EthnicGroup")
    Label = apps.get_model("evidence", "EthnicGroupLabel")
    white = EthnicGroup.objects.get(code="white")
    code, name, position = COMBINED
    combined, _ = EthnicGroup.objects.get_or_create(
        code=code, defaults={"name": name, "short_name": name, "level": "combined", "position": position}
    )
    EthnicGroup.objects.filter(code__in=["gypsy-irish-traveller", "roma"]).update(split="census", combined=combined)
    EthnicGroup.objects.filter(code="other-white").update(position=409)
    for code, name, position, labels in DFE_GROUPS:
        group, _ = EthnicGroup.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": name,
                "level": "detailed",
                "parent": white,
                "position": position,
                "split": "dfe",
                "combined": combined,
            },
        )
        for label in labels:
            Label.objects.get_or_create(publisher="dfe", label=label, defaults={"group": group})


class Migration(migrations.Migration):
    dependencies = [("evidence", "0003_publisher_splits")]

    operations = [migrations.RunPython(add_splits, migrations.RunPython.noop)]
