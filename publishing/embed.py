"""
The embeddable list of published practice, for the LIIA website's pages (an iframe), and the
moderators' page that builds the snippet. Only origins in PORTAL_EMBED_ORIGINS may frame it.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import TemplateView

from accounts.access import ModeratorRequiredMixin
from inputs.numbers import whole_number
from publishing.feeds import SUBJECTS
from reference.models import LocalAuthority, SubRegion, Theme
from submissions.models import Practice

COUNTS = [3, 5, 10, 20]


class EmbedForm(forms.Form):
    """What the embedded list shows: the newest entries, of one theme, LA or sub-region if chosen."""

    theme = forms.ModelChoiceField(
        Theme.objects.active(), to_field_name="slug", required=False, empty_label="Any theme"
    )
    local_authority = forms.ModelChoiceField(
        LocalAuthority.objects.order_by("name"), to_field_name="slug", required=False, empty_label="Any local authority"
    )
    sub_region = forms.ModelChoiceField(
        SubRegion.objects.order_by("name"),
        label="Sub-region",
        to_field_name="slug",
        required=False,
        empty_label="Any sub-region",
    )
    count = forms.TypedChoiceField(
        label="How many entries",
        choices=[(str(count), str(count)) for count in COUNTS],
        coerce=lambda value: whole_number(value, highest=max(COUNTS)),
        initial="5",
        required=False,
        empty_value=5,
    )

    def practices(self):
        practices = Practice.objects.published().exclude(published_at=None).with_card_data()
        for kind, (_, field, _) in SUBJECTS.items():
            if subject := self.cleaned_data.get(kind):
                practices = practices.filter(**{field: subject})
        return practices.order_by("-published_at", "-pk")[: self.cleaned_data["count"]]

    def query(self):
        chosen = {name: getattr(value, "slug", value) for name, value in self.cleaned_data.items() if value}
        return urlencode(chosen)


@xframe_options_exempt
def embedded_list(request):
    """The list itself; framed by the portal (the builder's preview) and PORTAL_EMBED_ORIGINS only."""
    form = EmbedForm(request.GET)
    if not form.is_valid():
        raise Http404("No such theme, local authority or sub-region")
    hidden = settings.PORTAL_BROWSE_REQUIRES_SIGN_IN and not request.user.is_authenticated
    context = {"practices": [] if hidden else form.practices(), "base_url": settings.PORTAL_BASE_URL}
    response = render(request, "publishing/embed.html", context)
    response._csp_replace = {"frame-ancestors": ["'self'", *settings.PORTAL_EMBED_ORIGINS]}
    return response


class EmbedBuilderView(ModeratorRequiredMixin, TemplateView):
    """A moderator picks what the LIIA website shows and copies the snippet."""

    template_name = "publishing/embed_builder.html"

    def get_context_data(self, **kwargs):
        form = EmbedForm(self.request.GET or None)
        context = {"form": form, "origins": settings.PORTAL_EMBED_ORIGINS}
        if form.is_bound and form.is_valid():
            context["embed_url"] = f"{settings.PORTAL_BASE_URL}{reverse('embed_practice')}?{form.query()}"
            context["preview_url"] = f"{reverse('embed_practice')}?{form.query()}"
        return super().get_context_data(**context, **kwargs)
