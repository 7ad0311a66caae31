"""The Django admin: reference data, accounts and memberships, so admins never need the shell."""

import secrets

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db import models
from django.utils.text import Truncator

from submissions import notifications
from submissions.access import hash_key
from submissions.admin_forms import InviteUserForm
from submissions.models import (
    AccountEvent,
    ApiToken,
    Call,
    CallReminder,
    Contact,
    DeletionRequest,
    Erasure,
    Event,
    LocalAuthority,
    Membership,
    OutgoingEmail,
    Practice,
    Resource,
    SharingCategory,
    SubRegion,
    Theme,
    ThemeSuggestion,
)
from submissions.roles import grantable_groups, may_change_account


@admin.register(SubRegion)
class SubRegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "sub_region"]
    list_filter = ["sub_region"]
    search_fields = ["name", "short_name", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SharingCategory)
class SharingCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "local_authority"]
    list_filter = ["local_authority__sub_region", "local_authority"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "local_authority__name"]
    autocomplete_fields = ["user", "local_authority"]


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


class ResourceInline(ReadOnlyMixin, admin.TabularInline):
    model = Resource
    fields = ["title", "url", "original_filename", "content_type", "size"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # as the proforma's own link field


class EventInline(ReadOnlyMixin, admin.TabularInline):
    model = Event
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


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox: what was sent, and what the mail server refused and is waiting to be retried."""

    list_display = ["subject", "to", "created_at", "sent_at", "attempts", "error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["to", "subject", "last_error"]
    readonly_fields = ["to", "subject", "body", "created_at", "sent_at", "attempts", "last_error"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="why it has not gone")
    def error(self, email):
        return "" if email.sent_at else Truncator(email.last_error).chars(120)

    @admin.action(description="Try sending the selected unsent emails again")
    def retry(self, request, queryset):
        unsent = list(queryset.filter(sent_at=None).values_list("pk", flat=True))
        sent = notifications.send(unsent)
        messages.info(request, f"Sent {sent} email(s).")
        if sent < len(unsent):
            messages.warning(request, f"{len(unsent) - sent} could not be sent: the error is shown against each.")


class CallReminderInline(admin.TabularInline):
    model = CallReminder
    extra = 0
    can_delete = False
    fields = readonly_fields = ["local_authority", "sent_on", "sent_at", "sent_by"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    """For correcting a call (its dates, say). Calls are made and opened on the portal's Calls pages."""

    list_display = ["title", "opens_on", "return_by", "opened_at"]
    list_filter = ["local_authorities__sub_region"]
    search_fields = ["title", "message"]
    filter_horizontal = ["local_authorities", "themes"]
    readonly_fields = ["opened_at", "created_by", "created_at"]
    inlines = [CallReminderInline]


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """Who was given or lost which role, membership or account flag, and by whom. Read-only."""

    list_display = ["created_at", "description", "actor"]
    list_filter = ["created_at"]
    search_fields = ["description", "user__email", "actor__email", "group"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Erasure)
class ErasureAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """That a person was erased, when and by whom; never who. Erasing is done on the People's data page."""

    list_display = ["created_at", "records", "mode", "by"]
    fields = readonly_fields = ["created_at", "records", "mode", "replacement", "by"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    """People who asked to be deleted; an admin erases them on the People's data page, which ends the request."""

    list_display = ["user", "created_at", "reason"]
    fields = readonly_fields = ["user", "created_at", "reason"]

    def has_add_permission(self, request):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """API keys unlock contacts' details in the JSON API. The key is shown once, when it is made."""

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


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["local_authority"]
    verbose_name = "borough lead membership"


# Privilege is handed out by superusers only: the flags that open the admin or grant permissions
# directly, the Admins role, what each role may do, and any change to an admin's own account.
PRIVILEGE_FIELDS = ["is_superuser", "is_staff", "user_permissions"]

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class PortalGroupAdmin(GroupAdmin):
    """Roles and what they may do: changed by superusers only, as a role's permissions go to all its members."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """
    New accounts get no password here: the person chooses one through an emailed link. Accounts are
    deactivated, never deleted here, so the history of what their holders did keeps their names.
    """

    add_form = InviteUserForm
    add_fieldsets = [(None, {"fields": ["email", "first_name", "last_name", "groups", "is_staff"]})]
    inlines = [MembershipInline]
    list_display = ["email", "first_name", "last_name", "is_active", "last_login"]
    list_filter = ["groups", "memberships__local_authority__sub_region", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name", "memberships__local_authority__name"]
    actions = ["send_invitations", "deactivate"]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_change_account(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        # Their own roles and active flag too: an admin cannot lock themselves out, leaving nobody to administer.
        own = ["groups", "is_active"] if obj is not None and obj.pk == request.user.pk else []
        return [*super().get_readonly_fields(request, obj), *PRIVILEGE_FIELDS, *own]

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if not change:
            notifications.invitation(obj)
            messages.info(request, f"An email has been sent to {obj.email} to choose a password.")

    @admin.action(description="Email the selected people a link to choose a password")
    def send_invitations(self, request, queryset):
        for user in queryset:
            notifications.invitation(user)
        messages.info(request, f"Sent {queryset.count()} email(s).")

    @admin.action(description="Deactivate the selected accounts (they can no longer sign in)", permissions=["change"])
    def deactivate(self, request, queryset):
        active = [user for user in queryset.filter(is_active=True) if may_change_account(request.user, user)]
        for user in active:
            user.is_active = False
            user.save(update_fields=["is_active"])  # saved one by one, so the audit records each
        messages.info(request, f"Deactivated {len(active)} account(s).")
