"""
What the privacy notice and cookies page say that must match what the portal does: the cookies
it sets and how long each kind of personal data is kept, both read from the settings that run.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


def _hours(seconds):
    hours = seconds // 3600
    return f"{hours} hour{'s' if hours != 1 else ''}"


def cookies():
    """Every cookie the portal sets. tests/privacy/test_privacy_pages.py checks no page sets any other."""
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in, and keeps a form's answers if you are signed out while filling it in.",
            f"{_hours(settings.SESSION_COOKIE_AGE)}, or when you sign out",
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            "Stops other websites sending forms to the portal in your name.",
            f"{settings.CSRF_COOKIE_AGE // (60 * 60 * 24 * 7)} weeks",
        ),
        Cookie(
            CookieStorage.cookie_name,
            "Shows a message, such as ‘Your draft was saved’, on the next page you see.",
            "When you close your browser, or as soon as the message is shown",
        ),
    ]


@dataclass(frozen=True)
class Period:
    what: str
    kept: str


def _days(days):
    if days % 365 == 0:
        years = days // 365
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def retention_periods():
    """How long each kind of personal data is kept, in the words of the privacy notice."""
    days = settings.PORTAL_RETENTION_DAYS
    return [
        Period(
            "Contacts on published entries, and in the earlier versions of them kept for history",
            "While the entry is published, until the contact asks to be removed",
        ),
        Period(
            "Withdrawn and rejected entries, with their contacts",
            f"{_days(days['closed_entries'])} after they were last changed",
        ),
        Period(
            "Accounts (name, work email, roles)",
            f"Until the account is closed; an account not used for {_days(days['inactive_accounts'])} is closed, "
            f"after a warning by email {_days(days['inactivity_warning'])} before",
        ),
        Period("The sign-in log (email address, IP address, browser)", _days(days["sign_in_logs"])),
        Period("Emails the portal has sent", _days(days["sent_emails"])),
        Period("Emails the mail server refused", _days(days["failed_emails"])),
        Period("Files uploaded to a form that was never saved", _days(days["orphan_uploads"])),
        Period("The audit trail of changes to an entry", "As long as the entry"),
        Period(
            "The audit trail of changes to accounts and roles",
            "Kept, to show who could do what and when; your name and email are removed from it if you are erased",
        ),
    ]
