"""The calls list counts only the returns its reader may see: moderators all of them, everyone
else the published ones, and a lead their own local authority's too."""

import pytest
from django.urls import reverse

from submissions.models import Practice
from tests import factories
from tests.factories import PracticeFactory, authority

pytestmark = pytest.mark.django_db


@pytest.fixture
def call_with_returns(db):
    """A call to four boroughs: Hackney's return is published, Redbridge's submitted,
    Camden's sent back for changes, and Islington has only a draft."""
    made = factories.call(["Hackney", "Redbridge", "Camden", "Islington"])
    for name, status in [
        ("Hackney", Practice.Status.PUBLISHED),
        ("Redbridge", Practice.Status.SUBMITTED),
        ("Camden", Practice.Status.CHANGES_REQUESTED),
        ("Islington", Practice.Status.DRAFT),
    ]:
        PracticeFactory(local_authority=authority(name), call=made, status=status)
    return made


def returned_on_the_calls_list(client, user):
    client.force_login(user)
    page = client.get(reverse("call_list")).content.decode()
    return next(f"{n} of 4" for n in range(5) if f"{n} of 4 local authorities" in page)


@pytest.mark.parametrize(
    "who, returned",
    [
        (factories.moderator, "3 of 4"),
        (factories.admin, "3 of 4"),
        (lambda: factories.UserFactory(is_superuser=True, is_staff=True), "3 of 4"),
        (factories.dcs, "1 of 4"),
        (lambda: factories.lead("Barnet"), "1 of 4"),  # a lead whose borough the call did not ask
        (lambda: factories.lead("Islington"), "1 of 4"),  # their own draft is not a return
    ],
    ids=["moderator", "admin", "superuser", "director", "lead of another borough", "lead with a draft"],
)
def test_each_role_sees_the_returns_it_may_see_counted(client, call_with_returns, who, returned):
    assert returned_on_the_calls_list(client, who()) == returned


def test_a_lead_sees_their_own_unpublished_return_counted_but_not_other_boroughs(client, call_with_returns):
    assert returned_on_the_calls_list(client, factories.lead("Redbridge")) == "2 of 4"
    assert "Returns you can read" in client.get(reverse("call_list")).content.decode()


def test_a_lead_of_two_boroughs_sees_both_their_returns_counted(client, call_with_returns):
    both = factories.lead("Redbridge")
    factories.Membership.objects.create(user=both, local_authority=authority("Camden"))

    assert returned_on_the_calls_list(client, both) == "3 of 4"
