"""Background work runs on a real Celery worker with the Redis on this machine as broker.

Without a broker configured, tasks run in-process (eager); these tests start an in-process
worker thread against Redis (database 15) to show the configured path works end to end.
Outside CI a missing Redis skips them loudly; in CI it fails them.
"""

import os
import socket
import time

import pytest

from config.celery import app
from provenance import services
from provenance.models import Claim
from provenance.tasks import refresh_analyses

REDIS = os.environ.get("PROVENANCE_TEST_REDIS", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def redis_answers() -> bool:
    host, port = REDIS.split("//")[1].split("/")[0].split(":")
    try:
        with socket.create_connection((host, int(port)), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def worker():
    if not redis_answers():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"Redis does not answer at {REDIS}", pytrace=False)
        pytest.skip(f"CELERY WORKER TESTS NOT RUN: Redis does not answer at {REDIS}")
    from celery.contrib.testing.worker import start_worker

    keys = ("broker_url", "task_always_eager", "task_default_queue")
    previous = {key: app.conf[key] for key in keys}
    # A queue of this test process's own: parallel test processes each run a worker on their
    # own test database, and must not take each other's tasks.
    queue = f"provenance-tests-{os.getpid()}"
    app.conf.update(
        broker_url=REDIS,
        task_always_eager=False,
        task_default_queue=queue,
        broker_connection_retry_on_startup=True,
    )
    with start_worker(
        app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=[queue]
    ):
        yield
    app.conf.update(previous)


def wait_for(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_wide_refresh_runs_on_the_worker(worker, editor):
    claim = services.claim_create(text="A claim refreshed in the background.", created_by=editor)
    Claim.objects.filter(pk=claim.pk).update(graph_version=5)  # stale on purpose

    refresh_analyses.delay([claim.pk])

    assert wait_for(lambda: Claim.objects.filter(pk=claim.pk, analysis_version=5).exists())
    claim.refresh_from_db()
    assert claim.independent_origins == 0


def test_dispatch_sends_big_refreshes_to_the_worker(worker, editor, settings):
    from provenance.services.analysis_cache import analyses_refresh_dispatch

    settings.PROVENANCE_SYNC_REFRESH_LIMIT = 1
    claims = [services.claim_create(text=f"Claim {n}.", created_by=editor) for n in range(3)]
    Claim.objects.update(graph_version=9)
    # Only now: with background tasks on, the claims' vectors would be computed on the worker
    # while this thread writes, and SQLite's shared test database refuses the second writer.
    settings.PROVENANCE_BACKGROUND_TASKS = True

    analyses_refresh_dispatch(claim_ids=[c.pk for c in claims])

    assert wait_for(lambda: Claim.objects.filter(analysis_version=9).count() == 3)
