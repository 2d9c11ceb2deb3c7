from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "mindwell.taxonomy"
    label = "taxonomy"

    def ready(self) -> None:
        from mindwell.taxonomy import runtime_settings

        runtime_settings.register_settings()
