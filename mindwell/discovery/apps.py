from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "mindwell.discovery"
    label = "discovery"

    def ready(self) -> None:
        from mindwell.discovery import (
            hooks,  # noqa: F401  (registers a question-page part)
            runtime_settings,
        )

        runtime_settings.register_settings()
