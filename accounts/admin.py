"""Accounts in the admin: people, their roles and memberships, the account audit and requests to be deleted."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from accounts import notifications, rules
from accounts.admin_forms import AccountChangeForm, InviteUserForm
from accounts.models import AccountEvent, DeletionRequest, Membership
from inputs.formsets import BoundedInlineFormSet
from inputs.numbers import whole_number


class OnAccountsMixin:
    """For rows that belong to an account (a membership, a plan role, a request, a key): added, changed
    and deleted only as accounts.rules allows for `act` on the account in the row's `user`."""

    act = rules.ROLES

    def allows(self, request, obj):
        return obj is None or rules.may_act_on(request.user, obj.user, self.act)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.allows(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.allows(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        actor, act = request.user, self.act

        class AccountRuleForm(form):
            def clean(self):
                data = super().clean()
                if (account := data.get("user")) and (reason := rules.refusal(actor, account, act)):
                    raise ValidationError(reason, code="refused")
                return data

        return AccountRuleForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            actions["delete_selected"] = (self.delete_allowed, *actions["delete_selected"][1:])
        return actions

    def delete_allowed(self, modeladmin, request, queryset):
        """Django's "Delete selected", for the rows whose accounts the rule allows; the others are named."""
        allowed, refused = rules.split(request.user, {row.user for row in queryset}, self.act)
        if refused:
            messages.warning(request, refused)
        if allowed:
            return delete_selected(modeladmin, request, queryset.filter(user__in=allowed))
        return None


@admin.register(Membership)
class MembershipAdmin(OnAccountsMixin, admin.ModelAdmin):
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
class DeletionRequestAdmin(OnAccountsMixin, admin.ModelAdmin):
    """People who asked to be deleted; an admin erases them on the People's data page, which ends the request."""

    act = rules.DISMISS
    list_display = ["user", "created_at", "reason"]
    fields = readonly_fields = ["user", "created_at", "reason"]

    def has_add_permission(self, request):
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = BoundedInlineFormSet
    extra = 1
    max_num = 33  # London's boroughs
    autocomplete_fields = ["local_authority"]
    verbose_name = "borough lead membership"

    def allows(self, request, obj):  # obj: the account whose page it is
        return obj is None or rules.may_act_on(request.user, obj, rules.ROLES)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.allows(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.allows(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.allows(request, obj)


# Privilege is handed out by superusers only: the flags that open the admin or grant permissions
# directly, the Admins role and what each role may do. Whose account may be changed is accounts.rules.
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

    form = AccountChangeForm
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
        allowed = super().has_change_permission(request, obj)  # the password form too
        return allowed and (obj is None or rules.may_act_on(request.user, obj, rules.CHANGE))

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj)]
        if not request.user.is_superuser:
            fields += PRIVILEGE_FIELDS
        if obj is not None and not rules.may_act_on(request.user, obj, rules.ROLES):
            fields.append("groups")
        if obj is not None and not rules.may_act_on(request.user, obj, rules.DEACTIVATE):
            fields.append("is_active")  # one's own: nobody may be left to administer
        return list(dict.fromkeys(fields))

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = rules.grantable_groups(request.user)
        return super().formfield_for_manytomany(db_field, request=request, **kwargs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A new account from a link "Invite a lead for Camden" (?local_authority=) starts with that membership."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        chosen = whole_number(request.GET.get("local_authority", ""))
        if obj.pk is None and request.method == "GET" and isinstance(inline, MembershipInline) and chosen:
            kwargs["initial"] = [{"local_authority": chosen}]
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if not change:
            notifications.invitation(obj)
            messages.info(request, f"An email has been sent to {obj.email} to choose a password.")

    @admin.action(description="Email the selected people a link to choose a password", permissions=["change"])
    def send_invitations(self, request, queryset):
        allowed, refused = rules.split(request.user, queryset, rules.INVITE)
        if refused:
            messages.warning(request, refused)
        if chosen := [user for user in allowed if user.has_usable_password()]:
            names = ", ".join(rules.describe(user) for user in chosen)
            messages.warning(
                request,
                f"Not sent to {names}: they have chosen a password already. "
                "They can choose a new one with “Forgotten your password?” on the sign-in page.",
            )
        invited = [user for user in allowed if not user.has_usable_password()]
        for user in invited:
            notifications.invitation(user)
        messages.info(request, f"Sent {len(invited)} email(s).")

    @admin.action(description="Deactivate the selected accounts (they can no longer sign in)", permissions=["change"])
    def deactivate(self, request, queryset):
        allowed, refused = rules.split(request.user, queryset.filter(is_active=True), rules.DEACTIVATE)
        if refused:
            messages.warning(request, refused)
        for user in allowed:
            user.is_active = False
            user.save(update_fields=["is_active"])  # saved one by one, so the audit records each
        messages.info(request, f"Deactivated {len(allowed)} account(s).")
