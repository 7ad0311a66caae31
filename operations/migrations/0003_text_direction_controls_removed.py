"""
Text saved before decision 0013 may hold the characters that override or isolate the direction of the text after
them (U+202A-U+202E, U+2066-U+2069); since then none is stored. This takes them out of every text column of the
portal's apps and of people's names, so what was stored before reads as what is stored now.
"""

import re

from django.db import migrations, models

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PATTERN = re.compile(f"[{CONTROLS}]")
APPS = {"auth", "reference", "accounts", "outbox", "submissions", "search", "publishing", "calls", "plans"}
APPS |= {"evidence", "privacy", "operations"}


def text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.primary_key
    ]


def remove_controls(apps, schema_editor):
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model._meta.proxy or not model._meta.managed:
            continue
        names = text_fields(model)
        if not names:
            continue
        holding = models.Q()
        for name in names:
            for control in CONTROLS:
                holding |= models.Q(**{f"{name}__contains": control})
        for row in model._base_manager.filter(holding).values("pk", *names).iterator():
            changed = {name: PATTERN.sub("", row[name]) for name in names if row[name] and PATTERN.search(row[name])}
            model._base_manager.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0002_admins_see_job_runs"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("reference", "0001_initial"),
        ("accounts", "0003_stored_password_links_removed"),
        ("outbox", "0002_secret_links"),
        ("submissions", "0019_event_evidence_actions"),
        ("search", "0001_initial"),
        ("publishing", "0001_initial"),
        ("calls", "0001_initial"),
        ("plans", "0008_highest_deleted_area"),
        ("evidence", "0009_dataset_licence_not_invented"),
        ("privacy", "0001_initial"),
    ]

    operations = [migrations.RunPython(remove_controls, migrations.RunPython.noop)]
