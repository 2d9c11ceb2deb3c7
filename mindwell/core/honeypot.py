"""A honeypot field for forms that bots fill in and people never see.

Add `HoneypotFormMixin` before the form class:

    class SignupForm(HoneypotFormMixin, AllauthSignupForm): ...

The field is a plain text input with an innocuous name, inside a span with the
CSS class `hp-field` (moved off-screen by mindwell.css), out of the tab order, with
autocomplete off and a label asking screen-reader users to leave it empty. A filled
honeypot fails validation with a generic error that does not say why.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import BaseRenderer
from django.utils.html import format_html
from django.utils.safestring import SafeString

logger = logging.getLogger(__name__)

HONEYPOT_FIELD_NAME = "website"
HONEYPOT_CSS_CLASS = "hp-field"
HONEYPOT_LABEL = "Please leave this field empty."
GENERIC_ERROR = "Something went wrong; please try again."


class HoneypotInput(forms.TextInput):
    """A text input wrapped in a CSS-hidden span with its own label.

    It reports itself as hidden, so every form layout renders it bare, without
    the usual wrapper and visible label; the span carries the label instead.
    """

    def __init__(self) -> None:
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_hidden(self) -> bool:
        return True

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        # Never echo back what a bot typed.
        field = super().render(name, None, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id")
        label = (
            format_html('<label for="{}">{}</label>', field_id, HONEYPOT_LABEL)
            if field_id
            else format_html("<label>{}</label>", HONEYPOT_LABEL)
        )
        return format_html('<span class="{}">{}{}</span>', HONEYPOT_CSS_CLASS, label, field)


def honeypot_field() -> forms.CharField:
    """The honeypot form field. It never has errors of its own, which would show."""
    return forms.CharField(required=False, label=HONEYPOT_LABEL, widget=HoneypotInput())


if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class HoneypotFormMixin(_FormBase):
    """Adds the honeypot field to a form; a filled honeypot is a generic form error."""

    honeypot_field_name = HONEYPOT_FIELD_NAME

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = honeypot_field()

    def clean(self) -> dict[str, Any] | None:
        # Checked first, so nothing else in clean() (lookups, emails) runs for a bot.
        if self.cleaned_data.get(self.honeypot_field_name):
            logger.info("%s: honeypot filled in, submission refused", type(self).__name__)
            raise ValidationError(GENERIC_ERROR, code="invalid")
        return super().clean()
