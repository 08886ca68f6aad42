"""Settings for orglife, driven by environment variables (django-environ).

Every default is a sane local one, so ``make run`` needs nothing but Python:
SQLite in ``var/``, tasks run eagerly, e-mail to the console. Production differs
only by environment (see ``deploy/`` and the README's configuration table).
"""

from datetime import timedelta
from pathlib import Path

import bootstrap
import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Only a development server (DEBUG=true) may run on the local key; anything else must be
# given one, or it refuses to start rather than sign sessions and links with a public key.
INSECURE_LOCAL_SECRET_KEY = "django-insecure-orglife-local-only-never-use-in-production-0000"
SECRET_KEY = env("SECRET_KEY", default="").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set and DEBUG is off: orglife refuses to start with a "
            "public key (it signs sessions, password resets and import previews). Set "
            "SECRET_KEY to 50+ random characters, e.g. "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(64))' "
            "(deploy/orglife.env.example), or DEBUG=true for local development only."
        )
    SECRET_KEY = INSECURE_LOCAL_SECRET_KEY
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "treebeard",
    "axes",
    "csp",
    "audit",
    "members",
    "meetings",
    "rectification",
    "notifications",
    "supervision",
    "records",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database or Redis outage answers 503 with a short page (config/middleware.py).
    "config.middleware.ServiceUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # With DATABASE_REPLICA_URL: ORGLIFE_REPLICA_VIEWS read the replica, a browser that has
    # just written reads the primary (config/replica.py). Without it, it removes itself.
    "config.replica.ReplicaMiddleware",
    # A session ends after ORGLIFE_SESSION_IDLE_MINUTES without a request (config/middleware.py).
    "config.middleware.SessionIdleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An account given its password by someone else changes it before anything else.
    "members.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # django-axes: last, so it turns a lockout raised anywhere into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "members.context_processors.roles",
                "notifications.context_processors.inbox",
            ],
        },
    },
]

# --- database -----------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'orglife.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server, the worker and beat share one file in `make run`: wait, don't fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A persistent connection that died with a database restart is replaced before it is used.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL's parallel query and JIT, for this app's connections. Both pay a fixed price
# per query — a Gather starts worker processes (about 20 ms on two cores), JIT compiles the
# plan (about 10 ms) once its estimated cost passes jit_above_cost — to save a few on pages
# that read 50 rows, while many requests at once compete for the same cores. Off by default
# (PG_PARALLEL_WORKERS=0, PG_JIT=false); empty sends nothing (behind a PgBouncer that
# refuses startup options, set them on the role instead: ALTER ROLE orglife SET
# max_parallel_workers_per_gather = 0; ALTER ROLE orglife SET jit = off).
PG_PARALLEL_WORKERS = env("PG_PARALLEL_WORKERS", default="0").strip()
PG_JIT = env("PG_JIT", default="false").strip().lower()


def _postgres_options(db: dict) -> dict:
    if "postgresql" not in db["ENGINE"]:
        return db
    extra = []
    if PG_PARALLEL_WORKERS:
        extra.append(f"-c max_parallel_workers_per_gather={int(PG_PARALLEL_WORKERS)}")
    if PG_JIT:
        extra.append(f"-c jit={'on' if PG_JIT in ('1', 'true', 'on', 'yes') else 'off'}")
    if extra:
        opts = db.setdefault("OPTIONS", {})
        opts["options"] = " ".join([opts.get("options", ""), *extra]).strip()
    return db


_postgres_options(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A PostgreSQL streaming replica for the supervisor's pages and the exports (config/replica.py).
# Unset: one database, no router — nothing changes. The tests never create a second test
# database for it: there it mirrors "default".
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    _postgres_options(DATABASES["replica"])
    DATABASE_ROUTERS = ["config.replica.ReplicaRouter"]
# After a successful POST a browser reads the primary for this long (read-your-writes): keep
# it above the replica's usual replay lag.
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=5)
# The views that read the replica (GET and HEAD): view names, or "namespace:*". Pages whose
# readers can live with data a few seconds old — the supervisor's, and the exports.
ORGLIFE_REPLICA_VIEWS = frozenset(
    {
        "supervision:*",
        "rectification:supervision",
        "rectification:ledger-export",
        "records:query",
        "records:query-export",
        "meetings:list",
        "members:branches",
    }
)

# --- auth ---------------------------------------------------------------------
# Passwords (等保 身份鉴别): at least ORGLIFE_PASSWORD_MIN_LENGTH characters with each of
# ORGLIFE_PASSWORD_CLASSES (letters, lower, upper, digits, symbols), not like the login or
# name, not a common password. Accounts given a password by a secretary (or created by
# them) must set their own at the next login.
ORGLIFE_PASSWORD_MIN_LENGTH = env.int("ORGLIFE_PASSWORD_MIN_LENGTH", default=8)
ORGLIFE_PASSWORD_CLASSES = env.list("ORGLIFE_PASSWORD_CLASSES", default=["letters", "digits"])
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": ORGLIFE_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "members.passwords.CharacterClassValidator",
        "OPTIONS": {"classes": ORGLIFE_PASSWORD_CLASSES},
    },
]
# django-axes first: it refuses a locked-out username+IP before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- sessions -------------------------------------------------------------------
# A session ends after this many minutes without a request (its expiry moves forward on
# activity, at most once per 1/30 of the period), and — by default — when the browser closes.
ORGLIFE_SESSION_IDLE_MINUTES = env.int("ORGLIFE_SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = ORGLIFE_SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
# The anonymous paths (anonymous and signed opinions share one URL, the public opinion link,
# the secret ballot): no session refresh, no audit row, no access-log line — nothing that
# dates a request to a person (deploy/gunicorn.conf.py and deploy/nginx skip the same paths).
ORGLIFE_ANONYMOUS_VIEWS = frozenset(
    {
        "meetings:opinions",
        "meetings:public-opinion",
        "meetings:ballot-cast",
        "rectification:receipt",
    }
)

# --- the audit log (audit/) -----------------------------------------------------------
# Kept this many days (网络安全法: at least six months; a smaller value fails `manage.py check`),
# then removed by the daily beat job. The client address only if the deployment keeps it.
ORGLIFE_AUDIT_MIN_RETENTION_DAYS = 180
ORGLIFE_AUDIT_RETENTION_DAYS = env.int("ORGLIFE_AUDIT_RETENTION_DAYS", default=180)
ORGLIFE_AUDIT_KEEP_IP = env.bool("ORGLIFE_AUDIT_KEEP_IP", default=False)

# --- language and time --------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- static and media: everything served by the app itself, nothing from a CDN --
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", Path(next(iter(bootstrap.__path__)))),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # production: whitenoise.storage.CompressedManifestStaticFilesStorage (after collectstatic)
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Behind nginx: evidence is sent by nginx from this `internal` location (X-Accel-Redirect)
# once the app has checked who may see it; empty → the app streams the file itself.
ORGLIFE_EVIDENCE_ACCEL_PREFIX = env("ORGLIFE_EVIDENCE_ACCEL_PREFIX", default="").strip()
if ORGLIFE_EVIDENCE_ACCEL_PREFIX and not ORGLIFE_EVIDENCE_ACCEL_PREFIX.endswith("/"):
    ORGLIFE_EVIDENCE_ACCEL_PREFIX += "/"
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# --- forms --------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- cache (throttling counters live here) -------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://orglife")
    if not REDIS_URL
    else {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
}

# Behind a reverse proxy, the client address for throttling comes from this header
# (e.g. HTTP_X_REAL_IP set by nginx); unset, REMOTE_ADDR is used.
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default=None)

# --- login throttling (django-axes) ------------------------------------------
# Lock one username from one client address after AXES_FAILURE_LIMIT failures, for a
# cool-off, not forever; a success resets the count. The address comes from the same
# header as RATELIMIT_IP_META_KEY behind the proxy.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Retrying while locked does not restart the clock: the lock lifts when the page says.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    (RATELIMIT_IP_META_KEY, "REMOTE_ADDR") if RATELIMIT_IP_META_KEY else ("REMOTE_ADDR",)
)

# --- Celery -------------------------------------------------------------------
# With REDIS_URL: Redis is the broker. Without: kombu's filesystem transport, a broker that
# needs no server, so `make run` still runs a real worker and beat with Python alone.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
# Redis behind Sentinel: the broker and result URLs list the Sentinels
# (sentinel://s1:26379;sentinel://s2:26379;sentinel://s3:26379/0) and this names the master
# they watch (`sentinel monitor <name> …`); deploy/README.md, "A province".
REDIS_SENTINEL_MASTER = env("REDIS_SENTINEL_MASTER", default="").strip()
_SENTINEL = {"master_name": REDIS_SENTINEL_MASTER} if REDIS_SENTINEL_MASTER else {}
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(VAR_DIR / "celery" / "queue"),
        "data_folder_out": str(VAR_DIR / "celery" / "queue"),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600, **_SENTINEL}
)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = dict(_SENTINEL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}
# The reminder outbox (notifications/reminders.py): beat sweeps it every
# REMINDER_SWEEP_SECONDS; a claim not delivered within REMINDER_LEASE_SECONDS (its message
# lost, its worker killed) is taken again by the next sweep after that — so a lost message
# delays a reminder by at most lease + sweep interval. Keep the lease above the time the
# workers need to drain one sweep's deliveries; a claim still queued past it is claimed again
# (harmless — the inbox still gets one digest — but wasted work).
REMINDER_SWEEP_SECONDS = env.float("REMINDER_SWEEP_SECONDS", default=60.0)
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=300)
# Exactly one beat runs this (deploy/ starts one); the database is the schedule.
CELERY_BEAT_SCHEDULE = {
    "reminders-schedule-daily": {
        "task": "rectification.tasks.reminders_plan_task",
        "schedule": 3600.0,
    },
    "rollups-fold": {
        "task": "supervision.tasks.rollups_fold_task",
        "schedule": env.float("ROLLUP_FOLD_SECONDS", default=10.0),
    },
    "rollups-overdue-advance": {
        "task": "supervision.tasks.rollups_overdue_advance_task",
        "schedule": crontab(hour=0, minute=5),
    },
    "emails-requeue": {
        "task": "notifications.tasks.emails_requeue_task",
        "schedule": 3600.0,
    },
    "audit-purge": {
        "task": "audit.tasks.audit_purge_task",
        "schedule": crontab(hour=3, minute=20),
    },
    "reminders-sweep": {
        "task": "notifications.tasks.reminders_sweep_task",
        "schedule": REMINDER_SWEEP_SECONDS,
    },
}

# --- e-mail (console by default, SMTP from the environment) ---------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="orglife <noreply@orglife.local>")

# --- security (production turns these on through the environment) --------------
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: templates use static files and CSS classes only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# --- logging: to stderr; never request bodies ----------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Its DEBUG lines (a variable missing in a template) dump the whole context — the
        # user beside an opinion's receipt code on the page that shows it: never log them.
        "django.template": {"level": "INFO"},
    },
}

# --- product settings ---------------------------------------------------------
ORGLIFE_PAGE_SIZE = env.int("ORGLIFE_PAGE_SIZE", default=50)
ORGLIFE_SITE_NAME = _("组织生活会")
# Escalate to the supervisor when an item is this many days overdue or a look-back this late.
ORGLIFE_ESCALATE_AFTER_DAYS = env.int("ORGLIFE_ESCALATE_AFTER_DAYS", default=7)
# Remind whoever signs off an item that has waited this many days (then weekly).
ORGLIFE_SIGNOFF_REMIND_DAYS = env.int("ORGLIFE_SIGNOFF_REMIND_DAYS", default=3)
# Look-backs after a meeting closes into 整改中, in months (the branch can change the dates).
ORGLIFE_LOOKBACK_MONTHS = env.list("ORGLIFE_LOOKBACK_MONTHS", cast=int, default=[1, 3])
# /inbox/health/ answers 503 when a due reminder has waited longer than this.
ORGLIFE_REMINDER_LAG_ALERT_SECONDS = env.int("ORGLIFE_REMINDER_LAG_ALERT_SECONDS", default=900)
# `manage.py load_demo` runs these, in order, with one shared context dict.
ORGLIFE_DEMO_LOADERS = [
    "members.demo.load",
    "meetings.demo.load",
    "rectification.demo.load",
    "supervision.demo.load",
]
# Absolute links in e-mails and calendar files.
ORGLIFE_BASE_URL = env("ORGLIFE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
