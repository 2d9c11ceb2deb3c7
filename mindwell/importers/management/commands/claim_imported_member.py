"""Give an imported member (no email, no password, as a Stack Exchange dump leaves them)
an email address, so that they can set a password with "Forgot password?".

An admin runs it after checking, outside Mindwell, that the person asking is the owner
of the old account (for instance by a note the person posts on their old profile).
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from mindwell.accounts.models import User


class Command(BaseCommand):
    help = (
        "Attach an email address to an imported member who has none and no password, so "
        "they can claim the account with 'Forgot password?'. Check who they are first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="The member's Mindwell username.")
        parser.add_argument("email", help="The address the person asked to use.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError(f"{options['email']!r} is not a valid email address.") from exc
        member = User.objects.filter(username__iexact=options["username"]).first()
        if member is None:
            raise CommandError(f"No member is called {options['username']!r}.")
        if member.has_usable_password() or member.email:
            raise CommandError(
                f"{member.username} already has a password or an email address: they can "
                "sign in or reset their password themselves."
            )
        taken = (
            EmailAddress.objects.filter(email__iexact=email).exists()
            or User.objects.filter(email__iexact=email).exists()
        )
        if taken:
            raise CommandError(f"{email} belongs to another account.")
        with transaction.atomic():
            member.email = email
            member.save(update_fields=["email"])
            EmailAddress.objects.create(user=member, email=email, primary=True, verified=False)
        self.stdout.write(
            f"{member.username} now has the address {email}. Ask them to use 'Forgot "
            "password?' on the sign-in page with it: the reset link proves the address and "
            "sets their password."
        )
