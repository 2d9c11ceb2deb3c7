from django.apps import AppConfig


class PostingConfig(AppConfig):
    name = "mindwell.posting"
    label = "posting"

    def ready(self) -> None:
        from mindwell.posting import privacy

        privacy.connect()
