"""A database or Redis outage answers 503 with a short page, not a 500 and a traceback.

While PostgreSQL (or the cache's Redis) restarts, a request that needs it fails at once with a
connection error. ``ServiceUnavailableMiddleware`` turns exactly those errors — the
database's ``OperationalError`` / ``InterfaceError`` and redis-py's ``ConnectionError`` /
``TimeoutError``, not bugs such as ``ProgrammingError`` — into 503 Service Unavailable with
``Retry-After`` and ``templates/503.html``. The page is rendered without the request's context
processors (they read the inbox from the database), so it needs neither service.

Recovery needs no restart: Django closes a connection that raised at the end of the request,
and ``CONN_HEALTH_CHECKS`` (config/settings.py) replaces a dead persistent connection before
the next request uses it.
"""

from __future__ import annotations

import contextlib
import logging
import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 10


class ServiceUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OUTAGE_ERRORS):
            return None  # a bug stays a 500, with its traceback in the log
        # One line per request, no traceback: an outage would otherwise flood the log.
        logger.warning(
            "service unavailable (%s): %s",
            type(exception).__name__,
            " ".join(str(exception).split()),
        )
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


SEEN_KEY = "_orglife_seen"


def session_stamp(session) -> None:
    """Mark the session active now (the login calls this, so the first request after it
    need not write the session)."""
    session[SEEN_KEY] = int(time.time())


class SessionIdleMiddleware:
    """A signed-in session ends after ``ORGLIFE_SESSION_IDLE_MINUTES`` without a request.

    The session's expiry is ``SESSION_COOKIE_AGE`` (the idle period) after it was last saved;
    a request moves it forward by saving the session again — at most once per 1/30 of the
    period (every minute for 30 minutes), so a busy user does not write the session on every
    request. An idle session is then expired by the session store itself: the next request
    finds it empty and is sent to the login page. Nothing is written on the anonymous paths
    (``ORGLIFE_ANONYMOUS_VIEWS``): a session saved there would date the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The database down: the response already says so (503); nothing to refresh.
        with contextlib.suppress(*OUTAGE_ERRORS):
            self._refresh(request)
        return response

    def _refresh(self, request) -> None:
        session = getattr(request, "session", None)
        if session is None or not session.accessed or SESSION_KEY not in session:
            return
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in settings.ORGLIFE_ANONYMOUS_VIEWS:
            return
        seen = session.get(SEEN_KEY)
        step = max(1, settings.SESSION_COOKIE_AGE // 30)
        now = int(time.time())
        if not isinstance(seen, int) or abs(now - seen) >= step:
            session[SEEN_KEY] = now
