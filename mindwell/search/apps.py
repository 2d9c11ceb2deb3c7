from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "mindwell.search"
    label = "search"

    def ready(self) -> None:
        from mindwell.search import hooks  # noqa: F401  (registers a question-page part)
