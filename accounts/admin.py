"""Accounts in the admin: people, their roles and memberships, the account audit and requests to be deleted."""

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

from accounts import notifications
from accounts.admin_forms import InviteUserForm
from accounts.models import AccountEvent, DeletionRequest, Membership
from accounts.roles import grantable_groups, may_change_account


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "local_authority"]
    list_filter = ["local_authority__sub_region", "local_authority"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "local_authority__name"]
    autocomplete_fields = ["user", "local_authority"]


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


@admin.register(DeletionRequest)
class DeletionRequestAdmin(admin.ModelAdmin):
    """People who asked to be deleted; an admin erases them on the People's data page, which ends the request."""

    list_display = ["user", "created_at", "reason"]
    fields = readonly_fields = ["user", "created_at", "reason"]

    def has_add_permission(self, request):
        return False


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
