"""Only superusers hand out privilege in the admin: superuser, staff, the Admins role, what a role
may do, and any change to another admin's account. Tried through the admin's own forms."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse

from accounts import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(client):
    """An admin who is not a superuser, signed in."""
    user = factories.admin(email="ada@example.org")
    client.force_login(user)
    return user


def change_form_data(client, user, **changes):
    """What the admin's change form for this account would post unchanged, with these changes."""
    form_page = client.get(reverse("admin:auth_user_change", args=[user.pk]))
    form = form_page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name in ("last_login", "date_joined"):  # a date box and a time box
            data.update({f"{name}_{i}": part or "" for i, part in enumerate(field.widget.decompress(value))})
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    for formset in form_page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        for inline in formset.formset.forms:
            for name in inline.fields:
                if (value := inline[name].value()) not in (None, False, ""):
                    data[inline.add_prefix(name)] = str(value)
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


NO_MEMBERSHIPS = {"memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0}


def post_change(client, user, **changes):
    return client.post(reverse("admin:auth_user_change", args=[user.pk]), change_form_data(client, user, **changes))


def admins_group():
    return Group.objects.get(name=roles.ADMINS)


def test_an_admin_cannot_make_themselves_superuser_or_give_themselves_permissions(client, ada):
    every_permission = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]

    response = post_change(client, ada, is_superuser="on", user_permissions=every_permission, first_name="Ada")

    assert response.status_code == 302  # the rest of the form is saved
    ada.refresh_from_db()
    assert ada.first_name == "Ada"
    assert not ada.is_superuser
    assert not ada.user_permissions.exists()


def test_an_admin_cannot_deactivate_themselves_and_leave_nobody_to_administer(client, ada):
    data = change_form_data(client, ada, first_name="Ada")
    data.pop("is_active", None)  # the box left unticked

    response = client.post(reverse("admin:auth_user_change", args=[ada.pk]), data)

    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.first_name == "Ada"
    assert ada.is_active


def test_an_admin_cannot_make_someone_else_superuser_staff_or_an_admin(client, ada):
    lead = factories.lead("Hackney", email="lead@example.org")

    response = post_change(client, lead, is_superuser="on", is_staff="on", groups=[str(admins_group().pk)])

    assert "Select a valid choice" in response.content.decode()
    post_change(client, lead, is_superuser="on", is_staff="on")
    lead.refresh_from_db()
    assert not lead.is_superuser and not lead.is_staff
    assert not lead.groups.exists()


def test_the_admins_role_is_not_offered_to_an_admin_but_the_other_roles_are(client, ada):
    lead = factories.lead("Hackney", email="lead@example.org")
    moderators = Group.objects.get(name=roles.MODERATORS)

    offered = client.get(reverse("admin:auth_user_change", args=[lead.pk])).context["adminform"].form
    assert list(offered.fields["groups"].queryset) == list(Group.objects.exclude(name=roles.ADMINS))

    post_change(client, lead, groups=[str(moderators.pk)])
    assert list(lead.groups.all()) == [moderators]


def test_an_admin_cannot_change_another_admins_account(client, ada):
    other = factories.admin(email="other.admin@example.org")
    chief = factories.UserFactory(email="chief@example.org", is_superuser=True, is_staff=True)

    for target in (other, chief):
        change = reverse("admin:auth_user_change", args=[target.pk])
        data = change_form_data(client, target, email="ada@example.org", is_active=None)
        assert client.post(change, data).status_code == 403
        password = reverse("admin:auth_user_password_change", args=[target.pk])
        assert client.post(password, {"password1": "x-9-long-pass", "password2": "x-9-long-pass"}).status_code == 403
        target.refresh_from_db()
        assert target.email != "ada@example.org" and target.is_active
        assert target.check_password("a-long-test-password")


def test_an_admin_cannot_deactivate_another_admin(client, ada):
    other = factories.admin(email="other.admin@example.org")
    lead = factories.lead("Hackney", email="lead@example.org")

    client.post(
        reverse("admin:auth_user_changelist"), {"action": "deactivate", "_selected_action": [other.pk, lead.pk]}
    )

    other.refresh_from_db(), lead.refresh_from_db()
    assert other.is_active and not lead.is_active


def test_an_admin_cannot_invite_a_new_admin(client, ada):
    add = reverse("admin:auth_user_add")
    new = {"email": "new@example.org", "first_name": "New", "last_name": "Person", "is_staff": "on", **NO_MEMBERSHIPS}

    refused = client.post(add, {**new, "groups": [str(admins_group().pk)]})
    assert "Select a valid choice" in refused.content.decode()

    client.post(add, new)
    invited = User.objects.get(email="new@example.org")
    assert not invited.is_staff and not invited.groups.exists()


def test_an_admin_cannot_change_what_a_role_may_do(client, ada):
    group = admins_group()
    every_permission = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    before = group.permissions.count()

    change = reverse("admin:auth_group_change", args=[group.pk])
    assert client.post(change, {"name": group.name, "permissions": every_permission}).status_code == 403
    assert (
        client.post(
            reverse("admin:auth_group_add"), {"name": "Everything", "permissions": every_permission}
        ).status_code
        == 403
    )

    assert group.permissions.count() == before
    assert not Group.objects.filter(name="Everything").exists()


def test_a_superuser_makes_an_admin(client):
    client.force_login(factories.UserFactory(email="chief@example.org", is_superuser=True, is_staff=True))
    lead = factories.lead("Hackney", email="lead@example.org")

    post_change(client, lead, is_staff="on", groups=[str(admins_group().pk)])

    lead.refresh_from_db()
    assert lead.is_staff and list(lead.groups.all()) == [admins_group()]


def test_people_added_to_a_role_from_the_roles_side_are_audited_each(db):
    from accounts.models import AccountEvent

    lead = factories.lead("Hackney", email="lead@example.org")
    moderators = Group.objects.get(name=roles.MODERATORS)

    moderators.user_set.add(lead)
    moderators.user_set.clear()

    descriptions = list(AccountEvent.objects.values_list("description", flat=True))
    assert "lead@example.org added to Moderators" in descriptions
    assert "Role Moderators: every member removed" in descriptions


def test_names_changed_in_the_admin_are_refused_with_what_overrides_the_direction_of_the_text(client):
    root = factories.admin(email="root@example.org", is_superuser=True)
    lead = factories.lead("Hackney", first_name="Ann", last_name="Lee")
    client.force_login(root)

    response = client.post(
        reverse("admin:auth_user_change", args=[lead.pk]),
        change_form_data(client, lead, first_name="Ann\u202e", last_name="Lee\u2066"),
    )

    assert response.status_code == 200
    assert "Remove the line breaks or hidden formatting characters" in response.content.decode()
    lead.refresh_from_db()
    assert (lead.first_name, lead.last_name) == ("Ann", "Lee")
