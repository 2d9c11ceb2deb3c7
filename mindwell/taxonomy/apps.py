from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "mindwell.taxonomy"
    label = "taxonomy"
