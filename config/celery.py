"""The Celery application: `celery -A config worker` runs background tasks.

Without CELERY_BROKER_URL, tasks run in-process (eagerly), so nothing needs a broker to work.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("provenance")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
