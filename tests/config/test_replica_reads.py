"""Reads on a replica, against a second PostgreSQL database acting as one.

The replica is a copy of the test database taken mid-test (CREATE DATABASE ... TEMPLATE); the
primary is then changed, so an answer shows which copy it was read from. Every read of a GET
(the raw-SQL selectors included) must come from the replica, and writing requests must read
their own writes from the primary.
"""

import psycopg
import pytest
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from provenance.models import Claim
from tests.factories import AssertionFactory, CitationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connections["default"].vendor != "postgresql", reason="needs a second PostgreSQL database"
    ),
]


def _admin(settings: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )


@pytest.fixture
def replica(monkeypatch):
    """Copy the primary (as it is now) into a second database and route reads to it."""
    primary = connections["default"].settings_dict
    name = f"{primary['NAME']}_replica"

    def copy():
        connections.close_all()  # TEMPLATE needs the source without open connections
        with _admin(primary) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{primary["NAME"]}"')
        monkeypatch.setitem(connections.settings, "replica", {**primary, "NAME": name})
        # Django's test case refuses aliases it was not set up with; this one is made here, so
        # its connection gets the unpatched connect (kept in the patch's closure).
        patched = BaseDatabaseWrapper.ensure_connection
        real = next(
            cell.cell_contents
            for cell in patched.__closure__ or ()
            if getattr(cell.cell_contents, "__name__", "") == "ensure_connection"
        )
        connection = connections["replica"]
        monkeypatch.setattr(connection, "ensure_connection", real.__get__(connection))

    yield copy
    if "replica" in connections.settings:
        connections["replica"].close()
        del connections["replica"]
    with _admin(primary) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_get_requests_read_the_replica_and_writes_read_the_primary(replica, editor):
    claim = AssertionFactory(claim__text="As replicated.").claim
    CitationFactory(citing=claim.assertions.get(), cited=AssertionFactory())
    replica()
    # The primary moves on; the replica has not seen it yet (replication lag).
    Claim.objects.filter(pk=claim.pk).update(text="Changed on the primary.")
    client = APIClient()
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        detail = client.get(f"/api/claims/{claim.pk}/").json()
        graph = client.get(f"/api/claims/{claim.pk}/provenance/").json()
        listed = client.get("/api/claims/").json()["results"]
        page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert detail["text"] == graph["claim"]["text"] == "As replicated."
    assert len(graph["nodes"]) == 2 and len(graph["edges"]) == 1
    assert {c["id"]: c["text"] for c in listed}[claim.pk] == "As replicated."
    assert "As replicated." in page
    assert on_replica.captured_queries
    # Sessions and auth are not consulted by anonymous reads: nothing went to the primary.
    assert on_primary.captured_queries == []

    client.force_authenticate(editor)
    response = client.patch(
        f"/api/claims/{claim.pk}/",
        {"context": "Added."},
        format="json",
        HTTP_IF_MATCH=f'"v{Claim.objects.get(pk=claim.pk).version}"',
    )
    assert response.status_code == 200, response.content
    # The writing request answers with what it wrote, read back from the primary.
    assert (response.json()["text"], response.json()["context"]) == (
        "Changed on the primary.",
        "Added.",
    )
