"""Test data that reads like the portal's: leads of real London boroughs, entries in each status."""

from datetime import timedelta

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from accounts import roles
from accounts.models import Membership
from calls.models import Call
from reference.models import LocalAuthority, SharingCategory, Theme
from search import engine
from submissions.models import Contact, Practice, Resource


def authority(name):
    return LocalAuthority.objects.get(name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.SelfAttribute("email")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.django.Password("a-long-test-password")


def lead(authority_name="Hackney", **kwargs):
    """A borough lead for one local authority."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, local_authority=authority(authority_name))
    return user


def member_of(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def dcs(**kwargs):
    return member_of(roles.DCS, **kwargs)


def moderator(**kwargs):
    return member_of(roles.MODERATORS, **kwargs)


def admin(**kwargs):
    return member_of(roles.ADMINS, is_staff=True, **kwargs)


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    local_authority = factory.LazyFunction(lambda: authority("Hackney"))
    title = factory.Sequence(lambda n: f"Reducing school exclusions, approach {n}")
    summary = "Working with schools to reduce the exclusion of Black Caribbean pupils."
    description = "Training for governors.\n\n- Reverse mentoring of head teachers\n- Diverse recruitment panels"
    impact = "Exclusions of Black Caribbean pupils fell by a third in two years."

    @factory.post_generation
    def complete(practice, create, extracted, **kwargs):
        """Give the entry everything it needs to be submitted, unless complete=False."""
        if not create or extracted is False:
            return
        practice.categories.add(SharingCategory.objects.get(slug="with-partners"))
        practice.themes.add(Theme.objects.get(slug="school-exclusions"))
        Contact.objects.create(
            practice=practice, name="Lisa Aldridge", role="Head of Safeguarding", email="lisa@example.org"
        )

    @factory.post_generation
    def indexed(practice, create, extracted, **kwargs):
        """A published entry is in the search index, as publishing would have put it."""
        if create and practice.status == Practice.Status.PUBLISHED and practice.revision_of_id is None:
            if practice.published_at is None:
                practice.published_at = timezone.now()
                practice.save(update_fields=["published_at"])
            engine.index(practice)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    practice = factory.SubFactory(PracticeFactory)
    title = "Evaluation report"
    url = "https://example.org/evaluation"


def call(authority_names, *, opened=True, return_in_days=14, themes=(), **kwargs):
    """A call for practice to these local authorities, opened (without emailing) unless opened=False."""
    today = timezone.localdate()
    made = Call.objects.create(
        title=kwargs.pop("title", "East London DCS meeting: sharing practice"),
        message="Please share your anti-racist practice before the directors' meeting.",
        opens_on=min(today, today + timedelta(days=return_in_days)),
        return_by=today + timedelta(days=return_in_days),
        opened_at=timezone.now() if opened else None,
        **kwargs,
    )
    made.local_authorities.set(LocalAuthority.objects.filter(name__in=authority_names))
    made.themes.set(Theme.objects.filter(slug__in=themes))
    return made


def published(title, authority_name, theme, *, description=None, categories=("with-partners",)):
    """A published entry on one theme, summed up and described by its title unless a description is given, indexed."""
    practice = PracticeFactory(
        title=title,
        summary=title,
        description=description or title,
        local_authority=authority(authority_name),
        status=Practice.Status.PUBLISHED,
        complete=False,
    )
    practice.themes.set(Theme.objects.filter(slug=theme))
    practice.categories.set(SharingCategory.objects.filter(slug__in=categories))
    Contact.objects.create(
        practice=practice, name="Lisa Aldridge", role="Head of Safeguarding", email="lisa@example.org"
    )
    engine.index(practice)
    return practice
