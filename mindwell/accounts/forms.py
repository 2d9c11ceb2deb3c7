from typing import Any

from django import forms
from django.conf import settings

from mindwell.accounts import avatars


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


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label="Picture",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        error_messages={
            "required": "Choose a picture to upload.",
            "empty": "This file is empty. Choose a JPEG, PNG, GIF or WebP picture.",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = avatars.size_label(settings.AVATAR_MAX_BYTES)
        self.fields["avatar"].help_text = (
            f"A JPEG, PNG, GIF or WebP picture, at most {limit}. It is cropped to a "
            "square around its middle, and details such as the place and camera are removed."
        )
