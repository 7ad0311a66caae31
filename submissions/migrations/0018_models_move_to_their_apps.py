"""
The submissions app split into one app per domain (docs/decisions/0009-one-app-per-domain.md).
Nothing in the database changes but the content types: the moved models keep their tables
(each says so with db_table), the proforma's links to them now point at their new apps, and their
content types are relabelled, so the permissions granted on them stay granted.
"""

import django.db.models.deletion
from django.db import migrations, models

# Each moved model (by its content type's name) and the app it moved to.
MOVED = {
    "subregion": "reference",
    "localauthority": "reference",
    "sharingcategory": "reference",
    "theme": "reference",
    "searchstate": "reference",
    "membership": "accounts",
    "accountevent": "accounts",
    "deletionrequest": "accounts",
    "outgoingemail": "outbox",
    "call": "calls",
    "callreminder": "calls",
    "apitoken": "publishing",
    "digestsubscription": "publishing",
    "inactivitywarning": "privacy",
    "erasure": "privacy",
    "searchentry": "search",
    "searchword": "search",
}


def relabel(apps, moves):
    """Give each model's content type its new app, keeping every permission granted on it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, (old, new) in moves.items():
        source = ContentType.objects.filter(app_label=old, model=model).first()
        if source is None:
            continue
        target = ContentType.objects.filter(app_label=new, model=model).first()
        if target is None:
            ContentType.objects.filter(pk=source.pk).update(app_label=new)
            continue
        # Both exist (an earlier run made the new one): move the grants across, then the old type goes.
        for permission in Permission.objects.filter(content_type=source):
            kept = Permission.objects.filter(content_type=target, codename=permission.codename).first()
            if kept is None:
                Permission.objects.filter(pk=permission.pk).update(content_type=target)
                continue
            kept.group_set.add(*permission.group_set.all())
            kept.user_set.add(*permission.user_set.all())
        source.delete()


def forwards(apps, schema_editor):
    relabel(apps, {model: ("submissions", app) for model, app in MOVED.items()})


def backwards(apps, schema_editor):
    relabel(apps, {model: (app, "submissions") for model, app in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("submissions", "0017_personal_data"),
        ("reference", "0001_initial"),
        ("accounts", "0001_initial"),
        ("outbox", "0001_initial"),
        ("calls", "0001_initial"),
        ("publishing", "0001_initial"),
        ("privacy", "0001_initial"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="accountevent",
                    name="actor",
                ),
                migrations.RemoveField(
                    model_name="accountevent",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="apitoken",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="call",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="call",
                    name="local_authorities",
                ),
                migrations.RemoveField(
                    model_name="call",
                    name="themes",
                ),
                migrations.AlterField(
                    model_name="practice",
                    name="call",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="practices",
                        to="calls.call",
                        verbose_name="call for practice",
                    ),
                ),
                migrations.RemoveField(
                    model_name="callreminder",
                    name="call",
                ),
                migrations.RemoveField(
                    model_name="searchentry",
                    name="call",
                ),
                migrations.RemoveField(
                    model_name="callreminder",
                    name="local_authority",
                ),
                migrations.RemoveField(
                    model_name="callreminder",
                    name="sent_by",
                ),
                migrations.RemoveField(
                    model_name="deletionrequest",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="digestsubscription",
                    name="sub_regions",
                ),
                migrations.RemoveField(
                    model_name="digestsubscription",
                    name="themes",
                ),
                migrations.RemoveField(
                    model_name="digestsubscription",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="erasure",
                    name="by",
                ),
                migrations.RemoveField(
                    model_name="inactivitywarning",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="localauthority",
                    name="sub_region",
                ),
                migrations.RemoveField(
                    model_name="searchentry",
                    name="local_authority",
                ),
                migrations.RemoveField(
                    model_name="membership",
                    name="local_authority",
                ),
                migrations.AlterField(
                    model_name="practice",
                    name="local_authority",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="practices",
                        to="reference.localauthority",
                    ),
                ),
                migrations.RemoveField(
                    model_name="membership",
                    name="user",
                ),
                migrations.DeleteModel(
                    name="OutgoingEmail",
                ),
                migrations.RemoveField(
                    model_name="searchentry",
                    name="practice",
                ),
                migrations.RemoveField(
                    model_name="searchentry",
                    name="sub_region",
                ),
                migrations.DeleteModel(
                    name="SearchState",
                ),
                migrations.DeleteModel(
                    name="SearchWord",
                ),
                migrations.DeleteModel(
                    name="SharingCategory",
                ),
                migrations.AlterField(
                    model_name="themesuggestion",
                    name="theme",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="reference.theme",
                    ),
                ),
                migrations.AlterField(
                    model_name="practice",
                    name="categories",
                    field=models.ManyToManyField(blank=True, related_name="practices", to="reference.sharingcategory"),
                ),
                migrations.AlterField(
                    model_name="practice",
                    name="themes",
                    field=models.ManyToManyField(blank=True, related_name="practices", to="reference.theme"),
                ),
                migrations.DeleteModel(
                    name="AccountEvent",
                ),
                migrations.DeleteModel(
                    name="ApiToken",
                ),
                migrations.DeleteModel(
                    name="Call",
                ),
                migrations.DeleteModel(
                    name="CallReminder",
                ),
                migrations.DeleteModel(
                    name="DeletionRequest",
                ),
                migrations.DeleteModel(
                    name="DigestSubscription",
                ),
                migrations.DeleteModel(
                    name="Erasure",
                ),
                migrations.DeleteModel(
                    name="InactivityWarning",
                ),
                migrations.DeleteModel(
                    name="LocalAuthority",
                ),
                migrations.DeleteModel(
                    name="Membership",
                ),
                migrations.DeleteModel(
                    name="SearchEntry",
                ),
                migrations.DeleteModel(
                    name="SubRegion",
                ),
                migrations.DeleteModel(
                    name="Theme",
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
