from django.contrib import admin

from mindwell.core.models import SiteConfiguration


@admin.register(SiteConfiguration)
class SiteConfigurationAdmin(admin.ModelAdmin[SiteConfiguration]):
    list_display = ("__str__", "allow_anonymous_posts", "updated_at")

    def has_add_permission(self, request: object) -> bool:  # type: ignore[override]
        return not SiteConfiguration.objects.exists()

    def has_delete_permission(self, request: object, obj: object = None) -> bool:  # type: ignore[override]
        return False
