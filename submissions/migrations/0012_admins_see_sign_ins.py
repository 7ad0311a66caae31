"""Admins see the sign-in log and failed attempts (django-axes), and may clear a lockout."""

import importlib

from django.db import migrations

admin_permissions = importlib.import_module("submissions.migrations.0004_admins_manage_moderation_records")


def grant(apps, schema_editor):
    admin_permissions.grant_to_admins(apps, ["accesslog", "accessfailurelog"], r"^view_", app_label="axes")
    admin_permissions.grant_to_admins(apps, ["accessattempt"], r"^(view|delete)_", app_label="axes")


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0011_digests"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
