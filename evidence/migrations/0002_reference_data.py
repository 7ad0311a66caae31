"""
The Census 2021 ethnic groups (5 high-level, 19 detailed), the labels the Census and the
Department for Education publish them under, the measures and their stages, and the
Analysts role. Admins edit all of it in the Django admin afterwards.
"""

from django.db import migrations

# high-level group -> its detailed groups, each as (code, name); Census 2021 order.
# Pages and sentences use the short names ("Black Caribbean children were ...").
SHORT_NAMES = {
    "asian": "Asian",
    "black": "Black",
    "mixed": "Mixed",
    "white": "White",
    "other": "Other ethnic group",
    "bangladeshi": "Bangladeshi",
    "chinese": "Chinese",
    "indian": "Indian",
    "pakistani": "Pakistani",
    "other-asian": "Other Asian",
    "black-african": "Black African",
    "black-caribbean": "Black Caribbean",
    "other-black": "Other Black",
    "mixed-white-asian": "Mixed White and Asian",
    "mixed-white-black-african": "Mixed White and Black African",
    "mixed-white-black-caribbean": "Mixed White and Black Caribbean",
    "other-mixed": "Other Mixed",
    "white-british": "White British",
    "white-irish": "White Irish",
    "gypsy-irish-traveller": "Gypsy or Irish Traveller",
    "roma": "Roma",
    "other-white": "Other White",
    "arab": "Arab",
    "any-other": "Any other ethnic group",
}

GROUPS = {
    ("asian", "Asian, Asian British or Asian Welsh"): [
        ("bangladeshi", "Bangladeshi"),
        ("chinese", "Chinese"),
        ("indian", "Indian"),
        ("pakistani", "Pakistani"),
        ("other-asian", "Other Asian"),
    ],
    ("black", "Black, Black British, Black Welsh, Caribbean or African"): [
        ("black-african", "African"),
        ("black-caribbean", "Caribbean"),
        ("other-black", "Other Black"),
    ],
    ("mixed", "Mixed or Multiple ethnic groups"): [
        ("mixed-white-asian", "White and Asian"),
        ("mixed-white-black-african", "White and Black African"),
        ("mixed-white-black-caribbean", "White and Black Caribbean"),
        ("other-mixed", "Other Mixed or Multiple ethnic groups"),
    ],
    ("white", "White"): [
        ("white-british", "English, Welsh, Scottish, Northern Irish or British"),
        ("white-irish", "Irish"),
        ("gypsy-irish-traveller", "Gypsy or Irish Traveller"),
        ("roma", "Roma"),
        ("other-white", "Other White"),
    ],
    ("other", "Other ethnic group"): [
        ("arab", "Arab"),
        ("any-other", "Any other ethnic group"),
    ],
}

# Labels other than the Census's own, by publisher: code -> labels. The DfE's "Gypsy/Roma" and
# "Traveller of Irish heritage" each span two Census groups: 0003 adds them as the DfE's own groups.
DFE_LABELS = {
    "asian": ["Asian", "Asian or Asian British"],
    "black": ["Black", "Black or Black British"],
    "mixed": ["Mixed", "Mixed / Multiple ethnic groups", "Mixed dual background"],
    "white": ["White"],
    "other": ["Any other ethnic group", "Other ethnic group"],
    "bangladeshi": ["Asian - Bangladeshi", "Bangladeshi"],
    "chinese": ["Chinese", "Asian - Chinese", "Other ethnic group - Chinese"],
    "indian": ["Asian - Indian", "Indian"],
    "pakistani": ["Asian - Pakistani", "Pakistani"],
    "other-asian": ["Asian - Any other Asian background", "Any other Asian background"],
    "black-african": ["Black - Black African", "Black African", "Black - African"],
    "black-caribbean": ["Black - Black Caribbean", "Black Caribbean", "Black - Caribbean"],
    "other-black": ["Black - Any other Black background", "Any other Black background"],
    "mixed-white-asian": ["Mixed - White and Asian", "White and Asian"],
    "mixed-white-black-african": ["Mixed - White and Black African", "White and Black African"],
    "mixed-white-black-caribbean": ["Mixed - White and Black Caribbean", "White and Black Caribbean"],
    "other-mixed": ["Mixed - Any other Mixed background", "Any other Mixed background"],
    "white-british": ["White - White British", "White British", "White - British"],
    "white-irish": ["White - Irish", "Irish", "White Irish"],
    "other-white": ["White - Any other White background", "Any other White background"],
    "arab": ["Other ethnic group - Arab", "Arab"],
    "any-other": ["Other ethnic group - Any other ethnic group", "Any other ethnic group background"],
}

MEASURES = [
    (
        "population",
        "Population",
        "population",
        "people",
        None,
        [("children", "Children aged 0 to 17", ""), ("all-residents", "All usual residents", "")],
    ),
    (
        "exclusions",
        "Suspensions and permanent exclusions",
        "outcome",
        "pupils",
        "school-exclusions",
        [
            ("suspension", "Suspension", "to be suspended"),
            ("permanent-exclusion", "Permanent exclusion", "to be permanently excluded"),
        ],
    ),
    (
        "childrens-social-care",
        "Children's social care",
        "outcome",
        "children",
        "childrens-social-care",
        [
            ("referral", "Referral", "to be referred to children's social care"),
            ("assessment", "Assessment", "to be assessed"),
            ("child-in-need", "Child in need", "to be a child in need"),
            ("child-protection-plan", "Child protection plan", "to be on a child protection plan"),
            ("looked-after", "Looked after", "to be looked after"),
        ],
    ),
    (
        "youth-justice",
        "Youth justice",
        "outcome",
        "children",
        "youth-justice",
        [
            ("arrest", "Arrest", "to be arrested"),
            ("caution-or-court", "Caution or court", "to be cautioned or sentenced"),
            ("custody", "Custody", "to be sentenced to custody"),
        ],
    ),
    (
        "social-care-workforce",
        "Children's social care workforce",
        "workforce",
        "people",  # rates are per 1,000 residents of the group: the workforce against the population served
        "workforce",
        [
            ("social-worker", "Social worker", "to work as children's social workers"),
            ("senior-practitioner", "Senior practitioner", "to work as senior practitioners"),
            ("manager", "Team manager", "to be team managers"),
            ("senior-manager", "Senior manager", "to be senior managers"),
        ],
    ),
]

ANALYSTS = "Analysts"


def load(apps, schema_editor):
    EthnicGroup = apps.get_model("evidence", "EthnicGroup")
    Label = apps.get_model("evidence", "EthnicGroupLabel")
    Measure = apps.get_model("evidence", "Measure")
    Stage = apps.get_model("evidence", "Stage")
    Theme = apps.get_model("reference", "Theme")
    position = 0
    for (code, name), children in GROUPS.items():
        position += 1
        high, _ = EthnicGroup.objects.get_or_create(
            code=code,
            defaults={"name": name, "short_name": SHORT_NAMES[code], "level": "high", "position": position * 100},
        )
        Label.objects.get_or_create(publisher="census", label=name, defaults={"group": high})
        for child_position, (child_code, child_name) in enumerate(children, start=1):
            child, _ = EthnicGroup.objects.get_or_create(
                code=child_code,
                defaults={
                    "name": child_name,
                    "short_name": SHORT_NAMES[child_code],
                    "level": "detailed",
                    "parent": high,
                    "position": position * 100 + child_position,
                },
            )
            Label.objects.get_or_create(publisher="census", label=f"{name}: {child_name}", defaults={"group": child})
    for code, labels in DFE_LABELS.items():
        for label in labels:
            Label.objects.get_or_create(publisher="dfe", label=label, defaults={"group_id": code_id(EthnicGroup, code)})
    for position, (slug, name, kind, counted, theme, stages) in enumerate(MEASURES, start=1):
        measure, _ = Measure.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "what_is_counted": counted,
                "position": position,
                "theme": Theme.objects.filter(slug=theme).first(),
            },
        )
        for stage_position, (stage_slug, stage_name, verb) in enumerate(stages, start=1):
            Stage.objects.get_or_create(
                measure=measure,
                slug=stage_slug,
                defaults={"name": stage_name, "verb": verb, "position": stage_position},
            )


def code_id(EthnicGroup, code):
    return EthnicGroup.objects.get(code=code).pk


def create_analysts(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    load_permission = Permission.objects.get(content_type__app_label="evidence", codename="load_dataset")
    Group.objects.get_or_create(name=ANALYSTS)[0].permissions.add(load_permission)
    admins = Group.objects.filter(name="Admins").first()
    if admins:
        admins.permissions.add(
            load_permission,
            *Permission.objects.filter(
                content_type__app_label="evidence",
                content_type__model__in=["ethnicgrouplabel", "ethnicgroup", "measure", "stage", "dataset"],
            ),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_initial"),
        ("submissions", "0018_models_move_to_their_apps"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(create_analysts, migrations.RunPython.noop),
    ]
