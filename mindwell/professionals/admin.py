"""Admin for professional profiles: read-mostly. Verification happens on the
moderators' page (/professionals/review/), which checks the rules and audits.

The license number is shown as on that page (in full while pending, "…1234" once
decided) and is never edited here; searching for a full number finds a decided
application by its keyed hash."""

from typing import Any, ClassVar

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from mindwell.audit.admin import AuditedAdmin
from mindwell.professionals import licenses
from mindwell.professionals.models import ProfessionalProfile, Recusal


@admin.register(ProfessionalProfile)
class ProfessionalProfileAdmin(AuditedAdmin):
    list_display = ("member", "profession", "jurisdiction", "status", "expires_on", "created_at")
    list_filter = ("status", "profession")
    search_fields = ("member__username", "license_number", "licensing_body", "jurisdiction")
    raw_id_fields = ("member",)
    exclude = ("license_number",)
    readonly_fields: ClassVar[list[str]] = [
        "license",
        "status",
        "verified_at",
        "verified_by",
        "decided_at",
        "decided_by",
        "decision_note",
        "created_at",
    ]

    @admin.display(description="license number")
    def license(self, obj: ProfessionalProfile) -> str:
        return obj.license_display

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        digest = licenses.license_hash(search_term)
        if digest:
            found = found | queryset.filter(license_hash=digest)
        return found, may_have_duplicates


@admin.register(Recusal)
class RecusalAdmin(admin.ModelAdmin[Recusal]):
    list_display = ("professional", "question", "created_at")
    raw_id_fields = ("professional", "question")
