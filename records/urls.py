from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("me/", views.MyRecordView.as_view(), name="mine"),
    path("members/<int:pk>/", views.RecordView.as_view(), name="member"),
    path("members/<int:pk>/export/", views.RecordDocxView.as_view(), name="member-docx"),
    path("query/", views.QueryView.as_view(), name="query"),
    path("query/export/", views.QueryExportView.as_view(), name="query-export"),
]
