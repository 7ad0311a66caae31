"""The unsubscribe link in every plans reminder: works without signing in, and can do nothing but unsubscribe."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from accounts.access import PublicMixin
from plans.models import PlanContact, ReminderSetting


@method_decorator(csrf_exempt, name="dispatch")  # mail clients' one-click unsubscribe (RFC 8058) POSTs without a form
class ReminderUnsubscribeView(PublicMixin, View):
    """A link no reminder ever held is not valid, and changes nothing; a used one says the reminders are off."""

    template_name = "plans/reminders_unsubscribe.html"

    def get(self, request, token):
        setting = self.setting(token)
        state = "invalid" if setting is None else "already" if setting.unsubscribed_at else "confirm"
        return self.page(state, setting)

    def post(self, request, token):
        setting = self.setting(token)
        if setting is None:
            return self.page("invalid", None)
        type(setting).objects.filter(pk=setting.pk, unsubscribed_at=None).update(unsubscribed_at=timezone.now())
        return self.page("done", None)

    def setting(self, token):
        """An account's reminder setting, or a plan contact (reminded without an account): each has the token."""
        setting = ReminderSetting.objects.filter(token=token).select_related("user").first()
        return setting or PlanContact.objects.filter(token=token).first()

    def page(self, state, setting):
        status = 404 if state == "invalid" else 200
        email = setting.user.email if isinstance(setting, ReminderSetting) else getattr(setting, "email", "")
        return render(self.request, self.template_name, {"state": state, "email": email}, status=status)
