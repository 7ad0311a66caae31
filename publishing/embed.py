"""
The embeddable list of published practice, for the LIIA website's pages (an iframe), and the
moderators' page that builds the snippet. Only origins in PORTAL_EMBED_ORIGINS may frame it.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import TemplateView

from accounts.access import ModeratorRequiredMixin
from inputs.error_summary import error_summary
from inputs.numbers import whole_number
from publishing.feeds import SUBJECTS
from reference.models import LocalAuthority, SubRegion, Theme
from submissions.models import Practice

COUNTS = [3, 5, 10, 20]
DEFAULT_COUNT = 5
# The snippet's height: enough for `count` entries with summaries at a phone's width (320 px), so the
# last entry is never hidden in a frame with no visible scrollbar; the builder says how to lower it.
HEIGHT_PER_ENTRY, HEIGHT_OF_THE_REST = 280, 150  # measured: 5 entries need 1,405 px at 320 px
CACHE_SECONDS = 300  # rendered on every page view of the LIIA website; new practice shows within 5 minutes


def nearest_count(value):
    """An offered count for whatever the URL says: the nearest offered, or the default when it is not a number."""
    number = whole_number(value or "", lowest=-(10**30), highest=10**30)
    if number is None or number < 0:
        return DEFAULT_COUNT
    return min(COUNTS, key=lambda offered: (abs(offered - number), -offered))  # a tie: the larger


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
        initial=str(DEFAULT_COUNT),
        required=False,
        empty_value=DEFAULT_COUNT,
    )

    def clean(self):
        cleaned = super().clean()
        authority, sub_region = cleaned.get("local_authority"), cleaned.get("sub_region")
        if authority and sub_region and authority.sub_region_id != sub_region.pk:
            self.add_error(
                "local_authority", f"{authority.name} is not in {sub_region.name}: choose one of them, or both in it"
            )
        return cleaned

    def chosen(self):
        """The subject shown, for "More practice on ...": the narrowest chosen."""
        return next(
            (
                self.cleaned_data[kind]
                for kind in ("local_authority", "sub_region", "theme")
                if self.cleaned_data.get(kind)
            ),
            None,
        )

    def filters(self):
        return urlencode({kind: self.cleaned_data[kind].slug for kind in SUBJECTS if self.cleaned_data.get(kind)})

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
    """The list itself; framed by the portal (the builder's preview) and PORTAL_EMBED_ORIGINS only.
    An odd count is read as the nearest offered; a filter the portal no longer knows gets a short note
    in the frame (a slug changed or removed), never a page the website cannot frame."""
    form = EmbedForm({**request.GET.dict(), "count": str(nearest_count(request.GET.get("count")))})
    context = {"base_url": settings.PORTAL_BASE_URL, "more_url": reverse("practice_list")}
    if form.is_valid():
        hidden = settings.PORTAL_BROWSE_REQUIRES_SIGN_IN and not request.user.is_authenticated
        filters = form.filters()
        context |= {
            "practices": [] if hidden else form.practices(),
            "subject": form.chosen(),
            "more_url": f"{context['more_url']}?{filters}" if filters else context["more_url"],
        }
    response = render(request, "publishing/embed.html", {**context, "gone": not form.is_valid()})
    response.status_code = 200 if form.is_valid() else 404
    response._csp_replace = {"frame-ancestors": ["'self'", *settings.PORTAL_EMBED_ORIGINS]}
    if not settings.PORTAL_BROWSE_REQUIRES_SIGN_IN:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
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
            context["height"] = HEIGHT_OF_THE_REST + HEIGHT_PER_ENTRY * form.cleaned_data["count"]
        elif form.is_bound:
            context["errors"] = error_summary(form)
        return super().get_context_data(**context, **kwargs)
