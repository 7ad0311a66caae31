"""
These models were in the submissions app until it was split into one app per domain
(docs/decisions/0009-one-app-per-domain.md). Their tables stay as they were: this migration only
tells Django they are now outbox's; submissions 0018 moves their content types (and so permissions).
"""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("submissions", "0017_personal_data"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("to", models.EmailField(max_length=254)),
                        ("subject", models.CharField(max_length=200)),
                        ("body", models.TextField()),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                        ("sent_at", models.DateTimeField(blank=True, db_index=True, null=True)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.TextField(blank=True)),
                        ("headers", models.JSONField(blank=True, default=dict)),
                    ],
                    options={
                        "db_table": "submissions_outgoingemail",
                        "ordering": ["created_at", "pk"],
                    },
                ),
            ],
        ),
    ]
