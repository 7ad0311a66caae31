"""
Reference data: London's 33 local authorities by sub-region, the proforma's five
sharing categories, a starter list of themes, and the role groups. Admins edit
all of it in the Django admin afterwards.
"""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

AUTHORITIES_CSV = Path(__file__).resolve().parent.parent / "data" / "london-local-authorities.csv"

CATEGORIES = [
    "Within your organisation",
    "With children and families",
    "With communities",
    "With partners",
    "Through research",
]

THEMES = [
    "Youth justice",
    "School exclusions",
    "Attainment and curriculum",
    "SEND",
    "Children's social care",
    "Early help and early years",
    "Corporate parenting and children in care",
    "Health and CAMHS",
    "Policing and stop and search",
    "Workforce",
    "Recruitment and leadership",
    "Youth voice and participation",
    "Community engagement",
    "Data and research",
    "Post-16 and transitions",
    "Adolescent safeguarding",
    "Training and cultural competence",
]

# group -> permissions (app_label.codename)
GROUPS = {
    "Directors of children's services": [],
    "Moderators": ["submissions.moderate_practice"],
    "Admins": [
        "submissions.moderate_practice",
        *[
            f"{app}.{action}_{model}"
            for app, models in {
                "submissions": [
                    "subregion",
                    "localauthority",
                    "sharingcategory",
                    "theme",
                    "membership",
                    "practice",
                    "contact",
                    "resource",
                ],
                "auth": ["user", "group"],
            }.items()
            for model in models
            for action in ("add", "change", "delete", "view")
        ],
        "submissions.view_event",
    ],
}


def load_reference_data(apps, schema_editor):
    SubRegion = apps.get_model("submissions", "SubRegion")
    LocalAuthority = apps.get_model("submissions", "LocalAuthority")
    SharingCategory = apps.get_model("submissions", "SharingCategory")
    Theme = apps.get_model("submissions", "Theme")
    with AUTHORITIES_CSV.open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            sub_region, _ = SubRegion.objects.get_or_create(
                name=row["sub_region"], defaults={"slug": slugify(row["sub_region"])}
            )
            LocalAuthority.objects.update_or_create(
                gss_code=row["gss_code"],
                defaults={
                    "name": row["name"],
                    "short_name": row["short_name"],
                    "slug": slugify(row["name"]),
                    "sub_region": sub_region,
                },
            )
    for position, name in enumerate(CATEGORIES, start=1):
        SharingCategory.objects.get_or_create(slug=slugify(name), defaults={"name": name, "position": position})
    for name in THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations run; make sure they exist now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_reference_data, migrations.RunPython.noop),
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
