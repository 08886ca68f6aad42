from django.contrib import admin
from django.contrib.auth import urls as auth_urls
from django.contrib.auth.views import LoginView
from django.urls import include, path

from members.forms import LoginForm
from members.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # Django's account views, the login with a form that checks the username's length.
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/", include([p for p in auth_urls.urlpatterns if p.name != "login"])),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("meetings/", include("meetings.urls")),
    path("inbox/", include("notifications.urls")),
    path("rectification/", include("rectification.urls")),
    path("supervision/", include("supervision.urls")),
    path("records/", include("records.urls")),
    path("admin/", admin.site.urls),
]
