"""Admins may see what the scheduled jobs last did, in the Django admin (read only)."""

from importlib import import_module

from django.db import migrations

# The one helper that gives the Admins group permissions, as the earlier migrations use it.
grant_to_admins = import_module("submissions.migrations.0004_admins_manage_moderation_records").grant_to_admins


def grant(apps, schema_editor):
    grant_to_admins(apps, ["jobrun"], r"^view_", app_label="operations")


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_job_runs"), ("submissions", "0004_admins_manage_moderation_records")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
