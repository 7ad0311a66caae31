"""The admin's inlines build no more rows than an object has plus the most it may add, whatever a page claims."""

import time

import pytest
from django.contrib import admin
from django.urls import reverse

from inputs.formsets import BoundedInlineFormSet
from tests import factories
from tests.accounts.test_admin_privileges import change_form_data

pytestmark = pytest.mark.django_db


def test_every_inline_in_the_admin_is_bounded():
    inlines = [inline for model_admin in admin.site._registry.values() for inline in model_admin.inlines]
    assert inlines
    for inline in inlines:
        assert issubclass(inline.formset, BoundedInlineFormSet), inline
        assert inline.max_num is not None or inline.has_add_permission is not admin.TabularInline.has_add_permission


@pytest.mark.parametrize("claimed", ["100000", "99999999999"])
def test_a_user_page_claiming_a_hundred_thousand_memberships_is_refused_at_once(client, claimed):
    superuser = factories.admin(email="root@example.org", is_superuser=True)
    lead = factories.lead("Hackney")
    client.force_login(superuser)
    data = change_form_data(client, lead)
    data["memberships-TOTAL_FORMS"] = claimed

    started = time.monotonic()
    response = client.post(reverse("admin:auth_user_change", args=[lead.pk]), data)
    elapsed = time.monotonic() - started

    assert response.status_code == 200  # the form again, with the refusal
    assert "Please submit at most 33 forms" in response.content.decode()
    assert elapsed < 1
    assert lead.memberships.count() == 1
