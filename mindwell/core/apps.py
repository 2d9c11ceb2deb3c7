from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mindwell.core"
    label = "core"
