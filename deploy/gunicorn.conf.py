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

wsgi_app = "config.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that takes longer than this is a bug (exports and reports are the slow ones);
# the worker is killed and replaced. nginx waits a little longer (proxy_read_timeout 75s).
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never becomes an outage.
max_requests = 1000
max_requests_jitter = 100

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
