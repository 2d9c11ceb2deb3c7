"""Run-time settings: what a site owner tunes while the site runs, edited in the admin.

Question2Answer has a page of options for each part of a site; so does Mindwell's admin
(Site configuration), grouped the same way (GROUPS). Each setting is declared once, as a
typed `Setting` with its group, label, help text, validation and a default taken from the
settings file (so an environment variable still sets the starting value).

Who declares what: each app registers the settings its own code reads, from a
`runtime_settings.py` imported by its AppConfig.ready() (the points formula in reputation,
title and body lengths in qa, tags in taxonomy, the feed length in discovery…). The rule
and its limits then live beside the code that applies them (a title can never be set
longer than its database column), and core, which imports no app, knows no domain rule:
it only keeps the registry, the one storage, the one read path and the admin form.

Storage: the values an owner changed are a JSON object on the SiteConfiguration row
(`overrides`); a value equal to its default is not stored, so the settings file keeps
deciding it. Reading: `get(key)` reads the row through SiteConfiguration.load(), which is
kept in the machine's shared cache (every process sees a change at once), dropped on save,
and which every page already loads (the maintenance banner): no query per request. Saving
bumps the "site" content version, so pages drawn for visitors are drawn again.

A change made in the admin is announced by the `settings_changed` signal (who, and each
key's old and new value); the audit app records it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

from mindwell.core.request_memo import RequestMemo

# Question2Answer's groups of admin options, in its order.
GROUPS: dict[str, str] = {
    "general": "General",
    "posting": "Posting",
    "viewing": "Viewing",
    "lists": "Lists",
    "users": "Users",
    "emails": "Emails",
    "points": "Points",
    "permissions": "Permissions",
    "spam": "Spam and limits",
    "feeds": "Feeds",
}

# Sent after an admin saved run-time settings: actor (the User), changes (a list of
# (key, label, old, new)). mindwell.audit records each change.
settings_changed = Signal()


@dataclass(frozen=True)
class Setting:
    """One run-time setting. `default` is a value or a function reading django.conf.settings
    (called when the value is needed, so test overrides and the environment apply).

    `kind` is int, bool or str. An int may be `optional` (left empty means "no limit",
    stored as None); a str may offer `choices`.
    """

    key: str
    group: str
    label: str
    default: Any
    help_text: str = ""
    kind: type = int
    min_value: int | None = None
    max_value: int | None = None
    max_length: int = 200
    optional: bool = False
    required: bool = False  # a text that may not be left empty
    choices: tuple[tuple[str, str], ...] = ()
    source: str = ""  # the Django setting (and environment variable) the default comes from

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def form_field(self) -> forms.Field:
        """The admin form's field, with this setting's limits."""
        common: dict[str, Any] = {"label": self.label, "help_text": self._help()}
        if self.kind is bool:
            return forms.BooleanField(required=False, **common)
        if self.kind is int:
            return forms.IntegerField(
                required=not self.optional,
                min_value=self.min_value,
                max_value=self.max_value,
                widget=forms.NumberInput(attrs={"class": "vIntegerField"}),
                **common,
            )
        if self.choices:
            return forms.ChoiceField(choices=self.choices, **common)
        return forms.CharField(
            max_length=self.max_length,
            required=self.required,
            strip=True,
            widget=forms.TextInput(attrs={"class": "vTextField"}),
            **common,
        )

    def _help(self) -> str:
        default = self.default_value()
        if self.kind is bool:
            shown = "on" if default else "off"
        elif default is None:
            shown = "no limit"
        elif self.choices:
            shown = dict(self.choices).get(default, default)
        elif self.kind is str and default == "":
            shown = "empty"
        else:
            shown = str(default)
        return f"{self.help_text} Default: {shown}.".strip()

    def coerce(self, raw: Any) -> Any:
        """A stored value as this setting's type; anything unusable (a type changed since it
        was stored, a bound tightened) falls back to the default rather than break pages."""
        try:
            return self.validate(raw)
        except (TypeError, ValueError, forms.ValidationError):
            return self.default_value()

    def validate(self, value: Any) -> Any:
        """The value checked against this setting's type and limits (ValidationError)."""
        field = self.form_field()
        if self.kind is int and value is not None and not isinstance(value, int):
            raise TypeError(value)
        if self.kind is bool:
            return bool(value)
        if self.kind is int and value is None:
            if self.optional:
                return None
            raise forms.ValidationError("A number is required.")
        return field.clean(value)


@dataclass
class _Registry:
    settings: dict[str, Setting] = field(default_factory=dict)
    checks: list[Callable[[Mapping[str, Any]], dict[str, str]]] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)


_registry = _Registry()


def register(*settings: Setting) -> None:
    """Declare run-time settings (from an app's runtime_settings.py, in AppConfig.ready)."""
    for setting in settings:
        if setting.group not in GROUPS:
            raise ImproperlyConfigured(f"{setting.key}: unknown group {setting.group!r}.")
        known = _registry.settings.get(setting.key)
        if known is not None and (known.group, known.label) != (setting.group, setting.label):
            raise ImproperlyConfigured(f"The run-time setting {setting.key} is declared twice.")
        _registry.settings[setting.key] = setting


def register_check(check: Callable[[Mapping[str, Any]], dict[str, str]]) -> None:
    """A rule across settings (a minimum below its maximum): given every value, it returns
    {key: message} for those that break it."""
    if check not in _registry.checks:
        _registry.checks.append(check)


def register_note(group: str, text: str) -> None:
    """A sentence the admin shows above a group (what its values mean, or where related
    settings are kept)."""
    if group not in GROUPS:
        raise ImproperlyConfigured(f"Unknown group {group!r}.")
    notes = _registry.notes.setdefault(group, [])
    if text not in notes:
        notes.append(text)


def notes(group: str) -> list[str]:
    return list(_registry.notes.get(group, []))


def registered() -> list[Setting]:
    """Every setting, by group (in GROUPS order), then in the order they were declared."""
    order = list(GROUPS)
    return sorted(_registry.settings.values(), key=lambda s: order.index(s.group))


def is_registered(key: str) -> bool:
    return key in _registry.settings


def setting(key: str) -> Setting:
    try:
        return _registry.settings[key]
    except KeyError:
        raise ImproperlyConfigured(f"No run-time setting is called {key!r}.") from None


def _stored() -> Mapping[str, Any]:
    from mindwell.core.models import SiteConfiguration

    return SiteConfiguration.load().overrides or {}


# Within one request every value is read once: the first read takes them all from the
# shared cache (about a millisecond with the file cache), the others are dictionary look-ups
# (a question page asks whether voting is on for each post). Outside a request (the worker,
# commands) each read goes to the shared cache.
_request_values = RequestMemo("runtime-settings")


def _read(keys: Iterable[str]) -> dict[str, Any]:
    stored = _stored()
    found = {}
    for key in keys:
        declared = setting(key)
        found[key] = declared.coerce(stored[key]) if key in stored else declared.default_value()
    return found


def forget() -> None:
    """Drop the values read in this request (after a save)."""
    _request_values.forget()


def get_many(keys: Iterable[str]) -> dict[str, Any]:
    """Several values with one read of the stored ones."""
    keys = list(keys)
    memo = _request_values.values()
    if memo is None:
        return _read(keys)
    if not memo:
        memo.update(_read(_registry.settings))
    missing = [key for key in keys if key not in memo]
    if missing:  # registered since, or unknown (setting() says so)
        memo.update(_read(missing))
    return {key: memo[key] for key in keys}


def get(key: str) -> Any:
    """The current value of one run-time setting (no query once the site's row is cached)."""
    memo = _request_values.values()
    if memo and key in memo:
        return memo[key]
    return get_many([key])[key]


def current() -> dict[str, Any]:
    """Every setting's current value."""
    return get_many(_registry.settings)


def check(values: Mapping[str, Any]) -> dict[str, str]:
    """Errors of the rules across settings for these values ({key: message})."""
    errors: dict[str, str] = {}
    for rule in _registry.checks:
        for key, message in rule(values).items():
            errors.setdefault(key, message)
    return errors


def overrides_for(values: Mapping[str, Any]) -> dict[str, Any]:
    """What to store for these values: only those that differ from their default."""
    return {
        key: value
        for key, value in values.items()
        if key in _registry.settings and value != setting(key).default_value()
    }


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, str, Any, Any]]:
    """(key, label, old, new) for each setting whose value differs."""
    return [
        (key, setting(key).label, before.get(key), after[key])
        for key in after
        if key in _registry.settings and before.get(key) != after[key]
    ]


def save(*, values: Mapping[str, Any], actor: Any = None) -> list[tuple[str, str, Any, Any]]:
    """Validate and store run-time settings (only the keys given change), for code and
    commands; the admin form does the same through SiteConfigurationAdmin. Raises
    ValidationError with every problem; returns the changes (also sent as settings_changed).
    """
    from mindwell.core.models import SiteConfiguration

    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        try:
            cleaned[key] = setting(key).validate(value)
        except forms.ValidationError as error:
            errors[key] = error.messages
        except (TypeError, ValueError):
            errors[key] = ["Enter a value of the right kind."]
    before = current()
    after = {**before, **cleaned}
    for key, message in check(after).items():
        errors.setdefault(key, []).append(message)
    if errors:
        raise forms.ValidationError(errors)
    config = SiteConfiguration.load()
    config.overrides = overrides_for(after)
    config.save()
    found = changes(before, after)
    if found:
        settings_changed.send(sender=SiteConfiguration, actor=actor, changes=found)
    return found


def parse(key: str, text: str) -> Any:
    """A value typed on the command line ("on", "none", "42", "Calm Harbour")."""
    declared = setting(key)
    if declared.kind is bool:
        return text.strip().lower() in {"1", "true", "yes", "on"}
    if declared.kind is int:
        if declared.optional and text.strip().lower() in {"", "none", "no limit"}:
            return None
        return int(text)
    return text


def limits(declared: Setting) -> str:
    """A setting's limits in words, for the README."""
    if declared.kind is bool:
        return "on / off"
    if declared.choices:
        return ", ".join(f"`{value}`" for value, _ in declared.choices)
    if declared.kind is str:
        return f"text, up to {declared.max_length} characters"
    words = f"{declared.min_value:,} to {declared.max_value:,}"
    return words + (", empty: no limit" if declared.optional else "")


def markdown_table() -> str:
    """The README's table of run-time settings (`manage.py site_settings --markdown`)."""
    rows = ["| group | setting | key | default | values |", "|---|---|---|---|---|"]
    for declared in registered():
        default = shown(declared.default_value())
        if declared.source:
            default = f"`{declared.source}` ({default})"
        rows.append(
            f"| {GROUPS[declared.group]} | {declared.label} | `{declared.key}` | {default} | "
            f"{limits(declared)} |"
        )
    return "\n".join(rows)


def shown(value: Any) -> str:
    """A value as the audit log and the README show it."""
    if value is None:
        return "no limit"
    if isinstance(value, bool):
        return "on" if value else "off"
    if value == "":
        return "(empty)"
    return str(value)
