"""Admin for professional profiles: read-mostly. Verification happens on the
moderators' page (/professionals/review/), which checks the rules and audits."""

from typing import ClassVar

from django.contrib import admin

from mindwell.audit.admin import AuditedAdmin
from mindwell.professionals.models import ProfessionalProfile, Recusal


@admin.register(ProfessionalProfile)
class ProfessionalProfileAdmin(AuditedAdmin):
    list_display = ("member", "profession", "jurisdiction", "status", "expires_on", "created_at")
    list_filter = ("status", "profession")
    search_fields = ("member__username", "license_number", "licensing_body", "jurisdiction")
    raw_id_fields = ("member",)
    readonly_fields: ClassVar[list[str]] = [
        "status",
        "verified_at",
        "verified_by",
        "decided_at",
        "decided_by",
        "decision_note",
        "created_at",
    ]


@admin.register(Recusal)
class RecusalAdmin(admin.ModelAdmin[Recusal]):
    list_display = ("professional", "question", "created_at")
    raw_id_fields = ("professional", "question")
