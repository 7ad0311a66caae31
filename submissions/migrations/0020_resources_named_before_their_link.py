"""
An entry's resource may be named before its link or file is to hand ('awaiting a link or file'): the check that
a resource is a file or a link, one or the other, becomes the weaker check that it is never both. Every row kept
the old check, so the new one holds for all of them. Going back is refused while any resource awaits its link or
file (the old check would fail half-way): give each one a link or file, or remove it, first.
"""

from django.db import migrations, models


def refuse_while_any_awaits(apps, schema_editor):
    awaiting = apps.get_model("submissions", "Resource").objects.filter(url="", file="")
    if count := awaiting.count():
        raise RuntimeError(
            f"{count} resource{'s' if count != 1 else ''} await{'' if count != 1 else 's'} a link or file, which "
            "the older check refuses: give each a link or file, or remove it, before migrating back."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0019_event_evidence_actions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="resource",
            name="resource_is_a_file_or_a_link",
        ),
        # Runs only backwards, before the old check is put back.
        migrations.RunPython(migrations.RunPython.noop, refuse_while_any_awaits, elidable=False),
        migrations.AddConstraint(
            model_name="resource",
            constraint=models.CheckConstraint(
                condition=models.Q(("url", ""), ("file", ""), _connector="OR"),
                name="resource_is_not_a_file_and_a_link",
            ),
        ),
    ]
