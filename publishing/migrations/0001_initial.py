"""
These models were in the submissions app until it was split into one app per domain
(docs/decisions/0009-one-app-per-domain.md). Their tables stay as they were: this migration only
tells Django they are now publishing's; submissions 0018 moves their content types (and so permissions).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import publishing.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("submissions", "0017_personal_data"),
        ("reference", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "name",
                            models.CharField(help_text="What the key is for, such as ‘LIIA website’.", max_length=100),
                        ),
                        ("key_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ("last_used_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="api_tokens",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "API key",
                        "db_table": "submissions_apitoken",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="DigestSubscription",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "frequency",
                            models.CharField(
                                choices=[("weekly", "Weekly"), ("monthly", "Monthly")], default="weekly", max_length=10
                            ),
                        ),
                        (
                            "unsubscribe_token",
                            models.CharField(
                                default=publishing.models.new_unsubscribe_token,
                                editable=False,
                                max_length=64,
                                unique=True,
                            ),
                        ),
                        ("covered_until", models.DateTimeField(default=django.utils.timezone.now)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ("sub_regions", models.ManyToManyField(blank=True, related_name="+", to="reference.subregion")),
                        ("themes", models.ManyToManyField(blank=True, related_name="+", to="reference.theme")),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="digest",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "submissions_digestsubscription",
                    },
                ),
            ],
        ),
    ]
