from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mindwell.demo"
    label = "demo"
    verbose_name = "Demo community"
