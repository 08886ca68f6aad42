from meetings.models.day import Criticism, Minutes
from meetings.models.drafts import (
    Draft,
    DraftComment,
    DraftMeasure,
    DraftProblem,
    DraftVersion,
)
from meetings.models.evaluation import (
    Ballot,
    BallotMark,
    Evaluation,
    EvaluationResult,
    SelfAssessment,
    VoteReceipt,
)
from meetings.models.meeting import AgendaItem, Attendee, Meeting, PlanReview, Reading
from meetings.models.opinions import AnonymousOpinion, Opinion, OpinionWindow
from meetings.models.study import StudySession
from meetings.models.talks import Talk

__all__ = [
    "Ballot",
    "BallotMark",
    "Criticism",
    "Evaluation",
    "EvaluationResult",
    "Minutes",
    "SelfAssessment",
    "VoteReceipt",
    "Draft",
    "DraftComment",
    "DraftMeasure",
    "DraftProblem",
    "DraftVersion",
    "AgendaItem",
    "AnonymousOpinion",
    "Attendee",
    "Meeting",
    "Opinion",
    "OpinionWindow",
    "PlanReview",
    "Reading",
    "StudySession",
    "Talk",
]
