from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "mindwell.safety"
    label = "safety"

    def ready(self) -> None:
        from mindwell.safety import (
            hooks,  # noqa: F401  (registers a question-page part)
            privacy,
        )

        privacy.connect()

        from django.db.models.signals import post_delete, post_save

        from mindwell.safety.models import ReaderPreference
        from mindwell.safety.reader import forget_muted

        for signal in (post_save, post_delete):
            signal.connect(forget_muted, sender=ReaderPreference, dispatch_uid="forget-muted")
