"""Splitting a return into separate entries (docs/decisions/0003): a moderator a return sent for review, a lead
their own LA's draft or entry waiting for their changes (Practice.objects.splittable_by). Two steps, without
JavaScript: how many new entries (a GET form), then for each its name, themes and pieces."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from accounts.access import LeadOrModeratorMixin
from accounts.roles import is_moderator
from inputs.error_summary import error_summary
from inputs.numbers import whole_number
from submissions import services
from submissions.models import Practice
from submissions.split_forms import CountForm, SplitForms


class SplitView(LeadOrModeratorMixin, View):
    template_name = "submissions/practice_split.html"

    def get(self, request, pk):
        practice = self.get_practice()
        if "entries" not in request.GET:
            return self.render(practice, count_form=CountForm())
        count_form = CountForm(request.GET)
        if not count_form.is_valid():
            return self.render(practice, count_form=count_form, errors=error_summary(count_form))
        return self.render(practice, forms=SplitForms(practice, count_form.cleaned_data["entries"]))

    def post(self, request, pk):
        practice = self.get_practice()
        count_form = CountForm(request.POST)
        if not count_form.is_valid():
            return self.render(practice, count_form=count_form, errors=error_summary(count_form))
        forms = SplitForms(practice, count_form.cleaned_data["entries"], data=request.POST)
        if not forms.is_valid():
            return self.render(practice, forms=forms, errors=forms.errors())
        seen_version = whole_number(request.POST.get("seen_version", ""))
        try:
            entries = forms.split(request.user, seen_version)
        except services.StaleEntry as stale:
            message = f"{services.STALE_PAGE} Your choices are below."
            return self.render(practice, forms=forms, errors=[("main-content", message)], seen=stale.current_version)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
            return redirect(self.back_url(practice))
        names = ", ".join(f"‘{entry.title}’" for entry in entries)
        messages.success(request, f"‘{practice.title}’ was split: {names} {self.now_what(entries)}")
        return redirect("moderation_queue" if is_moderator(request.user) else "my_submissions")

    def get_practice(self):
        splittable = Practice.objects.splittable_by(self.request.user).select_related("local_authority")
        return get_object_or_404(splittable.prefetch_related("resources", "contacts"), pk=self.kwargs["pk"])

    def now_what(self, entries):
        if entries[0].status == Practice.Status.SUBMITTED:
            return "are waiting for review."
        return "are drafts: check and submit each."

    def back_url(self, practice):
        return reverse("review" if is_moderator(self.request.user) else "submission_detail", args=[practice.pk])

    def render(self, practice, count_form=None, forms=None, errors=(), seen=None):
        context = {
            "practice": practice,
            "count_form": count_form,
            "forms": forms,
            "errors": errors,
            "seen_version": seen or whole_number(self.request.POST.get("seen_version", "")) or practice.version,
            "back": self.back_url(practice),
        }
        return render(self.request, self.template_name, context)
