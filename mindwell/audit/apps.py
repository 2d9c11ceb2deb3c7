from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mindwell.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from mindwell.audit import privacy, services
        from mindwell.core.runtime import settings_changed

        privacy.connect()
        settings_changed.connect(services.record_setting_changes, dispatch_uid="audit-settings")
