from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mindwell.accounts"
    label = "accounts"

    def ready(self) -> None:
        from mindwell.accounts import runtime_settings

        runtime_settings.register_settings()
