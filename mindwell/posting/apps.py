from django.apps import AppConfig


class PostingConfig(AppConfig):
    name = "mindwell.posting"
    label = "posting"

    def ready(self) -> None:
        from mindwell.posting import (
            hooks,  # noqa: F401  (registers a question-page part)
            privacy,
        )

        privacy.connect()
