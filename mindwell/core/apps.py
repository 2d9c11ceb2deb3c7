from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mindwell.core"
    label = "core"

    def ready(self) -> None:
        from mindwell.core import runtime_settings

        runtime_settings.register_settings()
