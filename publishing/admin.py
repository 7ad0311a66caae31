"""API keys in the admin: made by admins, shown once."""

import secrets

from django.contrib import admin, messages

from accounts import rules
from accounts.admin import OnAccountsMixin
from inputs.text_fields import TextModelForm
from publishing.api_keys import hash_key
from publishing.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(OnAccountsMixin, admin.ModelAdmin):
    """API keys unlock contacts' details in the JSON API. The key is shown once, when it is made."""

    act = rules.KEYS
    form = TextModelForm

    list_display = ["name", "user", "created_at", "last_used_at"]
    search_fields = ["name", "user__email"]
    autocomplete_fields = ["user"]
    fields = ["name", "user", "created_at", "last_used_at"]
    readonly_fields = ["created_at", "last_used_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            key = secrets.token_urlsafe(32)
            obj.key_hash = hash_key(key)
            messages.warning(request, f"The API key for ‘{obj.name}’ is {key} . Copy it now: it is not shown again.")
        super().save_model(request, obj, form, change)
