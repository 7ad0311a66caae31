"""Plan contacts: people without an account who own actions. Coordinators keep them; a contact's reminder links to
a page of their own actions that needs no account."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import FormView

from accounts.access import PublicMixin
from plans import contact_links, services
from plans.access import PlanEditorMixin
from plans.action_views import ErrorSummaryMixin
from plans.forms import ContactForm
from plans.models import Action, PlanContact


class ContactMixin(PlanEditorMixin):
    def get_contacts(self):
        return PlanContact.objects.for_plan(self.get_plan())

    def get_contact(self):
        return get_object_or_404(self.get_contacts(), pk=self.kwargs["contact"])


class ContactListView(ContactMixin, ErrorSummaryMixin, FormView):
    """The contacts of the plan's sub-region, and a form to add one."""

    template_name = "plans/contacts.html"
    form_class = ContactForm

    def get_context_data(self, **kwargs):
        contacts = self.get_contacts().select_related("user").prefetch_related("owned__action__area")
        return super().get_context_data(plan=self.get_plan(), contacts=contacts, **kwargs)

    def form_valid(self, form):
        contact, linked = services.save_contact(plan=self.get_plan(), by=self.request.user, **form.cleaned_data)
        owns = f" They now own action {', '.join(a.number for a in linked)}." if linked else ""
        messages.success(self.request, f"{contact.name} is added to the contacts.{owns}")
        return redirect("plans:contact_list", self.get_plan().pk)


class ContactEditView(ContactMixin, ErrorSummaryMixin, FormView):
    template_name = "plans/contact_form.html"
    form_class = ContactForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_contact()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), contact=self.get_contact(), **kwargs)

    def form_valid(self, form):
        plan, contact = self.get_plan(), self.get_contact()
        services.save_contact(plan=plan, by=self.request.user, contact=contact, **form.cleaned_data)
        messages.success(self.request, f"{contact.name}'s details are saved.")
        return redirect("plans:contact_list", plan.pk)


class ContactInviteView(ContactMixin, View):
    """Instead of links, an account: their actions go to it (and My actions), with an invitation if it is new."""

    http_method_names = ["post"]

    def post(self, request, pk, contact):
        contact = self.get_contact()
        if contact.user_id:
            messages.info(request, f"{contact.name} has an account already.")
        elif services.invite_contact(plan=self.get_plan(), contact=contact, by=request.user):
            messages.success(request, f"{contact.name} is sent an email to choose a password for their account.")
        else:
            messages.success(request, f"{contact.email} has an account already: {contact.name}'s actions are now its.")
        return redirect("plans:contact_list", self.get_plan().pk)


class ContactActionsView(PublicMixin, View):
    """The page behind a contact's reminder link: their own actions, read only, and nothing else. A link that is
    forged, void (their email changed) or expired gets a plain page saying so, never a 500."""

    template_name = "plans/contact_actions.html"

    def get(self, request, token):
        try:
            contact = contact_links.contact_of(token)
        except contact_links.Expired:
            return self.page("expired", status=410)
        if contact is None:
            return self.page("invalid", status=403)
        actions = (
            Action.objects.filter(owners__contact=contact)
            .distinct()
            .with_plan()
            .prefetch_related("updates")
            .order_by("area__plan", "area__number", "position")
        )
        return self.page("ok", contact=contact, actions=actions, days=contact_links.LINK_DAYS)

    def page(self, state, status=200, **context):
        response = render(self.request, self.template_name, {"state": state, **context}, status=status)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"  # the link is the key: it never goes on to another site
        response["Cache-Control"] = "no-store"
        return response
