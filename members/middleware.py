"""An account whose password someone else set (a secretary, a roster import, a one-time
reset) changes it before doing anything else.

The login puts a flag in the session (members/signin.py) when the member's
``must_change_password`` is set; while it is there, every page but the password change
itself, logging out and switching the language redirects to 修改密码. Setting one's own
password clears the flag (members/accounts.py). Reads the session only: no query."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from config.middleware import OUTAGE_ERRORS
from members.signin import MUST_CHANGE_KEY

ALLOWED_VIEWS = frozenset({"password_change", "logout", "set_language"})


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None  # no session: nothing to read (and no query for a visitor)
        try:
            if not request.session.get(MUST_CHANGE_KEY):
                return None
        except OUTAGE_ERRORS:
            return None  # the database is down: the view answers 503 (config/middleware.py)
        match = request.resolver_match
        if match is None or match.view_name in ALLOWED_VIEWS:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        messages.warning(request, _("您的密码由他人设置,请先设置只有您自己知道的新密码。"))
        return redirect("password_change")
