from rectification.models.ledger import (
    Interview,
    ItemEvent,
    LedgerPublicity,
    ProgressUpdate,
    RectificationItem,
    evidence_path,
)
from rectification.models.lookback import LookBack, LookBackEntry
from rectification.models.problem import Problem

__all__ = [
    "Interview",
    "ItemEvent",
    "LedgerPublicity",
    "LookBack",
    "LookBackEntry",
    "Problem",
    "ProgressUpdate",
    "RectificationItem",
    "evidence_path",
]
