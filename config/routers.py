"""Reads from a replica, writes to the primary (set DATABASE_REPLICA_URL to turn it on).

Only the reads of safe requests (GET, HEAD, OPTIONS) go to the replica: a request that writes
reads its own writes back from the primary, so replication lag never shows a client a record
older than the one it just saved. Commands and background tasks use the primary.
"""

from contextvars import ContextVar

from django.db import connections

REPLICA = "replica"
_reads_may_lag: ContextVar[bool] = ContextVar("reads_may_lag", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_may_lag.get() and REPLICA in connections.settings:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Marks safe requests as free to read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_may_lag.set(request.method in ("GET", "HEAD", "OPTIONS"))
        try:
            return self.get_response(request)
        finally:
            _reads_may_lag.reset(token)
