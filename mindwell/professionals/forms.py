from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from mindwell.professionals.models import ProfessionalProfile

BOUNDARIES = (
    "I will answer in public with general information only: I won't share contact "
    "details, invite members to contact me privately, offer sessions or take members "
    "on as clients, and I won't share anything that could identify a client."
)


class ApplicationForm(forms.ModelForm[ProfessionalProfile]):
    boundaries = forms.BooleanField(label=BOUNDARIES)

    class Meta:
        model = ProfessionalProfile
        fields: ClassVar[list[str]] = [
            "profession",
            "profession_detail",
            "licensing_body",
            "license_number",
            "jurisdiction",
            "expires_on",
        ]
        labels: ClassVar[dict[str, str]] = {"profession_detail": "Your title (optional)"}
        help_texts: ClassVar[dict[str, str]] = {
            "license_number": "Only moderators see it, to check it with the licensing body.",
            "expires_on": "Your badge ends on this date unless you apply again with a renewal.",
        }
        widgets: ClassVar[dict[str, Any]] = {
            "profession": forms.RadioSelect,
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_expires_on(self) -> date:
        expires_on: date = self.cleaned_data["expires_on"]
        if expires_on < timezone.localdate():
            raise forms.ValidationError("This license has expired. Use your current license.")
        return expires_on

    def application_kwargs(self) -> dict[str, Any]:
        """What `services.apply_as_professional` takes (the form never saves)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("verify", "Verify"), ("reject", "Reject"), ("revoke", "Revoke")]
    )
    note = forms.CharField(required=False, max_length=2000)
