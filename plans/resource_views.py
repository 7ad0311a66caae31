"""Documents and links on an action, on the proforma's upload rules (submissions/uploads.py): added by whoever may
update the action, taken off by the plan's editors, and files served only to those who may see the action."""

import logging

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView

from inputs.error_summary import error_summary
from plans import services
from plans.access import ActionEditorMixin, ActionMixin, ActionUpdaterMixin
from plans.forms import ActionResourceForm
from submissions import unavailable
from submissions.uploads import file_response

logger = logging.getLogger(__name__)


class ResourceAddView(ActionUpdaterMixin, FormView):
    template_name = "plans/resource_form.html"
    form_class = ActionResourceForm

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(action=action, plan=action.area.plan, **kwargs)

    def form_valid(self, form):
        try:
            services.add_resource(action=self.get_action(), form=form, by=self.request.user)
        except unavailable.UNAVAILABLE as error:
            logger.exception("Could not add a resource to an action")
            return self.not_saved(storage_failed=unavailable.is_storage(error))
        messages.success(self.request, f"‘{form.cleaned_data['title']}’ is added to the action.")
        return redirect(self.get_action())

    def form_invalid(self, form):
        form.data = form.data.copy()
        if form.keep_valid_upload():  # a valid file is kept while the title or link is put right
            return self.render_to_response(self.get_context_data(form=form, errors=error_summary(form)))
        return self.render_not_saved(form, files=True)

    def not_saved(self, storage_failed):
        """Nothing was saved: the form again from what was sent, its file kept unless storage was what failed."""
        form = self.get_form()
        form.data = form.data.copy()
        form.is_valid()
        files = bool(form.new_file())
        if storage_failed:
            form.choose_again()
        else:
            form.keep_valid_upload()
        return self.render_not_saved(form, files)

    def render_not_saved(self, form, files):
        errors = [("main-content", unavailable.not_saved_message(files)), *error_summary(form)]
        return unavailable.try_again_later(self.render_to_response(self.get_context_data(form=form, errors=errors)))


class ResourceRemoveView(ActionEditorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        resource = get_object_or_404(self.get_action().resources, pk=self.kwargs["resource"])
        services.remove_resource(resource=resource, by=request.user)
        messages.success(request, f"‘{resource.title}’ is taken off the action.")
        return redirect(self.get_action())


class ResourceDownloadView(ActionMixin, View):
    """A file of an action, to those who may see the action (else 404)."""

    def get(self, request, *args, **kwargs):
        resource = get_object_or_404(self.get_action().resources.exclude(file=""), pk=self.kwargs["resource"])
        return file_response(resource)
