from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "mindwell.importers"
    label = "importers"
    verbose_name = "Importers (moving from another Q&A site)"
