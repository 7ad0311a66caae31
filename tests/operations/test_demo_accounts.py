"""`make run` prints the demo accounts last, together, each with a password that is theirs and its role."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command


def demo_accounts():
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    return [line.split(None, 2) for line in out.getvalue().splitlines() if line.startswith("  ")]


@pytest.mark.django_db
def test_every_demo_account_is_listed_once_with_its_role_and_a_password_that_signs_in(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo_plans", stdout=io.StringIO())

    accounts = demo_accounts()

    assert {email: role for email, _, role in accounts} == {
        "lead@example.org": "borough lead for Redbridge",
        "lead.hackney@example.org": "borough lead for Hackney",
        "dcs@example.org": "director of children's services (reader); director of North Central London's plan",
        "moderator@example.org": "moderator",
        "analyst@example.org": "analyst (loads disparity data at /evidence/load/)",
        "admin@example.org": "admin (Django admin at /admin/)",
        "coordinator.east@example.org": "coordinator of East London's plan",
        "coordinator.ncl@example.org": "coordinator of North Central London's plan",
    }
    for email, password, _ in accounts:
        assert User.objects.get(username=email).check_password(password), email


@pytest.mark.django_db
def test_the_loaders_print_no_passwords_and_the_passwords_are_new_each_time(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo_plans", stdout=out)
    assert "example.org" not in out.getvalue()
    assert {tuple(a) for a in demo_accounts()}.isdisjoint({tuple(a) for a in demo_accounts()})


@pytest.mark.django_db
def test_it_refuses_without_debug_or_before_the_demo_is_loaded(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development"):
        call_command("demo_accounts", stdout=io.StringIO())
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_demo"):
        call_command("demo_accounts", stdout=io.StringIO())
