from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from mindwell.accounts.adapter import limit_visitor
from mindwell.accounts.runtime_settings import ABSOLUTE_MINIMUM_AGE
from mindwell.core import ratelimit, runtime
from mindwell.core.errors import RateLimited
from mindwell.core.honeypot import HoneypotFormMixin
from mindwell.core.privacy import keyed_digest

HELP_POINTER = "If you need to talk to someone now, see Get help now."


def minimum_age() -> int:
    """The youngest age allowed to join: the admin's setting (Users; its default is
    settings.MINIMUM_AGE, 16), never below 13."""
    return max(int(runtime.get("users.minimum_age")), ABSOLUTE_MINIMUM_AGE)


class SignupForm(HoneypotFormMixin, AllauthSignupForm):
    """allauth's sign-up form with an age question and a honeypot field
    (ACCOUNT_FORMS["signup"]). The age is checked, never stored."""

    age = forms.IntegerField(
        label="How old are you?",
        min_value=0,
        max_value=150,
        help_text="Only used to check that you are old enough to join; it is not kept.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    field_order = ("email", "username", "age", "password1", "password2")

    def clean_age(self) -> int:
        age: int = self.cleaned_data["age"]
        youngest = minimum_age()
        if age < youngest:
            site = runtime.get("general.site_name")
            raise ValidationError(
                [
                    ValidationError(
                        f"Sorry — you need to be at least {youngest} to join {site}.",
                        code="too_young",
                    ),
                    ValidationError(HELP_POINTER, code="help"),
                ]
            )
        return age

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        """Count the sign-up against the IP's hourly limit, then create the account.

        Counted here rather than in the adapter's save_user so a sign-up with an
        address that already has an account (which allauth answers exactly like a
        new one, without saving) counts the same: the limit reveals nothing.
        """
        limit_visitor(request, "signup")
        if self.account_already_exists:
            # A new account costs a password hash (Argon2, ~0.1 s); without one here the
            # response time would tell that the address is registered.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class ResetPasswordForm(AllauthResetPasswordForm):
    """allauth's password reset form (ACCOUNT_FORMS["reset_password"]), limited silently:
    at most RATE_LIMITS["password_reset"] emails an hour to one address and from one network.
    Over the limit the visitor sees the same "check your inbox" page and nothing is sent, so
    the limit neither floods an inbox nor tells whether the address has an account."""

    def save(self, request: HttpRequest, **kwargs: Any) -> str:
        email: str = self.cleaned_data["email"]
        try:
            ratelimit.hit("password_reset", ip_digest=address_digest(email))
            ratelimit.hit_from_request(request, "password_reset")
        except RateLimited:
            return email
        return str(super().save(request, **kwargs))


def address_digest(email: str) -> str:
    """A keyed digest of an email address, to count per address without keeping it."""
    return "a" + keyed_digest(email.strip().casefold(), 31)


class LoginForm(AllauthLoginForm):
    """allauth's log-in form in the site's words ("Username or email", not "Login")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Username or email"
        self.fields["remember"].label = "Keep me logged in"
