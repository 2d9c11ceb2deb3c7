from typing import Any

from django import forms


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        max_length=60,
        required=False,
        help_text="Shown on your posts. Leave empty to show your username.",
    )
    about = forms.CharField(
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="About you",
        help_text="Optional. Shown on your public profile.",
    )


class ApiTokenForm(forms.Form):
    """A new personal access token: its name, scopes and expiry. The scopes offered
    are the member's (`accounts.tokens.scopes_for`)."""

    name = forms.CharField(max_length=60, help_text="What it is for, e.g. “my reading app”.")
    scopes = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        help_text="Read: your inbox, follows and settings. Write: post, vote, flag and "
        "follow as you. Moderate: your moderator actions (recorded in the audit log).",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Expires",
        choices=[("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), ("", "Never")],
        coerce=int,
        empty_value=None,
        initial="90",
        required=False,
    )

    def __init__(self, *args: Any, scopes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = {"read": "Read", "write": "Write", "moderate": "Moderate"}
        field = self.fields["scopes"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101  (for mypy)
        field.choices = [(s, labels[s]) for s in scopes]
        field.initial = ["read"]
