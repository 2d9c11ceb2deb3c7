from django.apps import AppConfig


class QaConfig(AppConfig):
    name = "mindwell.qa"
    label = "qa"

    def ready(self) -> None:
        from mindwell.core.conditional import register_hit_handler, register_page_version
        from mindwell.qa import runtime_settings
        from mindwell.qa.views import VIEW_HIT, count_cached_view

        runtime_settings.register_settings()

        register_hit_handler(VIEW_HIT, count_cached_view)
        register_page_version(r"/questions/(\d+)/", lambda m: f"question:{m[1]}")
