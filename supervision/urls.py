"""URLs of the supervisor's overview (上级督导) and the audit log's pages."""

from django.urls import path

from supervision import auditlog, views

app_name = "supervision"

urlpatterns = [
    # --- the overview
    path("", views.HomeView.as_view(), name="home"),
    path("org/<int:org_pk>/", views.OrgView.as_view(), name="org"),
    path("overdue/", views.OverdueView.as_view(), name="overdue"),
    path("recurring/", views.RecurringView.as_view(), name="recurring"),
    path("signoff/", views.SignOffView.as_view(), name="signoff"),
    path("drafts/", views.DraftsView.as_view(), name="drafts"),
    path("export.xlsx", views.ExportView.as_view(), name="export"),
    path("ping/", views.ping, name="ping"),
    path("empty/", views.empty, name="empty"),
    # --- the audit log
    path("audit/", auditlog.AuditLogView.as_view(), name="audit-log"),
    path("audit/export.xlsx", auditlog.AuditExportView.as_view(), name="audit-export"),
]
