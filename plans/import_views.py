"""Importing a plan file on the portal. A file that looks imported already (same sub-region and title, or the
same text) is kept in the session while the page names the plan(s) it may be and asks: a new version of one of
them, or a separate plan. Nothing is saved until that is chosen."""

import json

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import FormView

from inputs.error_summary import error_summary
from plans import importer, reimport
from plans.access import PlanImporterMixin
from plans.plan_forms import PlanImportForm, RepeatImportForm
from plans.summary import describe_parsed
from reference.models import SubRegion

WAITING = "plans-import-waiting"
CHOOSING = "choosing"  # sent by the choice page's form, so that Continue with nothing chosen asks again


class PlanImportView(PlanImporterMixin, FormView):
    """Coordinators upload a plan written as the Word documents are; it is checked, then saved."""

    template_name = "plans/plan_import.html"
    form_class = PlanImportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def waiting(self):
        """The file read at the last upload and not yet saved, with the plans it may already be."""
        kept = self.request.session.get(WAITING)
        if not kept:
            return None
        parsed = reimport.from_data(json.loads(kept["parsed"]), kept.get("warnings", ()))
        region = SubRegion.objects.filter(pk=kept["sub_region"]).first() if kept["sub_region"] else None
        plans = reimport.already_imported(parsed, region).visible_to(self.request.user)
        editable = plans.editable_by(self.request.user)
        return {"parsed": parsed, "sub_region": region, "name": kept["name"], "plans": plans, "editable": editable}

    def post(self, request, *args, **kwargs):
        if {"choice", CHOOSING} & request.POST.keys() and (waiting := self.waiting()):
            return self.choose(waiting)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload, region = form.cleaned_data["file"], form.cleaned_data["sub_region"]
        parsed = importer.parse(upload.name, upload.read(importer.MAX_BYTES + 1))
        if parsed.errors:
            for error in parsed.errors:
                form.add_error("file", error)
            return self.form_invalid(form)
        named = reimport.other_regions_named(parsed.title, region)
        if named and not form.cleaned_data["other_region"]:
            form.ask_about(named, region)
            return self.form_invalid(form)
        if reimport.already_imported(parsed, region).visible_to(self.request.user).exists():
            data = json.dumps(reimport.as_data(parsed), ensure_ascii=False)
            if len(data) + sum(map(len, parsed.warnings)) > reimport.MAX_KEPT:
                form.add_error("file", reimport.TOO_LONG_TO_ASK)
                return self.form_invalid(form)
            kept = {"parsed": data, "sub_region": region.pk if region else None, "name": upload.name[:200]}
            kept["warnings"] = parsed.warnings  # shown while asking, and after the choice, as on a first import
            self.request.session[WAITING] = kept
            return self.asked(self.waiting())
        return self.saved(reimport.import_new, parsed, sub_region=region, source_name=upload.name)

    def asked(self, waiting, choice_form=None):
        choice_form = choice_form or RepeatImportForm(**self.choice_kwargs(waiting))
        return self.render_to_response(
            self.get_context_data(
                waiting=waiting,
                matches=[(plan, reimport.last_import(plan)) for plan in waiting["plans"]],
                choice_form=choice_form,
                choosing=CHOOSING,
                errors=error_summary(choice_form) if choice_form.is_bound else None,
            )
        )

    @staticmethod
    def choice_kwargs(waiting):
        return {"plans": waiting["editable"], "title": waiting["parsed"].title, "sub_region": waiting["sub_region"]}

    def choose(self, waiting):
        choice_form = RepeatImportForm(self.request.POST, **self.choice_kwargs(waiting))
        if not choice_form.is_valid():
            return self.asked(waiting, choice_form)
        del self.request.session[WAITING]
        plan, name = choice_form.cleaned_data["choice"], waiting["name"]
        if plan is None:
            return self.saved(
                reimport.import_new, waiting["parsed"], sub_region=waiting["sub_region"], source_name=name
            )
        imported = reimport.import_as_version(
            parsed=waiting["parsed"], plan=plan, source_name=name, by=self.request.user
        )
        return self.said(imported.plan, imported.said, waiting["parsed"])

    def saved(self, save, parsed, **kwargs):
        plan = save(parsed=parsed, by=self.request.user, **kwargs)
        return self.said(plan, "Imported: " + describe_parsed(parsed)[0], parsed)

    def said(self, plan, message, parsed):
        messages.success(self.request, message)
        for warning in parsed.warnings:
            messages.warning(self.request, warning)
        return redirect(plan)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, errors=error_summary(form)))
