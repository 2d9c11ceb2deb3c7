from django.apps import AppConfig


class ReputationConfig(AppConfig):
    name = "mindwell.reputation"
    label = "reputation"

    def ready(self) -> None:
        from mindwell.reputation import privacy, runtime_settings

        privacy.connect()
        runtime_settings.register_settings()
