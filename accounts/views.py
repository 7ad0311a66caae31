"""A signed-in person's own account: details, roles, email updates; changing their name; asking to be deleted."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView

from accounts import services as account_services
from accounts.access import SignedInMixin
from accounts.forms import DeletionRequestForm, NameForm
from accounts.models import DeletionRequest
from accounts.roles import lead_authorities


class AccountView(SignedInMixin, TemplateView):
    template_name = "accounts/account.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        authorities = [authority.name for authority in lead_authorities(user)]
        roles = ["Borough lead"] * bool(authorities) + [group.name for group in user.groups.all()]
        return super().get_context_data(
            roles=roles or ["Reader of published practice"],
            authorities=authorities,
            # The publishing app's email updates, by the relation's name: that app sits above this one.
            subscription=getattr(user, "digest", None),
            deletion=DeletionRequest.objects.filter(user=user).first(),
            **kwargs,
        )


class FormPageView(SignedInMixin, View):
    """A one-question page: show the form, and on a valid POST do `done` and go back to the account."""

    form_class = None
    heading = button = intro = ""

    def initial(self):
        return {}

    def get(self, request):
        return self.render(self.form_class(initial=self.initial()))

    def post(self, request):
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.render(form)
        messages.success(request, self.done(form.cleaned_data))
        return redirect("account")

    def render(self, form):
        context = {"form": form, "heading": self.heading, "button": self.button, "intro": self.intro}
        return render(self.request, "accounts/form_page.html", context)


class NameView(FormPageView):
    form_class = NameForm
    heading, button = "Change your name", "Save your name"

    def initial(self):
        return {"first_name": self.request.user.first_name, "last_name": self.request.user.last_name}

    def done(self, data):
        account_services.change_name(user=self.request.user, first_name=data["first_name"], last_name=data["last_name"])
        return "Your name has been changed."


class DeletionRequestView(FormPageView):
    form_class = DeletionRequestForm
    heading, button = "Ask for your account to be deleted", "Send the request"
    intro = (
        "The portal’s administrators will delete your account and take your name and contact details off "
        "the entries that name you, and tell you when it is done. Entries you shared stay published."
    )

    def done(self, data):
        account_services.request_deletion(user=self.request.user, reason=data["reason"])
        return "Your request has been sent to the portal’s administrators. They will tell you when it is done."
