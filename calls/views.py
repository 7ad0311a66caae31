"""Calls for practice: making and opening them, the returns tracker, reminders, coverage and the pack."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView

from accounts.access import BrowseAccessMixin, SignedInMixin
from accounts.roles import is_moderator, lead_authorities
from calls import rules, services, tile_map, tracker
from calls.access import CallMakerMixin, CallMixin, CallRunnerMixin
from calls.forms import CallForm, CoverageFilterForm, MapFilterForm
from calls.models import Call
from calls.tracker import returns, state_counts
from inputs.error_summary import error_summary
from publishing import exports
from submissions.models import Practice


def authorities(count):
    return f"{count} local authorit{'y' if count == 1 else 'ies'}"


RETURNED = [Practice.Status.SUBMITTED, Practice.Status.CHANGES_REQUESTED, Practice.Status.PUBLISHED]


class CallListView(SignedInMixin, ListView):
    template_name = "calls/call_list.html"
    context_object_name = "calls"

    def get_queryset(self):
        user = self.request.user
        returned = Q(practices__status__in=RETURNED, practices__revision_of=None)
        if not is_moderator(user):
            # Counted as the entries themselves may be seen: published ones, the reader's own boroughs', and
            # every return to a call the reader runs (its tracker lists them).
            returned &= (
                Q(practices__status=Practice.Status.PUBLISHED)
                | Q(practices__local_authority__in=lead_authorities(user))
                | Q(pk__in=Call.objects.run_by(user).values("pk"))
            )
        return Call.objects.visible_to(user).annotate(
            target_count=Count("local_authorities", distinct=True),
            returned_count=Count("practices__local_authority", filter=returned, distinct=True),
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            may_make_calls=rules.may_make_calls(user),
            runs=set(Call.objects.run_by(user).values_list("pk", flat=True)),
            **kwargs,
        )


class CallCreateView(CallMakerMixin, CreateView):
    model = Call
    form_class = CallForm
    template_name = "calls/call_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        call = form.save()
        messages.success(self.request, f"The call ‘{call}’ is saved. Open it to email the leads.")
        return redirect("call_returns", pk=call.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, errors=error_summary(form)))


class CallDetailView(SignedInMixin, CallMixin, DetailView):
    """The call as its leads and directors see it: for a lead, where their own authority has got to."""

    template_name = "calls/call_detail.html"
    context_object_name = "call"

    def get_object(self):
        return self.get_call()

    def get_context_data(self, **kwargs):
        call, user = self.object, self.request.user
        own = lead_authorities(user).filter(calls=call)
        runs = rules.may_run_call(user, call)
        shows_published = call.is_past_return_by or runs
        return super().get_context_data(
            runs=runs,
            own_returns=returns(call, authorities=own) if own.exists() else [],
            may_respond=call.is_opened and not call.is_past_return_by and own.exists(),
            published=exports.pack_entries(call.practices.all()) if shows_published else None,
            browse_url=tracker.browse_url(call=call.pk),
            targets=call.local_authorities.select_related("sub_region").order_by("sub_region__name", "name"),
            **kwargs,
        )


class CallReturnsView(CallRunnerMixin, TemplateView):
    """The returns tracker: one row per local authority the call went to."""

    template_name = "calls/call_returns.html"

    def get_context_data(self, **kwargs):
        call, today, user = self.get_call(), timezone.localdate(), self.request.user
        rows = returns(call)
        return super().get_context_data(
            call=call,
            rows=rows,
            reach=tracker.Reach.of(rows),
            may_invite=may_invite_leads(user),
            moderates=is_moderator(user),
            counts=state_counts(rows),
            not_returned=[row for row in rows if not row.is_returned],
            to_remind=[row for row in rows if row.may_be_reminded(today)],
            reminded_today=[row for row in rows if row.needs_reminder and not row.may_be_reminded(today)],
            unreachable=[row for row in rows if not row.is_returned and not row.leads],
            reminder_days=tracker.reminder_days(),
            **kwargs,
        )


class CallReturnsCSVView(CallRunnerMixin, View):
    def get(self, request, pk):
        call = self.get_call()
        response = HttpResponse(exports.tracker_csv(returns(call)), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="returns-{slugify(call.title)[:60]}.csv"'
        response["Cache-Control"] = "private, no-store"  # it lists the leads' email addresses
        return response


class CallOpenView(CallRunnerMixin, View):
    def post(self, request, pk):
        try:
            call = services.open_call(call=self.get_call(), by=request.user)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
        else:
            reach = tracker.Reach.of(returns(call))
            (messages.success if reach.leads else messages.warning)(request, opened_message(reach))
        return redirect("call_returns", pk=pk)


def may_invite_leads(user):
    """Whether the user adds accounts in the administration site, where a lead is invited (accounts.admin)."""
    return user.is_staff and user.has_perm("auth.add_user")


def opened_message(reach):
    """Exactly what opening did: whom it emailed, and which local authorities it could not reach."""
    if not reach.leads:
        names = ", ".join(row.local_authority.name for row in reach.unreachable)
        if len(reach.unreachable) == 1:
            return f"The call is open, but no lead was emailed: {names} has no lead account."
        return (
            f"The call is open, but no lead was emailed: no lead of its {authorities(len(reach.unreachable))} "
            f"has an account ({names})."
        )
    leads = f"{reach.leads} lead{'' if reach.leads == 1 else 's'}"
    said = f"The call is open. Emailed {leads} in {authorities(len(reach.reached))}"
    if missing := reach.unreachable:
        names = ", ".join(row.local_authority.name for row in missing)
        have = "has" if len(missing) == 1 else "have"
        said += (
            f"; {authorities(len(missing))} {have} no lead account: {names} "
            "(an administrator adds them in Administration, Users; reminders then reach them)"
        )
    return said + "."


class CallRemindView(CallRunnerMixin, View):
    def post(self, request, pk):
        try:
            reminded = services.remind_call(call=self.get_call(), by=request.user)
        except services.TransitionNotAllowed as refused:
            messages.error(request, str(refused))
        else:
            if reminded:
                names = ", ".join(authority.name for authority in reminded)
                messages.success(request, f"Reminded the leads of {authorities(len(reminded))}: {names}.")
            else:
                messages.info(
                    request, "Nobody was reminded: every local authority has submitted, or was reminded today already."
                )
        return redirect("call_returns", pk=pk)


class CallPackView(SignedInMixin, CallMixin, View):
    """The practice pack (Word) of exactly the call's published returns, once the return-by date has passed."""

    def get(self, request, pk):
        call = self.get_call()
        if not (call.is_past_return_by or rules.may_run_call(request.user, call)):
            messages.error(request, f"The practice pack is ready after the return-by date, {call.return_by:%-d %B %Y}.")
            return redirect(call)
        description = f"Returns to the call for practice ‘{call.title}’ (return by {call.return_by:%-d %B %Y})."
        content = exports.practice_pack(call.practices.all(), description=description, show_contacts=True)
        response = HttpResponse(content, content_type=exports.DOCX_TYPE)
        name = f"practice-pack-{slugify(call.title)[:60]}-{timezone.localdate():%Y-%m-%d}.docx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"  # it holds contacts' emails and phones
        return response


class CoverageView(BrowseAccessMixin, TemplateView):
    """Every local authority against every theme and sharing category: where is practice missing?"""

    template_name = "calls/coverage.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        visible_calls = Call.objects.visible_to(user).opened() if user.is_authenticated else Call.objects.none()
        form = CoverageFilterForm(self.request.GET or None, calls=visible_calls, years=tracker.years_published())
        chosen = form.chosen()
        return super().get_context_data(
            form=form,
            chosen=chosen,
            tables=[tracker.coverage(by="theme", **chosen), tracker.coverage(by="category", **chosen)],
            **kwargs,
        )


class CoverageMapView(BrowseAccessMixin, TemplateView):
    """The 33 local authorities as a tile map, shaded by published practice, with the same figures as a table."""

    template_name = "calls/coverage_map.html"

    def get_context_data(self, **kwargs):
        form = MapFilterForm(self.request.GET or None)
        chosen = form.chosen()
        return super().get_context_data(
            form=form, chosen=chosen, tiles=tile_map.tiles(**chosen), shades=tile_map.SHADES, **kwargs
        )
