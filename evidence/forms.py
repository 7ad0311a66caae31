"""The analyst's form for loading a file: its format, what its columns count, and where it came from."""

from django import forms
from django.conf import settings

from evidence.loading import Options
from evidence.lookups import LEAVE_OUT
from evidence.models import EthnicGroup, Stage
from evidence.readers import LABEL_LENGTH
from inputs.text_fields import MultilineField, TextLimitsMixin

FORMATS = [
    ("dfe", "Department for Education open-data CSV (explore-education-statistics)"),
    ("yjb", "Youth Justice Board supporting CSV of youth justice statistics' ethnicity tables"),
    ("census", "Census 2021 ethnic group by local authority (bulk CSV, one column per group)"),
    ("long", "Long CSV: the portal's template (la_code, period, measure, stage, ethnic_group, count, denominator)"),
]


def stage_choices(measure_kind=None):
    stages = Stage.objects.select_related("measure").order_by("measure__position", "position")
    if measure_kind:
        stages = stages.filter(measure__kind=measure_kind)
    return [(f"{stage.measure.slug}/{stage.slug}", f"{stage.measure.name}: {stage.name}") for stage in stages]


class LoadForm(TextLimitsMixin, forms.Form):
    file = forms.FileField(label="CSV file")
    source = forms.ChoiceField(label="Format", choices=FORMATS, widget=forms.RadioSelect)
    indicators = MultilineField(
        label="DfE and YJB files: what each indicator column counts",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line, as column = measure/stage, for example: perm_excl = exclusions/permanent-exclusion",
    )
    denominator = forms.CharField(
        label="DfE files: the column of each row's denominator (optional)", required=False, max_length=100
    )
    rates_of = forms.ChoiceField(
        label="What its rates are of",
        required=False,
        choices=[
            ("", "As the file gives: its own denominators where it has them (a DfE file's column named above)"),
            ("file", "Each row's own denominator, from the file (a row without one has no rate)"),
            ("population", "The group's population loaded (the Census), not the file's denominators"),
        ],
        widget=forms.RadioSelect,
        help_text="Recorded with the dataset: pages never choose a denominator by what else is on the page.",
    )
    stage = forms.ChoiceField(label="Census files: the population counted", choices=[], required=False)
    title = forms.CharField(max_length=200, help_text="As the publisher names it")
    publisher = forms.CharField(max_length=200)
    url = forms.URLField(label="Where it was published", max_length=500, required=False, assume_scheme="https")
    licence = forms.CharField(
        label="Licence (optional)",
        max_length=200,
        required=False,
        help_text="As the publisher states it, for example Open Government Licence v3.0; blank if it is not stated.",
    )
    release_date = forms.DateField(label="Release date (optional)", required=False, help_text="For example, 2024-07-18")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stage_choices("population")
        limit = settings.PORTAL_EVIDENCE_MAX_UPLOAD_BYTES / (1024 * 1024)
        self.fields["file"].help_text = f"Up to {limit:,.0f} MB; CSV as downloaded (UTF-8, or as Excel saves it)."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.PORTAL_EVIDENCE_MAX_UPLOAD_BYTES:
            limit = settings.PORTAL_EVIDENCE_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file must be smaller than {limit} MB.", code="too_big")
        return upload

    def clean_indicators(self):
        pairs = {}
        for line in self.cleaned_data["indicators"].splitlines():
            if not line.strip():
                continue
            column, equals, target = line.partition("=")
            if not equals or target.strip() not in dict(stage_choices()):
                raise forms.ValidationError(
                    f"Write “{line.strip()[:60]}” as column = measure/stage, with a stage from the list below.",
                    code="indicator",
                )
            pairs[column.strip()] = target.strip()
        return pairs

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") in ("dfe", "yjb") and not cleaned.get("indicators"):
            self.add_error(
                "indicators", forms.ValidationError("Say what at least one indicator column counts.", code="required")
            )
        return cleaned

    def options(self):
        data = self.cleaned_data
        return Options(
            data["source"],
            data["indicators"],
            data["denominator"],
            data["stage"] or "population/children",
            data["rates_of"],
            publisher=data["publisher"],
        )

    def provenance(self):
        fields = ["title", "publisher", "url", "licence", "release_date"]
        return {name: self.cleaned_data[name] for name in fields} | {"file_name": self.cleaned_data["file"].name[:255]}


CHOICES_READ = 300  # label and breakdown choices read from a preview's form: more than it ever shows


def group_choices():
    """The groups a label can be mapped to, as the preview's select offers them: (heading, [(code, name)])."""
    groups = EthnicGroup.objects.exclude(level=EthnicGroup.Level.COMBINED).order_by("position")
    high = [(group.code, group.name) for group in groups if group.level == EthnicGroup.Level.HIGH]
    census = [(group.code, f"{group.parent.short_name}: {group.name}") for group in groups.select_related("parent")
              if group.level == EthnicGroup.Level.DETAILED and group.split != EthnicGroup.Split.DFE]  # fmt: skip
    dfe = [(group.code, group.name) for group in groups if group.split == EthnicGroup.Split.DFE]
    return [
        ("The 5 high-level groups (Census 2021)", high),
        ("The 19 detailed groups (Census 2021)", census),
        ("The Department for Education's own groups", dfe),
    ]


def choices_from(post):
    """The analyst's choices in the preview: (label -> group code or LEAVE_OUT, breakdown column -> value, errors as
    (field id, message)). Every label shown must be given a group or left out."""
    codes = {code for _, groups in group_choices() for code, _ in groups} | {LEAVE_OUT}
    labels, breakdowns, errors = {}, {}, []
    for index in range(CHOICES_READ):
        label = post.get(f"label-{index}", "").strip()[:LABEL_LENGTH]
        if label:
            group = post.get(f"group-{index}", "")[:60]
            if group in codes:
                labels[label] = group
            else:
                errors.append((f"group-{index}", f"Choose which group ‘{label[:80]}’ is, or leave it out"))
        column = post.get(f"breakdown-{index}", "").strip()[:100]
        value = post.get(f"value-{index}", "").strip()[:LABEL_LENGTH]
        if column and value:  # none chosen: its default (its Total), which the check says if it has none
            breakdowns[column] = value
    return labels, breakdowns, errors
