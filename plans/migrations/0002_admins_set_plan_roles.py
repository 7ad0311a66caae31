"""Admins set who coordinates and directs each sub-region's plan, and see plans and their audit trail, in the admin."""

import importlib

from django.db import migrations

admin_permissions = importlib.import_module("submissions.migrations.0004_admins_manage_moderation_records")


def grant(apps, schema_editor):
    admin_permissions.grant_to_admins(apps, ["subregionrole"], r"^(view|add|change|delete)_", app_label="plans")
    admin_permissions.grant_to_admins(apps, ["plan"], r"^(view|change)_", app_label="plans")
    admin_permissions.grant_to_admins(apps, ["planevent"], r"^view_", app_label="plans")


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_plans"), ("submissions", "0004_admins_manage_moderation_records")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
