"""Calls in the admin: for correcting one; they are made and opened on the portal's pages."""

from django.contrib import admin

from calls.models import Call, CallReminder
from inputs.formsets import BoundedInlineFormSet
from inputs.text_fields import TextModelForm


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
