from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "mindwell.safety"
    label = "safety"
