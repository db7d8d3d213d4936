"""Reads of safe requests go to the replica when one is configured; everything else to the
primary."""

import pytest
from django.db import connections
from django.test import RequestFactory

from config.routers import ReplicaReadsMiddleware, ReplicaRouter
from provenance.models import Claim


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setitem(connections.settings, "replica", connections.settings["default"])


def route_during(method: str) -> str:
    seen = {}

    def view(request):
        seen["db"] = ReplicaRouter().db_for_read(Claim)
        return None

    ReplicaReadsMiddleware(view)(getattr(RequestFactory(), method.lower())("/api/claims/"))
    return seen["db"]


def test_safe_requests_read_the_replica(with_replica):
    assert route_during("GET") == "replica"
    assert route_during("HEAD") == "replica"


def test_writing_requests_read_their_own_writes_from_the_primary(with_replica):
    assert route_during("POST") == "default"
    assert route_during("PATCH") == "default"


def test_outside_requests_everything_uses_the_primary(with_replica):
    router = ReplicaRouter()
    assert (router.db_for_read(Claim), router.db_for_write(Claim)) == ("default", "default")


def test_without_a_replica_reads_use_the_primary():
    assert route_during("GET") == "default"


def test_only_the_primary_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "provenance")
    assert not router.allow_migrate("replica", "provenance")
