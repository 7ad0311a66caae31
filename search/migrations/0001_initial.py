"""
These models were in the submissions app until it was split into one app per domain
(docs/decisions/0009-one-app-per-domain.md). Their tables stay as they were: this migration only
tells Django they are now search's; submissions 0018 moves their content types (and so permissions).
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("calls", "0001_initial"),
        ("reference", "0001_initial"),
        ("submissions", "0017_personal_data"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchWord",
                    fields=[
                        ("word", models.CharField(max_length=60, primary_key=True, serialize=False)),
                        ("entries", models.IntegerField(default=0)),
                    ],
                    options={
                        "db_table": "submissions_searchword",
                    },
                ),
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        (
                            "practice",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="search_entry",
                                serialize=False,
                                to="submissions.practice",
                            ),
                        ),
                        ("published_at", models.DateTimeField(db_index=True)),
                        ("year", models.PositiveSmallIntegerField(db_index=True)),
                        ("title", models.CharField(db_index=True, max_length=200)),
                        ("tags", models.TextField(default=",")),
                        ("words", models.TextField(blank=True)),
                        ("search_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                        ("rank_vector", django.contrib.postgres.search.SearchVectorField(null=True)),
                        (
                            "call",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="calls.call",
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
                            "sub_region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reference.subregion"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "search entries",
                        "db_table": "submissions_searchentry",
                        "ordering": ["-published_at", "practice_id"],
                    },
                ),
            ],
        ),
    ]
