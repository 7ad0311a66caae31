"""Calls in the admin: for correcting one; they are made and opened on the portal's pages."""

from django.contrib import admin

from calls import rules
from calls.models import Call, CallReminder
from inputs.formsets import BoundedInlineFormSet
from inputs.text_fields import TextModelForm
from reference.models import LocalAuthority


class CallReminderInline(admin.TabularInline):
    model = CallReminder
    formset = BoundedInlineFormSet
    extra = 0
    can_delete = False
    fields = readonly_fields = ["local_authority", "sent_on", "sent_at", "sent_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    """For correcting a call (its dates, say). Calls are made and opened on the portal's Calls pages."""

    form = TextModelForm

    list_display = ["title", "opens_on", "return_by", "opened_at"]
    list_filter = ["local_authorities__sub_region"]
    search_fields = ["title", "message"]
    filter_horizontal = ["local_authorities", "themes"]
    readonly_fields = ["opened_at", "created_by", "created_at"]
    inlines = [CallReminderInline]

    # Whoever is given the admin's call permissions still corrects only the calls they run (calls.rules).
    def get_queryset(self, request):
        return super().get_queryset(request).run_by(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or rules.may_run_call(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or rules.may_run_call(request.user, obj))

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "local_authorities":
            kwargs["queryset"] = LocalAuthority.objects.filter(sub_region__in=rules.call_regions(request.user))
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)
