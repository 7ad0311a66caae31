"""Admins may see what the scheduled jobs last did, in the Django admin (read only)."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("operations")
    models_module, app_config.models_module = getattr(app_config, "models_module", None), True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admins, _ = Group.objects.get_or_create(name="Admins")
    admins.permissions.add(*Permission.objects.filter(content_type__app_label="operations", codename="view_jobrun"))


class Migration(migrations.Migration):
    dependencies = [("operations", "0001_job_runs"), ("submissions", "0004_admins_manage_moderation_records")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
