"""gunicorn settings: `gunicorn config.wsgi --config config/gunicorn.py`.

Sync workers, one per core by default (the app is CPU-bound once connections are persistent;
docs/architecture.md: ~4 ms per new database connection). Everything can be overridden from the
environment (GUNICORN_WORKERS, GUNICORN_BIND, ...) or the command line.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = 2000
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Request lines up to 8 KiB (gunicorn's ceiling; 4 KiB by default, as nginx's buffers allow 8):
# a list filtered on many repeated values answered gunicorn's own HTML 414, outside the API's
# error shape and its schema.
limit_request_line = 8190
