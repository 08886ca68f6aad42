"""URLs of the meetings app (``/meetings/``, names ``meetings:…``), one section per area.

The meeting's pages whose actions reach into rectification (hold, sort an opinion, the
meeting day, criticism, minutes) are in ``rectification.urls.meeting_urlpatterns``;
``config/urls.py`` includes both lists under ``/meetings/`` in this namespace.
"""

from django.urls import path

from meetings.views import day as day_views
from meetings.views import drafts as draft_views
from meetings.views import evaluation as evaluation_views
from meetings.views import meeting as meeting_views
from meetings.views import opinions as opinion_views
from meetings.views import talks as talk_views

app_name = "meetings"

urlpatterns = [
    # --- the plan, the notice, study
    path("", meeting_views.MeetingListView.as_view(), name="list"),
    path("new/", meeting_views.MeetingCreateView.as_view(), name="create"),
    path("<int:pk>/", meeting_views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", meeting_views.MeetingUpdateView.as_view(), name="edit"),
    path("<int:pk>/schedule/", meeting_views.ScheduleView.as_view(), name="schedule"),
    path("<int:pk>/plan/submit/", meeting_views.PlanSubmitView.as_view(), name="plan-submit"),
    path("<int:pk>/plan/decide/", meeting_views.PlanDecisionView.as_view(), name="plan-decide"),
    path("<int:pk>/cancel/", meeting_views.CancelView.as_view(), name="cancel"),
    path("<int:pk>/meeting.ics", meeting_views.CalendarView.as_view(), name="ics"),
    path("<int:pk>/notice/", meeting_views.NoticeView.as_view(), name="notice"),
    path("<int:meeting_pk>/study/", meeting_views.StudyView.as_view(), name="study"),
    path("study/<int:pk>/delete/", meeting_views.StudyDeleteView.as_view(), name="study-delete"),
    # --- opinions (征求意见)
    path("<int:meeting_pk>/opinions/", opinion_views.OpinionsView.as_view(), name="opinions"),
    path(
        "<int:meeting_pk>/opinions/open/",
        opinion_views.WindowOpenView.as_view(),
        name="opinion-window-open",
    ),
    path("opinions/<int:pk>/", opinion_views.WindowDetailView.as_view(), name="opinion-window"),
    path(
        "opinions/<int:pk>/close/",
        opinion_views.WindowCloseView.as_view(),
        name="opinion-window-close",
    ),
    path(
        "opinions/<int:pk>/cancel/",
        opinion_views.WindowCancelView.as_view(),
        name="opinion-window-cancel",
    ),
    # A token is secrets.token_urlsafe: anything else (a NUL, a space) is a 404 by routing.
    path("o/<slug:token>/", opinion_views.public_opinion, name="public-opinion"),
    # --- talks (谈心谈话)
    path("<int:meeting_pk>/talks/", talk_views.TalksView.as_view(), name="talks"),
    path("<int:meeting_pk>/talks/record/", talk_views.TalkRecordView.as_view(), name="talk-record"),
    path("<int:meeting_pk>/talks/plan/", talk_views.TalkPlanView.as_view(), name="talk-plan"),
    # --- evaluation (民主评议)
    path(
        "<int:meeting_pk>/evaluation/", evaluation_views.EvaluationView.as_view(), name="evaluation"
    ),
    path(
        "<int:meeting_pk>/evaluation/open/",
        evaluation_views.EvaluationOpenView.as_view(),
        name="evaluation-open",
    ),
    path(
        "<int:meeting_pk>/evaluation/self/",
        evaluation_views.SelfAssessmentView.as_view(),
        name="evaluation-self",
    ),
    path(
        "<int:meeting_pk>/evaluation/start/",
        evaluation_views.VotingStartView.as_view(),
        name="evaluation-start",
    ),
    path(
        "<int:meeting_pk>/evaluation/ballot/",
        evaluation_views.BallotCastView.as_view(),
        name="ballot-cast",
    ),
    path(
        "<int:meeting_pk>/evaluation/close/",
        evaluation_views.VotingCloseView.as_view(),
        name="evaluation-close",
    ),
    path(
        "<int:meeting_pk>/evaluation/reopen/",
        evaluation_views.VotingReopenView.as_view(),
        name="evaluation-reopen",
    ),
    path(
        "<int:meeting_pk>/evaluation/closer/",
        evaluation_views.CloserView.as_view(),
        name="evaluation-closer",
    ),
    path(
        "<int:meeting_pk>/evaluation/propose/",
        evaluation_views.ProposalView.as_view(),
        name="evaluation-propose",
    ),
    path(
        "<int:meeting_pk>/evaluation/finalize/",
        evaluation_views.FinalizeView.as_view(),
        name="evaluation-finalize",
    ),
    # --- the meeting day (会中): attendance
    path("<int:meeting_pk>/day/attendance/", day_views.AttendanceView.as_view(), name="attendance"),
    # --- drafts (发言提纲)
    path("<int:meeting_pk>/drafts/", draft_views.DraftListView.as_view(), name="drafts"),
    path(
        "<int:meeting_pk>/drafts/start/", draft_views.DraftStartView.as_view(), name="draft-start"
    ),
    path("drafts/<int:pk>/", draft_views.DraftDetailView.as_view(), name="draft"),
    path("drafts/<int:pk>/edit/", draft_views.DraftEditView.as_view(), name="draft-edit"),
    path("drafts/<int:pk>/check/", draft_views.DraftCheckView.as_view(), name="draft-check"),
    path("drafts/<int:pk>/submit/", draft_views.DraftSubmitView.as_view(), name="draft-submit"),
    path("drafts/<int:pk>/review/", draft_views.DraftReviewView.as_view(), name="draft-review"),
    path("drafts/<int:pk>/export.docx", draft_views.DraftDocxView.as_view(), name="draft-docx"),
    path("drafts/<int:pk>/print/", draft_views.DraftPrintView.as_view(), name="draft-print"),
]
