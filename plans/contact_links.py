"""
The link in a plan contact's reminder that shows their own actions without an account: signed (Django's signing,
with the site's secret key), for one contact and the address the email went to, and good for LINK_DAYS. It is made
as the email is sent, never stored (docs/decisions/0005): the outbox keeps the placeholder. A changed email address
voids every link sent to the old one; a deleted contact, all of theirs.
"""

import hashlib
from datetime import timedelta

from django.core import signing
from django.urls import reverse

from outbox.mail import SecretLink, link
from plans.models import PlanContact

LINK_DAYS = 30
MAX_AGE = timedelta(days=LINK_DAYS)
SALT = "plans.contact-actions"
CONTACT_ACTIONS = "plan-contact-actions"


class Expired(Exception):
    """The link was genuine but is older than LINK_DAYS."""


def _address_digest(address):
    return hashlib.sha256(address.strip().casefold().encode()).hexdigest()[:16]


def token_for(contact_pk, address):
    return signing.dumps([int(contact_pk), _address_digest(address)], salt=SALT, compress=False)


def contact_of(token):
    """The contact a link is for: None for a forged or void one (another address, a deleted contact); Expired."""
    try:
        contact_pk, digest = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise Expired from None
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(contact_pk, int) or not isinstance(digest, str):
        return None
    contact = PlanContact.objects.filter(pk=contact_pk).first()
    if contact is None or _address_digest(contact.email) != digest:
        return None
    return contact


def make_link(email):
    """For the outbox, as it sends the email: the link for the contact it names and the address it goes to."""
    return link("plans:contact_actions", token_for(email.secret_for, email.to))


CONTACT_ACTIONS_LINK = SecretLink(
    f"[link to your actions, made when sent, good for {LINK_DAYS} days]", make_link, for_account=False
)


def path_for(contact):
    """The link's path for the contact as they are now (tests, and nowhere stored)."""
    return reverse("plans:contact_actions", args=[token_for(contact.pk, contact.email)])
