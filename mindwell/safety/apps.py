from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "mindwell.safety"
    label = "safety"

    def ready(self) -> None:
        from mindwell.safety import (
            hooks,  # noqa: F401  (registers a question-page part)
            privacy,
        )

        privacy.connect()
