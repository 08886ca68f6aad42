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
from rectification.models.rollup import Rollup, RollupClock, RollupMonth

__all__ = [
    "Interview",
    "ItemEvent",
    "LedgerPublicity",
    "LookBack",
    "LookBackEntry",
    "Problem",
    "ProgressUpdate",
    "RectificationItem",
    "Rollup",
    "RollupClock",
    "RollupMonth",
    "evidence_path",
]
