"""Admins set who coordinates and who directs each sub-region's plan; plans themselves are edited on the portal."""

from django import forms
from django.contrib import admin

from accounts.admin import OnAccountsMixin
from inputs.formsets import BoundedInlineFormSet
from inputs.text_fields import TextLimitsMixin
from plans.events import record
from plans.models import Plan, PlanEvent, SubRegionRole


@admin.register(SubRegionRole)
class SubRegionRoleAdmin(OnAccountsMixin, admin.ModelAdmin):
    list_display = ["user", "sub_region", "role"]
    list_filter = ["role", "sub_region"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


class PlanEventInline(admin.TabularInline):
    model = PlanEvent
    formset = BoundedInlineFormSet
    fields = ["created_at", "actor", "action", "description"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PlanAdminForm(TextLimitsMixin, forms.ModelForm):
    """The title is one line, held to the portal's rule for one (no hidden formatting characters)."""

    class Meta:
        model = Plan
        fields = ["title", "sub_region", "shared_across_london"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    form = PlanAdminForm
    list_display = ["title", "sub_region", "shared_across_london", "updated_at"]
    list_filter = ["sub_region", "shared_across_london"]
    fields = ["title", "sub_region", "shared_across_london"]
    inlines = [PlanEventInline]

    def has_add_permission(self, request):
        return False  # plans are imported or made on the portal, where their areas and actions are

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record(
            obj,
            request.user,
            f"Plan details {'changed' if change else 'made'} in the admin: {', '.join(form.changed_data)}",
        )
