"""Reads on a PostgreSQL streaming replica, with read-your-writes.

With ``DATABASE_REPLICA_URL`` set, config/settings.py adds the database alias ``replica``
and installs ``ReplicaRouter``. Without it there is no such alias, no router, and
``ReplicaMiddleware`` removes itself (``MiddlewareNotUsed``): nothing changes.

Which requests read the replica — one list, ``ORGLIFE_REPLICA_VIEWS`` in config/settings.py
(view names as ``reverse()`` spells them; ``"supervision:*"`` is every view of that
namespace): the supervisor's pages and the exports, whose readers can live with data a few
seconds old. ``ReplicaMiddleware`` turns the replica on for a GET or HEAD of one of them,
only around the view (the session and the user are read from the primary first: they decide
who the request is), and off again before the response leaves.

Everything else reads the primary, and so does, always:

- every write (``db_for_write``), and every read inside a transaction on the primary (a
  service's ``atomic`` block reads what it is about to change from where it changes it);
- a row related to an object already loaded from the primary (the instance's database);
- a browser that has just written: any successful POST (PUT, PATCH, DELETE) sets a signed
  cookie, ``orglife_primary``, whose signature expires after ``REPLICA_PIN_SECONDS``; while
  it is valid that browser reads the primary everywhere, so whoever saved something sees it
  on the next page even when the replica lags behind. Keep the window above the replica's
  usual lag (``pg_stat_replication.replay_lag``). No cookie is set on the anonymous paths
  (``ORGLIFE_ANONYMOUS_VIEWS``): nothing there may date a request.

Celery workers and beat never pass through the middleware: they read and write the primary.
Raw SQL in a replica-readable selector takes its connection from the router
(``connections[router.db_for_read(Model)]``), not ``django.db.connection``.
"""

from __future__ import annotations

import contextvars

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PIN_COOKIE = "orglife_primary"
PIN_SALT = "orglife.replica.pin"
SAFE_METHODS = frozenset({"GET", "HEAD"})

_on_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("orglife_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_readable(match) -> bool:
    """Whether the resolved view is in ``ORGLIFE_REPLICA_VIEWS`` (by name or namespace)."""
    if match is None:
        return False
    views = settings.ORGLIFE_REPLICA_VIEWS
    return match.view_name in views or f"{match.namespace}:*" in views


class ReplicaRouter:
    """Reads go to the replica only while ``ReplicaMiddleware`` says so; writes and
    migrations only ever to the primary."""

    def db_for_read(self, model, **hints):
        if not _on_replica.get():
            return None  # Django's default: the instance's database, else the primary
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def pinned(request) -> bool:
    """Whether this browser wrote within the last ``REPLICA_PIN_SECONDS``."""
    value = request.get_signed_cookie(
        PIN_COOKIE, default=None, salt=PIN_SALT, max_age=settings.REPLICA_PIN_SECONDS
    )
    return value is not None


class ReplicaMiddleware:
    """Routes the reads of ``ORGLIFE_REPLICA_VIEWS`` to the replica, except for a browser
    pinned to the primary after a write; pins it after every successful write."""

    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            _on_replica.set(False)
        if request.method not in SAFE_METHODS and response.status_code < 400:
            match = getattr(request, "resolver_match", None)
            if match is None or match.view_name not in settings.ORGLIFE_ANONYMOUS_VIEWS:
                response.set_signed_cookie(
                    PIN_COOKIE,
                    "1",
                    salt=PIN_SALT,
                    max_age=settings.REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in SAFE_METHODS or not replica_readable(request.resolver_match):
            return None
        if pinned(request):
            return None
        user = getattr(request, "user", None)
        if user is not None:
            # Who the request is comes from the primary (a session just written is there):
            # load the lazy user, and with it the session, before the replica is turned on.
            _ = user.is_authenticated
        _on_replica.set(True)
        return None
