from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.http import HttpRequest

from mindwell.accounts.adapter import limit_visitor
from mindwell.core.honeypot import HoneypotFormMixin


class SignupForm(HoneypotFormMixin, AllauthSignupForm):
    """allauth's sign-up form with a honeypot field (ACCOUNT_FORMS["signup"])."""

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        """Count the sign-up against the IP's hourly limit, then create the account.

        Counted here rather than in the adapter's save_user so a sign-up with an
        address that already has an account (which allauth answers exactly like a
        new one, without saving) counts the same: the limit reveals nothing.
        """
        limit_visitor(request, "signup")
        return super().try_save(request)
