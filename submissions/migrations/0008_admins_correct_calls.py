"""Admins may correct calls for practice in the Django admin, and see their reminders."""

import importlib

from django.db import migrations

admin_permissions = importlib.import_module("submissions.migrations.0004_admins_manage_moderation_records")


def grant(apps, schema_editor):
    admin_permissions.grant_to_admins(apps, ["call"], r"^(view|change)_")
    admin_permissions.grant_to_admins(apps, ["callreminder"], r"^view_")


class Migration(migrations.Migration):
    dependencies = [("submissions", "0007_calls")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
