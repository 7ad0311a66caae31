"""Documents and links on an action, on the proforma's upload rules (submissions/uploads.py): added by whoever may
update the action, taken off by the plan's editors, and files served only to those who may see the action."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import FormView

from inputs.error_summary import error_summary
from plans import services
from plans.access import ActionEditorMixin, ActionMixin, ActionUpdaterMixin
from plans.forms import ActionResourceForm
from submissions.uploads import file_response


class ResourceAddView(ActionUpdaterMixin, FormView):
    template_name = "plans/resource_form.html"
    form_class = ActionResourceForm

    def get_context_data(self, **kwargs):
        action = self.get_action()
        return super().get_context_data(action=action, plan=action.area.plan, **kwargs)

    def form_valid(self, form):
        services.add_resource(action=self.get_action(), form=form, by=self.request.user)
        messages.success(self.request, f"‘{form.cleaned_data['title']}’ is added to the action.")
        return redirect(self.get_action())

    def form_invalid(self, form):
        form.data = form.data.copy()
        form.keep_valid_upload()  # a valid file is kept while the title or link is put right
        return self.render_to_response(self.get_context_data(form=form, errors=error_summary(form)))


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
