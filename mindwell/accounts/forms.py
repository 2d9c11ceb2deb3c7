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
