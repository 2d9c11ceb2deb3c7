from typing import Any

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mindwell.notifications"
    label = "notifications"

    def ready(self) -> None:
        from mindwell.core.workers import sweep_requested
        from mindwell.notifications import hooks  # noqa: F401  (registers a question-page part)

        sweep_requested.connect(_sweep_outbox, dispatch_uid="notifications.sweep_outbox")
        from mindwell.notifications import privacy, runtime_settings

        privacy.connect()
        runtime_settings.register_settings()


def _sweep_outbox(sender: Any, **kwargs: Any) -> int:
    from mindwell.notifications.services import sweep_outbox

    return sweep_outbox()
