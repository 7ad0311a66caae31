"""
These models were in the submissions app until it was split into one app per domain
(docs/decisions/0009-one-app-per-domain.md). Their tables stay as they were: this migration only
tells Django they are now privacy's; submissions 0018 moves their content types (and so permissions).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("submissions", "0017_personal_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Erasure",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("fingerprints", models.JSONField(default=list, editable=False)),
                        (
                            "mode",
                            models.CharField(
                                choices=[("replaced", "Replaced with a description"), ("removed", "Removed")],
                                default="replaced",
                                max_length=10,
                            ),
                        ),
                        ("replacement", models.CharField(blank=True, max_length=200)),
                        ("records", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        (
                            "by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "submissions_erasure",
                        "ordering": ["-created_at", "-pk"],
                        "permissions": [("erase_person", "Can find, export and erase a person's data")],
                    },
                ),
                migrations.CreateModel(
                    name="InactivityWarning",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("warned_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="inactivity_warning",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "submissions_inactivitywarning",
                    },
                ),
            ],
        ),
    ]
