"""Admins see which practice entries cite which measures, in the admin (read only: citations change on the pages)."""

import importlib

from django.db import migrations

admin_permissions = importlib.import_module("submissions.migrations.0004_admins_manage_moderation_records")


def grant(apps, schema_editor):
    admin_permissions.grant_to_admins(apps, ["citation"], r"^view_", app_label="evidence")


class Migration(migrations.Migration):
    dependencies = [("evidence", "0006_citations"), ("submissions", "0004_admins_manage_moderation_records")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
