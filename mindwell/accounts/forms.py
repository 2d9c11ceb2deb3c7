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
