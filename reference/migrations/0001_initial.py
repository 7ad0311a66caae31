"""
These models were in the submissions app until it was split into one app per domain
(docs/decisions/0009-one-app-per-domain.md). Their tables stay as they were: this migration only
tells Django they are now reference's; submissions 0018 moves their content types (and so permissions).
"""

import django.db.models.deletion
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
                    name="SearchState",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("generation", models.PositiveBigIntegerField(default=0)),
                    ],
                    options={
                        "db_table": "submissions_searchstate",
                    },
                ),
                migrations.CreateModel(
                    name="SharingCategory",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True)),
                        ("slug", models.SlugField(unique=True)),
                        ("position", models.PositiveSmallIntegerField(default=0)),
                    ],
                    options={
                        "verbose_name_plural": "sharing categories",
                        "db_table": "submissions_sharingcategory",
                        "ordering": ["position", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="SubRegion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True)),
                        ("slug", models.SlugField(unique=True)),
                    ],
                    options={
                        "db_table": "submissions_subregion",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True)),
                        ("slug", models.SlugField(unique=True)),
                        ("description", models.TextField(blank=True)),
                        ("is_active", models.BooleanField(default=True, verbose_name="offered to leads")),
                    ],
                    options={
                        "db_table": "submissions_theme",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="LocalAuthority",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("gss_code", models.CharField(max_length=9, unique=True, verbose_name="ONS GSS code")),
                        ("name", models.CharField(max_length=100, unique=True)),
                        ("short_name", models.CharField(max_length=60)),
                        ("slug", models.SlugField(unique=True)),
                        (
                            "sub_region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="local_authorities",
                                to="reference.subregion",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "local authorities",
                        "db_table": "submissions_localauthority",
                        "ordering": ["name"],
                    },
                ),
            ],
        ),
    ]
