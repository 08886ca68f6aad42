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

import logging

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
