from __future__ import annotations

from django.conf import settings
from django.db import models


class ReaderPreference(models.Model):
    """A member's reading settings: their country (for crisis lines) and what to mute."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_preference"
    )
    country = models.CharField(
        max_length=2,
        blank=True,
        help_text="ISO 3166 country code for crisis lines; empty: from the browser's language.",
    )
    muted_words = models.TextField(blank=True, help_text="One word or phrase per line.")
    muted_topics = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"Reading settings of {self.user_id}"

    def muted_word_list(self) -> list[str]:
        return [w.strip().lower() for w in self.muted_words.splitlines() if w.strip()][:100]
