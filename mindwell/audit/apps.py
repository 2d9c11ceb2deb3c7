from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mindwell.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from mindwell.audit import privacy

        privacy.connect()
