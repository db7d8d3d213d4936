"""`/api/documents/{id}/captures/`, `…/checks/`, `…/archive-links/` and the WARC download."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from provenance.models import Capture, Document, SourceWatch
from provenance.services.captures import capture_file
from provenance.services.watching import watch_run
from tests.evidence.conftest import article
from tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def _ingested(editor_api, url: str) -> Document:
    response = editor_api.post(
        "/api/ingest/", {"url": url, "fetch": True, "confirm": True}, format="json"
    )
    assert response.status_code == 201
    return Document.objects.get(pk=response.json()["document"]["id"])


def test_captures_and_checks_timeline(api, editor_api, site, django_assert_max_num_queries):
    document = _ingested(editor_api, site.serve("/tide", article("High tide at noon today.")))
    site.serve("/tide", article("High tide at one o'clock today."))
    watch_run()
    SourceWatch.objects.update(next_check_at=timezone.now() - timedelta(seconds=1))
    watch_run()
    with django_assert_max_num_queries(5):
        captures = api.get(f"/api/documents/{document.pk}/captures/").json()
    assert captures["count"] == 2
    newest, first = captures["results"]
    assert "one o'clock" in newest["text"] and "noon" in first["text"]
    download = api.get(newest["warc_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/warc"
    assert b"".join(download.streaming_content) == capture_file(
        capture=Capture.objects.get(pk=newest["id"])
    )
    checks = api.get(f"/api/documents/{document.pk}/checks/").json()
    [check] = checks["results"]
    assert check["result"] == "changed"
    assert check["capture"] == newest["id"]
    assert {"removed": "noon", "added": "one o'clock"} in check["diff"]
    detail = api.get(f"/api/documents/{document.pk}/").json()
    assert detail["source_state"] == "changed"
    assert detail["source_note"].startswith("The article text changed on ")


def test_unknown_capture_is_a_404(api, db):
    document = DocumentFactory()
    response = api.get(f"/api/documents/{document.pk}/captures/999/warc/")
    assert response.status_code == 404
    assert response.json()["detail"] == f"Document #{document.pk} has no capture #999."
    assert api.get(f"/api/documents/{document.pk}/captures/").json()["count"] == 0


def test_archive_links_editors_add_everyone_reads(api, editor_api, db):
    document = DocumentFactory()
    path = f"/api/documents/{document.pk}/archive-links/"
    copy = "https://web.archive.org/web/20260304000000/https://news.example/articles/1"
    assert api.post(path, {"url": copy}, format="json").status_code in (401, 403)
    created = editor_api.post(path, {"url": copy, "service": "wayback"}, format="json")
    assert created.status_code == 201
    again = editor_api.post(path, {"url": copy}, format="json")
    assert (again.status_code, again.json()["id"]) == (200, created.json()["id"])
    bad = editor_api.post(path, {"url": "not an address"}, format="json")
    assert bad.status_code == 400 and "url" in bad.json()["errors"]
    [link] = api.get(path).json()["results"]
    assert (link["url"], link["service"]) == (copy, "wayback")
