"""Email digests: choosing what to receive, and unsubscribing from the link in a digest."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from accounts.access import PublicMixin, SignedInMixin
from inputs.error_summary import error_summary
from inputs.numbers import IdsChoiceField
from publishing.models import DigestSubscription
from reference.models import SubRegion, Theme

MAX_PROPOSED = 50  # more themes or sub-regions than exist: enough for any link the portal makes


class DigestForm(forms.ModelForm):
    class Meta:
        model = DigestSubscription
        fields = ["frequency", "sub_regions", "themes"]
        field_classes = {"sub_regions": IdsChoiceField, "themes": IdsChoiceField}
        labels = {
            "frequency": "How often do you want an email?",
            "sub_regions": "Sub-regions (optional)",
            "themes": "Themes (optional)",
        }
        help_texts = {
            "sub_regions": "Leave them all unticked to hear about practice from all of London.",
            "themes": "Leave them all unticked to hear about every theme.",
        }
        error_messages = {"frequency": {"required": "Select how often you want an email"}}
        widgets = {
            "frequency": forms.RadioSelect,
            "sub_regions": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        if not self.instance.pk:
            self.fields["frequency"].initial = None  # nothing chosen for the person: they choose

    @classmethod
    def proposed(cls, query, subscription):
        """The form, with the themes and sub-regions the page linked from ticked, beside those already chosen."""
        initial = {}
        choices = (("themes", "theme", Theme.objects.active()), ("sub_regions", "sub_region", SubRegion.objects.all()))
        for name, parameter, model in choices:
            slugs = query.getlist(parameter)[:MAX_PROPOSED]
            chosen = list(getattr(subscription, name).all()) if subscription else []
            if slugs:
                initial[name] = list({*chosen, *model.filter(slug__in=slugs)})
        return cls(instance=subscription, initial=initial)


class DigestSettingsView(SignedInMixin, View):
    template_name = "publishing/digest_settings.html"

    def get(self, request):
        subscription = DigestSubscription.objects.filter(user=request.user).first()
        return self.render(DigestForm.proposed(request.GET, subscription), subscription)

    def post(self, request):
        subscription = DigestSubscription.objects.filter(user=request.user).first()
        if "unsubscribe" in request.POST:
            if subscription:
                subscription.delete()
            messages.success(request, "You will not get any more digest emails.")
            return redirect("digest_settings")
        form = DigestForm(request.POST, instance=subscription or DigestSubscription(user=request.user))
        if not form.is_valid():
            return self.render(form, subscription)
        if subscription is None:
            form.instance.covered_until = timezone.now()  # from now on: no back catalogue in the first email
        form.save()
        messages.success(
            request,
            f"You will get a {form.instance.get_frequency_display().lower()} email of newly published practice.",
        )
        return redirect("digest_settings")

    def render(self, form, subscription):
        context = {"form": form, "subscription": subscription, "errors": error_summary(form) if form.is_bound else []}
        return render(self.request, self.template_name, context)


@method_decorator(csrf_exempt, name="dispatch")  # mail clients' one-click unsubscribe (RFC 8058) POSTs without a form
class DigestUnsubscribeView(PublicMixin, View):
    """The link in every digest: works without signing in, and can do nothing but unsubscribe."""

    template_name = "publishing/digest_unsubscribe.html"

    def get(self, request, token):
        subscription = DigestSubscription.objects.filter(unsubscribe_token=token).select_related("user").first()
        return render(request, self.template_name, {"subscription": subscription, "done": False})

    def post(self, request, token):
        DigestSubscription.objects.filter(unsubscribe_token=token).delete()
        return render(request, self.template_name, {"subscription": None, "done": True})
