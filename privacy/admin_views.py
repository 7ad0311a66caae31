"""The admins' pages for a person's data: find every place they are held, export it, erase it."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from accounts import rules
from accounts.access import PersonalDataAdminMixin
from accounts.models import DeletionRequest
from inputs.error_summary import error_summary
from privacy import erasure, finding, subject_access
from privacy.finding import MAX_TERM
from privacy.forms import ErasePersonForm, FindPersonForm


class PersonView(PersonalDataAdminMixin, View):
    """Find a person by name or email address and see every place the portal holds them."""

    template_name = "privacy/person.html"

    def get(self, request):
        form = FindPersonForm(request.GET or None)
        context = {"form": form, "requests": DeletionRequest.objects.select_related("user")}
        if form.is_valid():
            person = finding.identify(form.cleaned_data["q"])
            places = finding.places(person)
            possible = finding.possible_mentions(person)
            checked = {place.label for place in possible}
            context |= {
                "person": person,
                "places": places,
                "found": sum(len(place.found) for place in places),
                "possible": possible,
                "not_found": [place.label for place in places if not place.found and place.label not in checked],
                "erase_form": ErasePersonForm(initial={"q": person.term}),
                "export_refused": rules.refusals(request.user, person.users, rules.EXPORT),
                "erase_refused": rules.refusals(request.user, person.users, rules.ERASE),
            }
        elif form.is_bound:
            context["errors"] = error_summary(form)
        return render(request, self.template_name, context)


class EraseView(PersonalDataAdminMixin, View):
    """Erasing takes two steps: the form, then a page listing what will change, confirmed with a second button."""

    def post(self, request):
        form = ErasePersonForm(request.POST)
        if not form.is_valid():
            messages.error(request, "; ".join(message for _, message in error_summary(form)))
            return redirect(reverse("person") + "?" + urlencode({"q": request.POST.get("q", "")[:MAX_TERM]}))
        data = form.cleaned_data
        if not data["confirm"]:
            person = finding.identify(data["q"])
            places = [place for place in finding.places(person) if place.found]
            return render(request, "privacy/erase_confirm.html", {"form": form, "person": person, "places": places})
        try:
            done = erasure.erase_person(term=data["q"], by=request.user, **form.erasure_options())
        except erasure.ErasureRefused as refused:
            messages.error(request, str(refused))
            return redirect(reverse("person") + "?" + urlencode({"q": data["q"]}))
        messages.success(request, f"Erased from {done.records} records. The erasure is recorded in the audit trail.")
        return redirect("person")


class ExportView(PersonalDataAdminMixin, View):
    """A subject access export: one zip of everything held about the person."""

    def post(self, request):
        form = FindPersonForm(request.POST)
        if not form.is_valid():
            return redirect("person")
        try:
            content = subject_access.export(finding.identify(form.cleaned_data["q"]), by=request.user)
        except subject_access.ExportRefused as refused:
            messages.error(request, str(refused))
            return redirect(reverse("person") + "?" + urlencode({"q": form.cleaned_data["q"]}))
        response = HttpResponse(content, content_type="application/zip")
        name = f"subject-access-{timezone.localdate():%Y-%m-%d}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
