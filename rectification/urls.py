"""URLs of the rectification app (``/rectification/``, names ``rectification:…``), one
section per area: the problem list and the report upward, the ledger (整改台账), the
look-backs (回头看), the receipt check.

``meeting_urlpatterns`` are the meeting's pages whose actions reach into rectification
(holding it, sorting opinions, the meeting day): ``config/urls.py`` routes them under
``/meetings/`` in the ``meetings`` namespace, beside ``meetings.urls``, so their paths and
names are the meeting's own.
"""

from django.urls import path

from meetings.models import AnonymousOpinion, Opinion
from rectification.views import ledger as ledger_views
from rectification.views import lifecycle as lifecycle_views
from rectification.views import lookbacks as lookback_views
from rectification.views import problems as problem_views
from rectification.views import receipts as receipt_views

app_name = "rectification"

urlpatterns = [
    # --- the problem list, the report upward, closing
    path(
        "meetings/<int:meeting_pk>/problems/",
        problem_views.ProblemListView.as_view(),
        name="problems",
    ),
    path(
        "meetings/<int:meeting_pk>/problems/from-criticism/",
        problem_views.ProblemFromCriticismView.as_view(),
        name="problem-from-criticism",
    ),
    path(
        "meetings/<int:meeting_pk>/problems/from-opinion/",
        problem_views.ProblemFromOpinionView.as_view(),
        name="problem-from-opinion",
    ),
    path(
        "meetings/<int:meeting_pk>/problems/from-supervisor/",
        problem_views.ProblemFromSupervisorView.as_view(),
        name="problem-from-supervisor",
    ),
    path(
        "meetings/<int:meeting_pk>/problems/merge/", problem_views.MergeView.as_view(), name="merge"
    ),
    path(
        "meetings/<int:meeting_pk>/problems/publish/",
        problem_views.PublishView.as_view(),
        name="publish",
    ),
    path("meetings/<int:meeting_pk>/report/", problem_views.ReportView.as_view(), name="report"),
    path(
        "meetings/<int:meeting_pk>/report.docx",
        problem_views.ReportDocxView.as_view(),
        name="report-docx",
    ),
    path(
        "meetings/<int:meeting_pk>/report/send/",
        problem_views.ReportSendView.as_view(),
        name="report-send",
    ),
    path("meetings/<int:meeting_pk>/close/", problem_views.CloseView.as_view(), name="close"),
    path(
        "meetings/<int:meeting_pk>/complete/", problem_views.CompleteView.as_view(), name="complete"
    ),
    path("problems/<int:pk>/edit/", problem_views.ProblemEditView.as_view(), name="problem-edit"),
    # --- the ledger (整改台账)
    path("branches/<int:branch_pk>/ledger/", ledger_views.LedgerView.as_view(), name="ledger"),
    path(
        "branches/<int:branch_pk>/ledger.xlsx",
        ledger_views.LedgerExportView.as_view(),
        name="ledger-export",
    ),
    path(
        "branches/<int:branch_pk>/ledger/print/",
        ledger_views.LedgerPrintView.as_view(),
        name="ledger-print",
    ),
    path(
        "branches/<int:branch_pk>/ledger/publicity/",
        ledger_views.LedgerPublicityView.as_view(),
        name="ledger-publicity",
    ),
    path(
        "branches/<int:branch_pk>/interviews/new/",
        ledger_views.InterviewView.as_view(),
        name="interview",
    ),
    path(
        "problems/<int:problem_pk>/items/new/",
        ledger_views.ItemCreateView.as_view(),
        name="item-create",
    ),
    path("items/<int:pk>/", ledger_views.ItemDetailView.as_view(), name="item"),
    path("items/<int:pk>/edit/", ledger_views.ItemEditView.as_view(), name="item-edit"),
    path("items/<int:pk>/progress/", ledger_views.ItemProgressView.as_view(), name="item-progress"),
    path("items/<int:pk>/done/", ledger_views.ItemDoneView.as_view(), name="item-done"),
    path("items/<int:pk>/sign-off/", ledger_views.ItemSignOffView.as_view(), name="item-signoff"),
    path(
        "items/<int:pk>/send-back/", ledger_views.ItemSendBackView.as_view(), name="item-sendback"
    ),
    path("progress/<int:pk>/evidence/", ledger_views.EvidenceView.as_view(), name="evidence"),
    # A token is secrets.token_urlsafe: anything else (a NUL, a space) is a 404 by routing.
    path("public/ledger/<slug:token>/", ledger_views.public_ledger, name="public-ledger"),
    # --- look-backs (回头看)
    path(
        "meetings/<int:meeting_pk>/lookbacks/",
        lookback_views.MeetingLookBacksView.as_view(),
        name="lookbacks",
    ),
    path("lookbacks/<int:pk>/", lookback_views.LookBackView.as_view(), name="lookback"),
    path("supervision/late/", lookback_views.SupervisionView.as_view(), name="supervision"),
    # --- the receipt check
    path("receipt/", receipt_views.receipt, name="receipt"),
]

meeting_urlpatterns = [
    path("<int:pk>/hold/", lifecycle_views.HoldView.as_view(), name="hold"),
    path(
        "opinions/signed/<int:pk>/sort/",
        lifecycle_views.OpinionSortView.as_view(model=Opinion),
        name="opinion-sort",
    ),
    path(
        "opinions/anonymous/<uuid:pk>/sort/",
        lifecycle_views.OpinionSortView.as_view(model=AnonymousOpinion),
        name="anonymous-opinion-sort",
    ),
    path("<int:meeting_pk>/day/", lifecycle_views.DayView.as_view(), name="day"),
    path(
        "<int:meeting_pk>/day/criticism/<int:member_pk>/",
        lifecycle_views.CriticismView.as_view(),
        name="criticism",
    ),
    path(
        "<int:meeting_pk>/day/criticism/<int:member_pk>/<int:pk>/delete/",
        lifecycle_views.CriticismDeleteView.as_view(),
        name="criticism-delete",
    ),
    path("<int:meeting_pk>/day/minutes/", lifecycle_views.MinutesView.as_view(), name="minutes"),
]
