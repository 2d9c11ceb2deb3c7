"""Safety models, one module per noun."""

from mindwell.safety.models.crisis import CrisisLine as CrisisLine
from mindwell.safety.models.outreach import CrisisTemplate, OutreachMessage
from mindwell.safety.models.reader import ReaderPreference
from mindwell.safety.models.risk import RiskRecord
from mindwell.safety.models.webhook import AlertWebhook, WebhookDelivery

__all__ = [
    "AlertWebhook",
    "CrisisTemplate",
    "OutreachMessage",
    "ReaderPreference",
    "RiskRecord",
    "WebhookDelivery",
]
