"""Sign-in throttling (django-axes; decision 0013). Failed sign-ins in the last AXES_COOLOFF_TIME are counted
three ways, each with its own limit: one person mistyping, one account guessed from many addresses, and
many accounts guessed from one address (a password spray). The address is operations.proxy.client_ip's."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

# Failures allowed in AXES_COOLOFF_TIME (15 minutes), by what is counted. The figures are in decision 0013:
# a borough office signs in from one address, and at its busiest stays well under the address's limit.
LIMITS = {
    ("username", "ip_address"): 5,  # one account from one address: someone who has forgotten their password
    ("username",): 10,  # one account from any addresses
    ("ip_address",): 30,  # any accounts from one address
}

# What the locked-out page says, for the first limit reached in the order above.
LIMITS_REACHED = {("username", "ip_address"): "", ("username",): "account", ("ip_address",): "address"}


def lockout_parameters(request_or_attempt, credentials=None):
    """AXES_LOCKOUT_PARAMETERS: the three ways of counting, in the order of LIMITS."""
    return [list(counted) for counted in LIMITS]


class SignInThrottle(AxesDatabaseHandler):
    """django-axes's database handler, with a limit for each way of counting."""

    def counts(self, request, credentials=None):
        """Failures in the window, by what is counted (get_user_attempts keeps the order of LIMITS)."""
        attempts = self.get_user_attempts(request, credentials)
        sums = [found.aggregate(failures=Sum("failures_since_start"))["failures"] or 0 for found in attempts]
        return dict(zip(LIMITS, sums, strict=True))

    def limits_reached(self, request, credentials=None):
        return [counted for counted, count in self.counts(request, credentials).items() if count >= LIMITS[counted]]

    def get_failures(self, request, credentials=None):
        """django-axes compares one number with AXES_FAILURE_LIMIT: each count is given in those units, as the
        share of its own limit it has reached, so that any count at its limit locks."""
        scale = settings.AXES_FAILURE_LIMIT
        return max(count * scale // LIMITS[counted] for counted, count in self.counts(request, credentials).items())

    def reset_user_attempts(self, request, credentials=None):
        """Signing in clears that account's failures, from any address, but never the address's failures for
        other accounts: someone spraying guesses could otherwise clear them by signing in to their own account."""
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return deleted


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the page saying which limit was reached and what to do."""
    reached = SignInThrottle().limits_reached(request, credentials)
    reason = next((LIMITS_REACHED[counted] for counted in LIMITS if counted in reached), "")
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {"reason": reason}, status=settings.AXES_HTTP_RESPONSE_CODE)
