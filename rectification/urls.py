"""URLs of the rectification app: the problem list, the report upward, closing."""

from django.urls import path

from rectification import views

app_name = "rectification"

urlpatterns = [
    path("meetings/<int:meeting_pk>/problems/", views.ProblemListView.as_view(), name="problems"),
    path(
        "meetings/<int:meeting_pk>/problems/from-criticism/",
        views.ProblemFromCriticismView.as_view(),
        name="problem-from-criticism",
    ),
    path(
        "meetings/<int:meeting_pk>/problems/from-opinion/",
        views.ProblemFromOpinionView.as_view(),
        name="problem-from-opinion",
    ),
    path(
        "meetings/<int:meeting_pk>/problems/from-supervisor/",
        views.ProblemFromSupervisorView.as_view(),
        name="problem-from-supervisor",
    ),
    path("meetings/<int:meeting_pk>/problems/merge/", views.MergeView.as_view(), name="merge"),
    path(
        "meetings/<int:meeting_pk>/problems/publish/",
        views.PublishView.as_view(),
        name="publish",
    ),
    path("meetings/<int:meeting_pk>/report/", views.ReportView.as_view(), name="report"),
    path(
        "meetings/<int:meeting_pk>/report.docx",
        views.ReportDocxView.as_view(),
        name="report-docx",
    ),
    path(
        "meetings/<int:meeting_pk>/report/send/",
        views.ReportSendView.as_view(),
        name="report-send",
    ),
    path("meetings/<int:meeting_pk>/close/", views.CloseView.as_view(), name="close"),
    path("problems/<int:pk>/edit/", views.ProblemEditView.as_view(), name="problem-edit"),
]
