from django.apps import AppConfig


class ProfessionalsConfig(AppConfig):
    name = "mindwell.professionals"
    label = "professionals"
    verbose_name = "Verified professionals"

    def ready(self) -> None:
        from mindwell.professionals import (
            hooks,  # noqa: F401  (registers a question-page part)
            privacy,
        )

        privacy.connect()

        from django.db.models.signals import post_delete, post_save

        from mindwell.professionals.models import ProfessionalProfile
        from mindwell.professionals.selectors import forget_verified

        for signal in (post_save, post_delete):
            signal.connect(
                forget_verified, sender=ProfessionalProfile, dispatch_uid="forget-verified"
            )
