from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "mindwell.moderation"
    label = "moderation"

    def ready(self) -> None:
        from mindwell.core.runtime import register_note
        from mindwell.moderation import privacy

        privacy.connect()
        register_note(
            "spam",
            "Pre-moderation, the new-member sandbox, flag thresholds and the visitor "
            "challenge are set in Moderation › Moderation settings.",
        )
