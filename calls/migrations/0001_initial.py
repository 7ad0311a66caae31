"""
These models were in the submissions app until it was split into one app per domain
(docs/decisions/0009-one-app-per-domain.md). Their tables stay as they were: this migration only
tells Django they are now calls's; submissions 0018 moves their content types (and so permissions).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


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
                    name="Call",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200)),
                        (
                            "message",
                            models.TextField(
                                help_text="What you are asking for and why. It goes in the email to the leads.",
                                max_length=5000,
                            ),
                        ),
                        ("opens_on", models.DateField(verbose_name="opening date")),
                        ("return_by", models.DateField(verbose_name="return-by date")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ("opened_at", models.DateTimeField(blank=True, editable=False, null=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "local_authorities",
                            models.ManyToManyField(related_name="calls", to="reference.localauthority"),
                        ),
                        ("themes", models.ManyToManyField(blank=True, related_name="calls", to="reference.theme")),
                    ],
                    options={
                        "db_table": "submissions_call",
                        "ordering": ["-return_by", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="CallReminder",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("sent_on", models.DateField()),
                        ("sent_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "call",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="reminders", to="calls.call"
                            ),
                        ),
                        (
                            "local_authority",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="reference.localauthority",
                            ),
                        ),
                        (
                            "sent_by",
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
                        "db_table": "submissions_callreminder",
                        "ordering": ["sent_at", "pk"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="call",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("return_by__gte", models.F("opens_on"))), name="call_returns_after_opening"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="callreminder",
                    constraint=models.UniqueConstraint(
                        fields=("call", "local_authority", "sent_on"), name="one_reminder_a_day"
                    ),
                ),
            ],
        ),
    ]
