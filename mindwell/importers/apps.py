from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "mindwell.importers"
    label = "importers"
    verbose_name = "Importers (moving from another Q&A site)"

    def ready(self) -> None:
        from mindwell.importers import privacy

        privacy.connect()
