from django.contrib import admin
from django.http import HttpRequest

from mindwell.core.models import SiteConfiguration, SitePage


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin[SitePage]):
    list_display = ("title", "slug", "show_in_footer", "position", "updated_at")
    prepopulated_fields = {"slug": ("title",)}  # noqa: RUF012

    def save_model(self, request: HttpRequest, obj: SitePage, form: object, change: bool) -> None:
        from django.core.cache import cache

        super().save_model(request, obj, form, change)
        cache.delete("footer-pages")


@admin.register(SiteConfiguration)
class SiteConfigurationAdmin(admin.ModelAdmin[SiteConfiguration]):
    list_display = ("__str__", "allow_anonymous_posts", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not SiteConfiguration.objects.exists()

    def has_delete_permission(
        self, request: HttpRequest, obj: SiteConfiguration | None = None
    ) -> bool:
        return False
