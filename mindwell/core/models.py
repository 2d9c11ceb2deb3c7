from typing import Any, ClassVar, Self

from django.core.cache import cache
from django.db import models

from mindwell.core.cache import bump_version
from mindwell.core.request_memo import RequestMemo

_loaded = RequestMemo("singleton-settings")


class SingletonSettings(models.Model):
    """Settings admins edit: one row (pk 1), kept five minutes in the machine's shared cache
    (every process) and dropped from it whenever it is saved."""

    CACHE_KEY: ClassVar[str]

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1
        edited = not self._state.adding  # the first load creates the row with the defaults
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)
        _loaded.forget()
        if edited:
            bump_version("site")  # pages drawn for many show the new settings at once

    @classmethod
    def load(cls) -> Self:
        """The row, read once per request (a page of 120 answers asks for the privilege
        table 360 times: one shared-cache read each before)."""
        memo = _loaded.values()
        if memo is not None and (found := memo.get(cls.CACHE_KEY)) is not None:
            return found
        found = cache.get(cls.CACHE_KEY)
        if found is None:
            found, _ = cls.objects.get_or_create(pk=1)  # type: ignore[attr-defined]
            cache.set(cls.CACHE_KEY, found, 300)
        if memo is not None:
            memo[cls.CACHE_KEY] = found
        return found


class SiteConfiguration(SingletonSettings):
    """Site settings editable by admins (one row)."""

    allow_anonymous_posts = models.BooleanField(
        default=True,
        help_text="Visitors may ask, answer and comment without an account, "
        "and members may post anonymously.",
    )
    noindex_anonymous_questions = models.BooleanField(
        default=True,
        help_text="Anonymous questions are hidden from search engines unless the asker "
        "or a moderator allows indexing.",
    )
    maintenance = models.BooleanField(
        default=False,
        help_text="Maintenance mode: everyone can read, only admins can post, vote or change "
        "anything; every page shows a banner.",
    )
    maintenance_message = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown in the banner (e.g. when you expect to be back).",
    )
    overrides = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The run-time settings changed from their defaults (core/runtime.py).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    CACHE_KEY = "site-configuration"

    class Meta:
        verbose_name = "site configuration"
        verbose_name_plural = "site configuration"

    def __str__(self) -> str:
        return "Site configuration"

    def save(self, *args: Any, **kwargs: Any) -> None:
        from mindwell.core import runtime

        super().save(*args, **kwargs)
        runtime.forget()  # the run-time settings read in this request are stale now


class RateCounter(models.Model):
    """How many times one key (an action by a member or an IP digest) acted in one hour.

    Kept in the database so every worker process shares the counts; see
    mindwell/core/ratelimit.py. Rows older than a day or two are purged.
    """

    key = models.CharField(max_length=100)
    window = models.DateTimeField(help_text="The start of the hour counted.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["key", "window"], name="ratecounter_key_window")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["window"], name="ratecounter_window")
        ]

    def __str__(self) -> str:
        return f"{self.key} at {self.window:%Y-%m-%d %H:00}: {self.count}"


class SitePage(models.Model):
    """A page of policy or help text (guidelines, privacy, terms …) that admins edit."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown.")
    show_in_footer = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("position", "title")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("page", kwargs={"slug": self.slug})


class WorkerHeartbeat(models.Model):
    """A background worker's sign of life, one row per worker process.

    Written when `manage.py worker` starts and then every HEARTBEAT_SECONDS while it runs
    (core/heartbeat.py); marked stopped on a clean shutdown. /healthz and the "worker is
    silent" banner read the newest beat through core.health.worker_status(). No member data.
    """

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        state = "stopped" if self.stopped_at else "running"
        return f"{self.worker_id} ({state}, last beat {self.beat_at:%Y-%m-%d %H:%M:%S})"
