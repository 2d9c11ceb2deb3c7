from django.apps import AppConfig


class ProfessionalsConfig(AppConfig):
    name = "mindwell.professionals"
    label = "professionals"
    verbose_name = "Verified professionals"

    def ready(self) -> None:
        from mindwell.professionals import (
            hooks,  # noqa: F401  (registers a question-page part)
            privacy,
        )

        privacy.connect()
