"""gunicorn settings for orglife behind nginx (see deploy/README.md).

Started by deploy/systemd/orglife-web.service as
``gunicorn -c deploy/gunicorn.conf.py``; a few values come from the environment so that the
same file serves one small host and several larger ones:

- ``GUNICORN_BIND``      where nginx reaches it (default ``127.0.0.1:8000``)
- ``GUNICORN_WORKERS``   worker processes (default ``2 × cores + 1``)
- ``GUNICORN_THREADS``   threads per worker (default 1: plain sync workers)
- ``GUNICORN_FORWARDED_ALLOW_IPS``  who may set X-Forwarded-* (default: this host's nginx)
- ``GUNICORN_CONTROL_SOCKET``  path for ``gunicornc`` (gunicorn ≥ 25.1); unset → none
- ``LOG_LEVEL``          shared with Django (default ``INFO``)
"""

import multiprocessing
import os
import re

from gunicorn.glogging import Logger

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that takes longer than this is a bug (exports and reports are the slow ones);
# the worker is killed and replaced. nginx waits a little longer (proxy_read_timeout 75s).
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never becomes an outage — rarely: a new
# worker imports Django (1–2 s on a busy machine) while requests queue behind it, which at
# 1,000 showed as p95 spikes under load (bench/load.py). Not preload_app: the HUP reload in
# orglife-web.service must load new code.
max_requests = 10000
max_requests_jitter = 1000

# Only nginx on this host may set X-Forwarded-*; Django reads X-Forwarded-Proto
# (BEHIND_TLS_PROXY=true) and the client address from X-Real-IP (RATELIMIT_IP_META_KEY).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Heartbeat files on tmpfs, never on a disk that can stall (gunicorn's own advice); nothing
# else goes there (bandit B108 reviewed).
_TMPFS = "/dev/shm"  # nosec B108
if os.path.isdir(_TMPFS):
    worker_tmp_dir = _TMPFS

# The control socket (gunicorn ≥ 25.1; older versions ignore these names).
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True

# Logs go to stdout/stderr, so journald (or the container runtime) collects them.
# The first field is the real client address set by nginx, not nginx's own.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
access_log_format = '%({x-real-ip}i)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
proc_name = "orglife-web"

# The anonymous paths leave no access-log line at all (README, "Anonymity and secret
# ballots"): the meeting's opinion page (signed and anonymous opinions are posted to it, and
# the browser is sent back to it), the public opinion link and the ballot. Their lines would
# carry the address — which django-axes ties to the user name at login — and the time of a
# request whose opinion keeps only its date. Blanking the address is not enough: journald
# stamps every line, and a line's place among the same person's requests dates it. nginx
# skips the same paths (deploy/nginx/orglife.conf); tests/security/
# test_anonymity_production_logs.py checks both against the app's URLs.
UNLOGGED_PATHS = re.compile(
    r"^/meetings/(?:\d+/opinions/|o/[^/]+/|\d+/evaluation/ballot/)$"
    r"|^/rectification/receipt/$"  # the receipt lookup (回执查询)
)


class AccessLogger(Logger):
    """gunicorn's logger without the access-log line of an anonymous path."""

    def access(self, resp, req, environ, request_time):
        if UNLOGGED_PATHS.match(environ.get("PATH_INFO") or ""):
            return
        super().access(resp, req, environ, request_time)


logger_class = AccessLogger
