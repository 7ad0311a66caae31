"""Education, health and care plans by ethnic group (the DfE's "Education, health and care plans" release, from the
SEN2 return): a measure of its own with one stage, so a real file of them can be loaded (issue 27, item 6)."""

from django.db import migrations

SLUG = "ehc-plans"


def add(apps, schema_editor):
    Measure = apps.get_model("evidence", "Measure")
    Stage = apps.get_model("evidence", "Stage")
    Theme = apps.get_model("reference", "Theme")
    measure, _ = Measure.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Education, health and care plans",
            "kind": "outcome",
            "what_is_counted": "children and young people",
            "position": 7,
            "theme": Theme.objects.filter(slug="send").first(),
            "description": "Children and young people with an education, health and care (EHC) plan, as the "
            "Department for Education counts them in January (plans run to the age of 25).",
        },
    )
    Stage.objects.get_or_create(
        measure=measure,
        slug="ehc-plan",
        defaults={"name": "EHC plan", "verb": "to have an education, health and care plan", "position": 1},
    )


def remove(apps, schema_editor):
    apps.get_model("evidence", "Measure").objects.filter(slug=SLUG).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0013_dataset_all_ages"),
        ("reference", "0001_initial"),
    ]

    operations = [migrations.RunPython(add, remove)]
