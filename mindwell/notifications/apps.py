from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mindwell.notifications"
    label = "notifications"
