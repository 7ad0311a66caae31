"""
Citing a measure in practice: the lead's "Cite these figures" on a measure page, taking a citation away, and the
panel an entry's pages show ("Evidence this practice cites", through submissions.panels). And in a plan: its editors
cite the view in one of its open actions, which the action's page shows ("Evidence this action cites", through
plans.panels).
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.views import View

from accounts.access import LeadRequiredMixin, SignedInMixin
from accounts.roles import is_lead, is_moderator
from evidence import citing, citing_actions, pages
from evidence.models import DEFAULT_COMPARISON, Citation, Measure
from inputs.next_page import posted_next
from plans import roles
from plans.access import RuleMixin
from submissions.models import Practice


class CiteForm(forms.Form):
    practice = forms.ChoiceField(
        label="Your entry", error_messages={"required": "Choose the entry that cites these figures"}
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {str(entry.pk): entry for entry in entries}
        self.fields["practice"].choices = [(pk, entry.title) for pk, entry in self.entries.items()]
        self.fields["practice"].error_messages["invalid_choice"] = "Choose one of your own local authority’s entries"

    def clean_practice(self):
        return self.entries[self.cleaned_data["practice"]]


class ActionCiteForm(forms.Form):
    action = forms.ChoiceField(
        label="Action", error_messages={"required": "Choose the action that cites these figures"}
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.actions = {str(action.pk): action for action in actions}
        self.fields["action"].choices = citing_actions.grouped(self.actions.values())
        self.fields["action"].error_messages["invalid_choice"] = "Choose an open action of a plan you may change"

    def clean_action(self):
        return self.actions[self.cleaned_data["action"]]


def reader_citing(measure, user):
    """What a lead sees on a measure page to cite it: their entries, and which of them cite this measure already;
    and what a plan's editor sees: their plans' open actions, and those that cite this measure already."""
    return {**entry_citing(measure, user), **action_citing(measure, user)}


def entry_citing(measure, user):
    if not is_lead(user):
        return {"cite_form": None, "my_citations": []}
    entries = list(citing.citable_entries(user))
    mine = Citation.objects.named().filter(measure=measure, practice__in=Practice.objects.of_lead(user))
    return {
        "cite_form": CiteForm(entries=entries) if entries else None,
        "my_citations": list(mine.select_related("practice")),
    }


def action_citing(measure, user):
    if not may_cite_in_actions(user):
        return {"action_cite_form": None, "action_citations": []}
    actions = list(citing_actions.citable_actions(user))
    theirs = citing_actions.removable_by(user).named().filter(measure=measure)
    return {
        "action_cite_form": ActionCiteForm(actions=actions) if actions else None,
        "action_citations": list(theirs.order_by("action__area__plan__title", "added_at", "pk")),
    }


def may_cite_in_actions(user):
    """Whether the user edits any plan (plans.roles.may_edit_plan decides which): moderators, admins, coordinators."""
    return user.is_authenticated and (is_moderator(user) or roles.is_coordinator(user))


class CiteView(LeadRequiredMixin, View):
    """Cite the view on the measure page (area, period, groups) in one of the lead's own entries."""

    http_method_names = ["post"]

    def post(self, request, slug):
        measure = get_object_or_404(Measure, slug=slug)
        choice, periods = pages.measure_choice(measure, request.POST)
        page = f"{measure_url(measure)}?{choice.query()}#cite"
        form = CiteForm(request.POST, entries=citing.citable_entries(request.user))
        if not form.is_valid():
            messages.error(request, form.errors["practice"][0])
        elif refused := not_citable(measure, choice):
            messages.error(request, f"These figures could not be cited. {refused}")
        else:
            practice = form.cleaned_data["practice"]
            try:
                citation, created = citing.cite(
                    practice=practice, measure=measure, choice=choice, period=periods[choice.year], by=request.user
                )
            except citing.CitationRefused as refused:
                messages.error(request, str(refused))
            else:
                said = "now cites" if created else "already cites"
                messages.success(request, f"‘{practice.title}’ {said} {citation}.")
        return redirect(page)


class ActionCiteView(RuleMixin, View):
    """Cite the view on the measure page in an open action of a plan the user may change. Those who change no plan:
    403; an action of another plan: the page again, saying so."""

    http_method_names = ["post"]

    def allowed(self):
        return may_cite_in_actions(self.request.user)

    def post(self, request, slug):
        measure = get_object_or_404(Measure, slug=slug)
        choice, periods = pages.measure_choice(measure, request.POST)
        page = f"{measure_url(measure)}?{choice.query()}#cite-in-action"
        form = ActionCiteForm(request.POST, actions=citing_actions.citable_actions(request.user))
        if not form.is_valid():
            messages.error(request, form.errors["action"][0])
        elif refused := not_citable(measure, choice):
            messages.error(request, f"These figures could not be cited. {refused}")
        else:
            action = form.cleaned_data["action"]
            citation, created = citing_actions.cite(
                action=action, measure=measure, choice=choice, period=periods[choice.year], by=request.user
            )
            said = "now cites" if created else "already cites"
            messages.success(request, f"Action {action.number} of ‘{action.area.plan.title}’ {said} {citation}.")
        return redirect(page)


def not_citable(measure, choice):
    """Why the view asked for is not one the measure page offers (a forged or stale form), or "" if it is: the
    page's own choice, which must need no correcting, and a comparison group the page offers there (pages.comparable;
    none on a population's page)."""
    if choice.problems or choice.year is None:
        return "Choose them again on this page and try again."
    if measure.kind == Measure.Kind.POPULATION:  # its page offers no comparison: only the default is its view
        return "" if choice.comparison.code == DEFAULT_COMPARISON[choice.level] else "A population has no comparison."
    if choice.comparison.code not in pages.comparable(pages.figures_for(measure, choice)):
        return pages.no_comparison(measure, choice)
    return ""


def measure_url(measure):
    return Citation(measure=measure).get_absolute_url().split("?")[0]


class CitationRemoveView(SignedInMixin, View):
    """Take a citation away: the lead of the entry's local authority, or a moderator. Others: 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        citation = get_object_or_404(citing.removable_by(request.user), pk=pk)
        citing.remove_citation(citation=citation, by=request.user)
        messages.success(request, f"‘{citation.practice.title}’ no longer cites {citation}.")
        return redirect(posted_next(request, citation.practice.get_absolute_url()))


class ActionCitationRemoveView(SignedInMixin, View):
    """Take a citation off an action: those who may change its plan. Others: 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        citation = get_object_or_404(citing_actions.removable_by(request.user), pk=pk)
        citing_actions.remove_citation(citation=citation, by=request.user)
        action = citation.action
        messages.success(request, f"Action {action.number} no longer cites {citation}.")
        return redirect(posted_next(request, action.get_absolute_url()))


def action_panel(action, request):
    """ "Evidence this action cites" on an action's page, for its plan's readers, with "Remove" for its editors."""
    citations = list(citing_actions.readable_by(request.user, action))
    if not citations:
        return ""
    may_remove = roles.may_edit_plan(request.user, action.area.plan)
    return render_to_string(
        "evidence/includes/action_citations.html",
        {"citations": citations, "may_remove": may_remove, "next": request.get_full_path()},
        request=request,
    )


def entry_panel(practice, request):
    """ "Evidence this practice cites" on an entry's pages, with "Remove" for those who may (nothing if none)."""
    entry = practice.revision_of_id or practice.pk  # changes to a published entry: what the entry cites
    citations = list(Citation.objects.named().filter(practice=entry).select_related("measure"))
    user = request.user if request is not None else None
    removable = set()
    if citations and user is not None and user.is_authenticated:
        removable = set(citing.removable_by(user).filter(practice=entry).values_list("pk", flat=True))
    if not citations:
        return ""
    return render_to_string(
        "evidence/includes/entry_citations.html",
        {"citations": citations, "removable": removable, "next": request.get_full_path() if request else ""},
        request=request,
    )
