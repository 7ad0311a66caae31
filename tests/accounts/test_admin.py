"""The Django admin gives admins every list they need, so nobody needs the shell."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_every_admin_list_and_add_page_opens_with_search_and_filters(client):
    factories.PracticeFactory()
    client.force_login(factories.admin())

    for model in admin.site._registry:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist, {"q": "Hackney"}).status_code == 200, changelist
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        assert client.get(add).status_code in (200, 403), add  # 403: records only the portal writes


def test_moderators_cannot_use_the_admin(client):
    client.force_login(factories.moderator())

    assert client.get(reverse("admin:index")).status_code == 302
