from django.contrib.auth.decorators import login_required
from django.urls import path

from members import accounts, views

app_name = "members"

urlpatterns = [
    path("", views.my_roster, name="mine"),
    path("branches/", views.BranchListView.as_view(), name="branches"),
    path("branches/<int:branch_pk>/", views.RosterView.as_view(), name="roster"),
    path("branches/<int:branch_pk>/add/", views.MemberCreateView.as_view(), name="create"),
    path(
        "branches/<int:branch_pk>/import/",
        views.RosterImportView.as_view(),
        name="roster-import",
    ),
    path(
        "branches/<int:branch_pk>/export/",
        views.RosterExportView.as_view(),
        name="roster-export",
    ),
    path("import-template.xlsx", login_required(views.roster_template), name="roster-template"),
    path("<int:pk>/", views.MemberDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.MemberUpdateView.as_view(), name="edit"),
    path(
        "<int:pk>/deactivate/",
        views.MemberActivationView.as_view(activate=False),
        name="deactivate",
    ),
    path(
        "<int:pk>/reactivate/",
        views.MemberActivationView.as_view(activate=True),
        name="reactivate",
    ),
    path(
        "<int:pk>/reset-password/",
        accounts.MemberPasswordResetView.as_view(),
        name="password-reset",
    ),
    path("account/", accounts.AccountView.as_view(), name="account"),
]
