"""Entries in the admin: read-only, as they change only through the portal's pages and services."""

from django.contrib import admin
from django.db import models

from inputs.formsets import BoundedInlineFormSet
from submissions.models import Contact, Event, Practice, Resource, ThemeSuggestion


class ReadOnlyMixin:
    """Entries change only through the portal's pages and services, which keep the audit trail and
    the search index in step; here they can be read."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ContactInline(ReadOnlyMixin, admin.TabularInline):
    model = Contact
    formset = BoundedInlineFormSet


class ResourceInline(ReadOnlyMixin, admin.TabularInline):
    model = Resource
    formset = BoundedInlineFormSet
    fields = ["title", "url", "original_filename", "content_type", "size"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the proforma's own link field


class EventInline(ReadOnlyMixin, admin.TabularInline):
    model = Event
    formset = BoundedInlineFormSet
    fields = ["created_at", "actor_name", "action", "from_status", "to_status", "comment"]
    readonly_fields = ["actor_name"]

    @admin.display(description="by")
    def actor_name(self, event):
        return event.actor_name


@admin.register(Practice)
class PracticeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "local_authority", "status", "updated_at"]
    list_filter = ["status", "local_authority__sub_region", "themes"]
    search_fields = ["title", "summary", "local_authority__name"]
    inlines = [ContactInline, ResourceInline, EventInline]


@admin.register(ThemeSuggestion)
class ThemeSuggestionAdmin(admin.ModelAdmin):
    """Suggestions are decided on the review page; here they can be looked up."""

    list_display = ["name", "practice", "status", "theme", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "practice__title"]
    readonly_fields = ["practice", "name", "status", "theme", "suggested_by", "decided_by", "created_at"]

    def has_add_permission(self, request):
        return False
