"""The Celery application.

The broker only carries short-lived work; the database is the schedule.
Without ``REDIS_URL`` / ``CELERY_BROKER_URL`` tasks run eagerly in-process, so the
app works with Python alone (see ``CELERY_TASK_ALWAYS_EAGER`` in settings).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("orglife")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="orglife.ping")
def ping() -> str:
    """A health check: proves a worker is consuming from the broker."""
    return "pong"
