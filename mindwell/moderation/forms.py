from typing import Any

from django import forms

from mindwell.core import challenge
from mindwell.core.honeypot import HoneypotFormMixin
from mindwell.moderation.models import Flag, Suspension
from mindwell.qa.models import Question


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=Flag.Reason.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        required=False,
        max_length=500,
        label="Tell the moderators more (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("reason") == Flag.Reason.OTHER and not str(data.get("text", "")).strip():
            self.add_error("text", "Please say what is wrong.")
        return data


class VisitorReportForm(HoneypotFormMixin, forms.Form):
    """A logged-out visitor's "someone may be at risk" report: the honeypot and the
    visitor challenge, nothing else to fill in."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        challenge.add_challenge(self, args[0] if args else None)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        challenge.check(self)
        return data


class RevealAuthorForm(forms.Form):
    """An admin's reason for looking up who wrote an anonymous post (audited)."""

    reason = forms.CharField(
        max_length=500,
        label="Why you need to know who wrote it",
        help_text="Kept in the audit log with your name.",
        error_messages={
            "required": "Give a reason: revealing who wrote an anonymous post is kept in "
            "the audit log with it."
        },
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(choices=Question.CloseReason.choices, widget=forms.RadioSelect)
    duplicate_of = forms.IntegerField(
        required=False,
        label="Duplicate of question number",
        help_text="The number in the other question's address: /questions/<number>/…",
    )
    note = forms.CharField(required=False, max_length=300, label="Note (optional)")


class RestrictForm(forms.Form):
    kind = forms.ChoiceField(choices=Suspension.Kind.choices, widget=forms.RadioSelect)
    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=3650,
        label="For how many days",
        help_text="Leave empty for a permanent restriction.",
    )
    reason = forms.CharField(
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The member will see this.",
    )


class WatchedWordTestForm(forms.Form):
    text = forms.CharField(
        label="Text to test", max_length=20_000, widget=forms.Textarea(attrs={"rows": 6})
    )
