"""The moderators' pages: the queue, the review page and its decisions."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.views import View
from django.views.generic import ListView

from accounts.access import ModeratorRequiredMixin
from inputs.error_summary import error_summary
from inputs.paging import PageWithinRangeMixin
from submissions import services
from submissions.models import Practice, ThemeSuggestion
from submissions.moderation_forms import DecisionForm, QueueFilterForm, UnpublishForm
from submissions.revisions import changes_for_review


class QueueView(ModeratorRequiredMixin, PageWithinRangeMixin, ListView):
    """Everything awaiting review, oldest first, filterable by status and sub-region."""

    template_name = "submissions/moderation_queue.html"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = QueueFilterForm(self.request.GET or None)
        pending_theme = ThemeSuggestion.objects.filter(practice=OuterRef("pk"), status=ThemeSuggestion.Status.PENDING)
        return (
            self.filter_form.filter(Practice.objects.all())
            .select_related("local_authority__sub_region", "revision_of")
            .annotate(has_theme_suggestion=Exists(pending_theme))
            .order_by("submitted_at", "pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


# Filled in with the entry's title and public address.
DONE = {
    "publish": '‘{}’ is published: <a href="{}">see it as readers do</a>.',
    "request_changes": "‘{}’ has gone back to its lead with your comment.",
    "reject": "‘{}’ was rejected.",
}


class ReviewView(ModeratorRequiredMixin, View):
    """An entry as it will appear when published, what changed, its history, and the decision."""

    template_name = "submissions/review.html"

    def get(self, request, pk):
        return self.render(self.get_practice())

    def post(self, request, pk):
        practice = self.get_practice()
        if "reason" in request.POST:
            return self.unpublish(practice)
        form = DecisionForm(request.POST, suggestions=self.pending_suggestions(practice))
        if not form.is_valid():
            return self.render(practice, decision_form=form)
        decision = form.cleaned_data["decision"]
        try:
            result = self.decide(form, practice)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect("review", pk=pk)
        messages.success(request, format_html(DONE[decision], result.title, result.get_absolute_url()))
        return redirect("moderation_queue")

    def decide(self, form, practice):
        by, decision = self.request.user, form.cleaned_data["decision"]
        version, comment = form.cleaned_data["version"], form.cleaned_data["comment"].strip()
        if decision == "publish":
            return services.publish_practice(
                practice=practice, by=by, seen_version=version, note=comment, theme_decisions=form.theme_decisions()
            )
        if decision == "request_changes":
            return services.request_changes(practice=practice, by=by, seen_version=version, comment=comment)
        return services.reject_practice(practice=practice, by=by, seen_version=version, reason=comment)

    def unpublish(self, practice):
        form = UnpublishForm(self.request.POST)
        if not form.is_valid():
            return self.render(practice, unpublish_form=form)
        try:
            services.unpublish_practice(
                practice=practice,
                by=self.request.user,
                seen_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"].strip(),
            )
        except services.TransitionNotAllowed as refused:
            messages.error(self.request, str(refused))
            return redirect("review", pk=practice.pk)
        messages.success(self.request, f"‘{practice.title}’ is no longer published.")
        return redirect("review", pk=practice.pk)

    def get_practice(self):
        related = ("categories", "themes", "contacts", "resources", "events__actor", "snapshots")
        return get_object_or_404(
            Practice.objects.select_related("local_authority__sub_region", "revision_of").prefetch_related(*related),
            pk=self.kwargs["pk"],
        )

    def pending_suggestions(self, practice):
        return practice.theme_suggestions.filter(status=ThemeSuggestion.Status.PENDING)

    def render(self, practice, decision_form=None, unpublish_form=None):
        initial = {"version": practice.version}
        bound = decision_form or unpublish_form
        context = {
            "practice": practice,
            "changes": changes_for_review(practice),
            "decision_form": decision_form
            or DecisionForm(initial=initial, suggestions=self.pending_suggestions(practice)),
            "unpublish_form": unpublish_form or UnpublishForm(initial=initial),
            "errors": error_summary(bound) if bound else [],
        }
        return render(self.request, self.template_name, context)
