from django.contrib import admin
from django.http import HttpRequest

from mindwell.core.models import SiteConfiguration


@admin.register(SiteConfiguration)
class SiteConfigurationAdmin(admin.ModelAdmin[SiteConfiguration]):
    list_display = ("__str__", "allow_anonymous_posts", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SiteConfiguration.objects.exists()

    def has_delete_permission(
        self, request: HttpRequest, obj: SiteConfiguration | None = None
    ) -> bool:
        return False
