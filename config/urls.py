from django.contrib import admin
from django.contrib.auth import urls as auth_urls
from django.contrib.auth.views import LoginView
from django.urls import include, path

import meetings.urls
import rectification.urls
from members import accounts
from members.forms import LoginForm
from members.views import HomeView

# Django's account views; changing or resetting a password goes through ours (audited, and
# clearing the "set your own password" flag).
_OURS = {"login", "password_change", "password_reset_confirm"}

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # Django's account views, the login with a form that checks the username's length.
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path(
        "accounts/password_change/",
        accounts.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include([p for p in auth_urls.urlpatterns if p.name not in _OURS])),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    # The meeting's pages; those whose actions reach the problem list or read the ledger
    # (hold, sort an opinion, the meeting day) are rectification's, in the same namespace.
    path(
        "meetings/",
        include(
            (
                [*meetings.urls.urlpatterns, *rectification.urls.meeting_urlpatterns],
                meetings.urls.app_name,
            )
        ),
    ),
    path("inbox/", include("notifications.urls")),
    path("rectification/", include("rectification.urls")),
    path("supervision/", include("supervision.urls")),
    path("records/", include("records.urls")),
    path("admin/", admin.site.urls),
]
