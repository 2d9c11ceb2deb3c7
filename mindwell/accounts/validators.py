from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

RESERVED_USERNAMES = {"admin", "anonymous", "moderator", "mindwell", "staff", "support"}


def not_reserved(value: str) -> None:
    if value.lower() in RESERVED_USERNAMES:
        raise ValidationError("This username is reserved. Please choose another.")


username_validators = [
    RegexValidator(
        r"^[A-Za-z0-9_.-]{3,30}\Z",
        "Use 3 to 30 letters, digits, dots, hyphens or underscores.",
    ),
    not_reserved,
]
