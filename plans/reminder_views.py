"""The unsubscribe link in every plans reminder: works without signing in, and can do nothing but unsubscribe."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from accounts.access import PublicMixin
from plans.models import ReminderSetting


@method_decorator(csrf_exempt, name="dispatch")  # mail clients' one-click unsubscribe (RFC 8058) POSTs without a form
class ReminderUnsubscribeView(PublicMixin, View):
    template_name = "plans/reminders_unsubscribe.html"

    def get(self, request, token):
        setting = ReminderSetting.objects.filter(token=token, unsubscribed_at=None).select_related("user").first()
        return render(request, self.template_name, {"setting": setting, "done": False})

    def post(self, request, token):
        ReminderSetting.objects.filter(token=token, unsubscribed_at=None).update(unsubscribed_at=timezone.now())
        return render(request, self.template_name, {"setting": None, "done": True})
