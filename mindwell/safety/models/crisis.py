from __future__ import annotations

import datetime
import re
from typing import Any, ClassVar

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mindwell.core.cache import bump_version

# Crisis lines change numbers, hours and names; an entry nobody has checked for about
# six months is shown as needing verification (admin, `check_crisis_lines`).
VERIFY_EVERY_DAYS = 183
CACHE_VERSION_NAME = "crisis-lines"

# What a tel: link keeps: digits, a leading +, and the * of short codes such as *4141.
_PHONE_CHARS = re.compile(r"[^\d+*]")
_LAST_NUMBER = re.compile(r"\+?\d[\d ]*\d|\d")


class CrisisLine(models.Model):
    """One way to reach one crisis service (a hotline, a text or chat service, or the
    emergency number) in one country, or internationally when `country` is empty.

    Shown on the "Get help now" page and in the crisis card; admin-editable data, never
    template text. Saving or deleting one invalidates the cached choices.
    """

    class Kind(models.TextChoices):
        PRIMARY = "primary", "Primary hotline"
        TEXT_OR_CHAT = "text_chat", "Text or chat"
        EMERGENCY = "emergency", "Emergency number"

    country = models.CharField(
        max_length=2,
        blank=True,
        db_index=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Use a two-letter ISO 3166 code, e.g. GB.")],
        help_text="ISO 3166 alpha-2 code in capitals (GB for the UK); empty: international.",
    )
    service_name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    phone = models.CharField(max_length=40, blank=True, help_text="As people dial it: 116 123.")
    text_number = models.CharField(
        max_length=60,
        blank=True,
        help_text='How to text, e.g. "Text 988" or "Text SHOUT to 85258".',
    )
    chat_url = models.URLField(blank=True, help_text="Web chat, or the service's help page.")
    hours = models.CharField(max_length=60, blank=True, help_text='e.g. "24/7".')
    languages = models.CharField(max_length=120, blank=True, help_text='e.g. "English, Spanish".')
    description = models.CharField(max_length=240, blank=True)
    source_url = models.URLField(
        blank=True,
        help_text="Where to check the number, hours and name: the service's own page.",
    )
    last_verified = models.DateField(
        help_text="When someone last checked the number, hours and name with the service."
    )
    priority = models.PositiveSmallIntegerField(
        default=10, help_text="Lower comes first among lines of the same country and kind."
    )
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["country", "kind", "priority", "pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=~Q(phone="", text_number="", chat_url=""),
                name="crisisline_has_contact",
                violation_error_message="Give a phone number, a text number or a chat link.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_name} ({self.country or 'international'}, {self.kind})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        bump_version(CACHE_VERSION_NAME)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)
        bump_version(CACHE_VERSION_NAME)
        return result

    def clean(self) -> None:
        self.country = self.country.strip().upper()

    @property
    def tel_href(self) -> str:
        """A tel: link for `phone` ("116 123" -> "tel:116123", "*4141" -> "tel:*4141"),
        or ""."""
        digits = _PHONE_CHARS.sub("", self.phone)
        return f"tel:{digits}" if digits else ""

    @property
    def sms_href(self) -> str:
        """An sms: link to the number in `text_number` ("Text SHOUT to 85258" ->
        "sms:85258"), or "". The keyword stays in the visible text: sms bodies in
        links differ between phones."""
        numbers = _LAST_NUMBER.findall(self.text_number)
        return f"sms:{numbers[-1].replace(' ', '')}" if numbers else ""

    def needs_verification(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.last_verified < today - datetime.timedelta(days=VERIFY_EVERY_DAYS)
