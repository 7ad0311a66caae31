"""Forms for a plan as a whole: starting one, its title and sharing, and importing one from a file."""

from django import forms

from accounts.roles import is_moderator
from inputs.text_fields import TextLimitsMixin
from plans.importer import MAX_BYTES, TOO_LARGE
from plans.models import LINE_LIMIT, Plan
from reference.models import SubRegion

PLAN_TYPES = ".docx,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LONDON = "London as a whole"


def region_field():
    return forms.ModelChoiceField(
        SubRegion.objects.none(),
        label="Sub-region",
        empty_label=None,
        error_messages={"required": "Select the sub-region whose plan this is"},
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def offer_regions(field, user):
    """A coordinator's own sub-regions; moderators and admins (who edit London's plans) every one, and London."""
    regions = SubRegion.objects.all()
    if is_moderator(user):
        field.required, field.empty_label = False, LONDON
    else:
        regions = regions.filter(pk__in=user.sub_region_roles.filter(role="coordinator").values("sub_region"))
    field.queryset = regions


def plan_titled(region, title, besides=None):
    """The sub-region's (or London's) plan called that, case aside, other than `besides`: two may not share a title,
    as they would read the same in every list and on import (decision 0010)."""
    plans = Plan.objects.filter(sub_region=region, title__iexact=title)
    return plans.exclude(pk=besides.pk).first() if besides and besides.pk else plans.first()


def where_of(region):
    return region.name if region else LONDON


class PlanForm(TextLimitsMixin, forms.ModelForm):
    """A new, empty plan (its sub-region and title), or a plan's title and whether it is shared across London."""

    sub_region = region_field()
    # What the page showed, so that a change someone else saved meanwhile is not silently overwritten.
    REOPEN = "Open the plan's page again: the form did not say which title and sharing you changed"
    shown_title = forms.CharField(
        widget=forms.HiddenInput,
        required=False,
        strip=False,
        max_length=LINE_LIMIT,
        error_messages={"required": REOPEN},
    )
    shown_shared = forms.ChoiceField(
        widget=forms.HiddenInput,
        required=False,
        choices=[("yes", "yes"), ("no", "no")],
        error_messages={"required": REOPEN},
    )

    class Meta:
        model = Plan
        fields = ["sub_region", "title", "shared_across_london"]
        labels = {"title": "Title", "shared_across_london": "Shared across London"}
        help_texts = {
            "title": "As the directors call it, for example ‘Proposed areas for collaboration in East London’.",
            "shared_across_london": "Everyone signed in to the portal may read it. Plans are never public.",
        }
        error_messages = {"title": {"required": "Enter the plan's title"}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["sub_region"]  # a plan stays its sub-region's
            self.initial.update(self.shown(self.instance))
            self.fields["shown_title"].required = self.fields["shown_shared"].required = True
        else:
            offer_regions(self.fields["sub_region"], user)
            del self.fields["shown_title"], self.fields["shown_shared"]

    def clean(self):
        """A sub-region's plans have titles of their own, so that no two read the same in lists and on import."""
        cleaned = super().clean()
        region = cleaned.get("sub_region") if "sub_region" in self.fields else self.instance.sub_region
        title = cleaned.get("title")
        if title and not self.has_error("sub_region"):
            if same := plan_titled(region, title, besides=self.instance):
                message = (
                    f"{where_of(region)} already has a plan called ‘{same.title}’: open that plan, or give this one "
                    "another title"
                )
                self.add_error("title", forms.ValidationError(message, code="same_title"))
        return cleaned

    @staticmethod
    def shown(plan):
        return {"shown_title": plan.title, "shown_shared": "yes" if plan.shared_across_london else "no"}

    def shown_values(self):
        """The title and sharing the page showed, as the plan holds them."""
        return self.cleaned_data["shown_title"], self.cleaned_data["shown_shared"] == "yes"


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="The plan as a Word (.docx) or text (.txt) file",
        help_text="Written as the sub-regions write them: numbered areas, then ‘Activity:’, ‘Action:’ and "
        "‘Owner:’ lines, with dated updates (16/07/20: …) under each action.",
        error_messages={"required": "Choose the plan's file"},
        widget=forms.ClearableFileInput(attrs={"accept": PLAN_TYPES}),
    )
    sub_region = region_field()
    other_region = forms.BooleanField(required=False)  # offered when the file's title names another sub-region

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_regions(self.fields["sub_region"], user)
        self.other_region_named = []

    def ask_about(self, named, region):
        """The file's title names other sub-regions than the one chosen: say so, and offer to import it anyway."""
        where = region.name if region else LONDON
        self.other_region_named = named
        self.fields["other_region"].label = self["other_region"].label = f"Import it into {where} all the same"
        self.fields["other_region"].help_text = self["other_region"].help_text = (
            f"Actions owned by the sub-region's DCSs will be owned by {region.name}'s, and their reminders go to them."
            if region
            else "A plan for London as a whole has no sub-region's DCSs: nobody is reminded of their actions until "
            "people are named as owners."
        )
        self.add_error(
            "file",
            forms.ValidationError(
                f"The plan's title names {' and '.join(named)}, not {where}: choose the right sub-region, or choose "
                "the file again and tick the box to import it into the sub-region chosen",
                code="other_region",
            ),
        )

    def clean_file(self):
        """Refused by its size before it is read; an upload past the portal's limit arrives with no bytes."""
        upload = self.cleaned_data["file"]
        if getattr(upload, "too_large", False) or upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE, code="file_too_large")
        return upload


class RepeatImportForm(forms.Form):
    """For a file that looks imported already: a new version of a plan it may be, or a separate plan."""

    SEPARATE = "separate"
    choice = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether this is a new version of the plan or a separate plan",
            "invalid_choice": "Choose whether this is a new version of the plan or a separate plan",
        },
    )

    def __init__(self, *args, plans, title, sub_region, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {f"plan-{plan.pk}": plan for plan in plans}
        self.title, self.sub_region = title, sub_region  # the file's, and the sub-region chosen for it
        choices = [
            (key, f"Save it as a new version of ‘{plan.title}’ ({plan.region_name})")
            for key, plan in self.plans.items()
        ]
        self.fields["choice"].choices = [*choices, (self.SEPARATE, "Import it as a separate plan")]

    def clean_choice(self):
        """A separate plan, or a plan renamed by its new version, may not take another plan's title in its
        sub-region: the plan with that title is offered instead."""
        plan = self.plans.get(self.cleaned_data["choice"])
        region = plan.sub_region if plan else self.sub_region
        if same := plan_titled(region, self.title, besides=plan):
            raise forms.ValidationError(
                f"{where_of(region)} already has a plan called ‘{same.title}’, and two plans of a sub-region may not "
                f"share a title: save the file as a new version of ‘{same.title}’, or give the file another title "
                "and import it again",
                code="same_title",
            )
        return plan
