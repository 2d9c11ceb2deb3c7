from django import forms

from mindwell.qa.models import CONTENT_WARNINGS


class ReadingForm(forms.Form):
    country = forms.CharField(
        required=False,
        max_length=2,
        label="Your country (two letters, e.g. US, GB, ES)",
        help_text="Used only to show the right crisis lines. Empty: from your browser's language.",
    )
    muted_topics = forms.MultipleChoiceField(
        choices=CONTENT_WARNINGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Collapse posts about",
    )
    muted_words = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        label="Collapse posts containing these words",
        help_text="One word or phrase per line.",
    )

    def clean_country(self) -> str:
        value = self.cleaned_data.get("country", "").strip().upper()
        if value and (len(value) != 2 or not value.isalpha()):
            raise forms.ValidationError("Use a two-letter country code, such as US or GB.")
        return value
