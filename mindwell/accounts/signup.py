from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from mindwell.accounts.adapter import limit_visitor
from mindwell.core.honeypot import HoneypotFormMixin

# Nobody younger than this may join, whatever MINIMUM_AGE says (COPPA and the GDPR's
# lowest age of digital consent).
ABSOLUTE_MINIMUM_AGE = 13
HELP_POINTER = "If you need to talk to someone now, see Get help now."


def minimum_age() -> int:
    """The youngest age allowed to join: settings.MINIMUM_AGE (16), never below 13."""
    return max(int(getattr(settings, "MINIMUM_AGE", 16)), ABSOLUTE_MINIMUM_AGE)


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
            site = getattr(settings, "SITE_NAME", "Mindwell")
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
        return super().try_save(request)
