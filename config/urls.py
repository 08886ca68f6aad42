from django.contrib import admin
from django.urls import include, path

from members.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("meetings/", include("meetings.urls")),
    path("inbox/", include("notifications.urls")),
    path("rectification/", include("rectification.urls")),
    path("supervision/", include("supervision.urls")),
    path("admin/", admin.site.urls),
]
