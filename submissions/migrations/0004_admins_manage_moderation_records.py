"""Admins may look after theme suggestions and the email outbox in the Django admin."""

from django.db import migrations

MODELS = ["themesuggestion", "outgoingemail", "snapshot"]


def grant(apps, schema_editor):
    grant_to_admins(apps, MODELS, r"^(view|change|delete)_")


def grant_to_admins(apps, models, codenames, app_label="submissions"):
    """Give the Admins group the permissions on these models whose codenames match the pattern."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config(app_label)
    models_module, app_config.models_module = getattr(app_config, "models_module", None), True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    admins, _ = Group.objects.get_or_create(name="Admins")
    admins.permissions.add(
        *Permission.objects.filter(
            content_type__app_label=app_label,
            content_type__model__in=models,
            codename__regex=codenames,
        )
    )


class Migration(migrations.Migration):
    dependencies = [("submissions", "0003_moderation")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
