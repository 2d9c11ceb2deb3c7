"""Safety models, one module per noun."""

from mindwell.safety.models.crisis import CrisisLine as CrisisLine
from mindwell.safety.models.reader import ReaderPreference
from mindwell.safety.models.risk import RiskRecord

__all__ = ["ReaderPreference", "RiskRecord"]
