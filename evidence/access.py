"""Who may load data: analysts (and admins), through the load_dataset permission the Analysts role carries."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin

LOAD = "evidence.load_dataset"
ANALYSTS = "Analysts"  # the role's group, made by migration 0002


def is_analyst(user):
    return user.is_authenticated and user.has_perm(LOAD)


class AnalystRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Analysts and admins only: others signed in get 403, anonymous visitors the sign-in page."""

    def test_func(self):
        return is_analyst(self.request.user)
