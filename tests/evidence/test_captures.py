"""Fetching a page stores a WARC capture: API, command, admin; uploads say they have none."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import call_command
from django.urls import reverse

from provenance.evidence.warc import capture_read
from provenance.models import Capture, Document
from provenance.services.captures import capture_file
from tests.evidence.conftest import article

pytestmark = pytest.mark.django_db

BODY = article(
    "The harbour board approved the new ferry route on Monday, The Harbour Ledger reported.",
    "“We will run six crossings a day,” said Mira Olsen, the board's chair.",
)


def _ingest_by_api(editor_api, url: str) -> dict:
    response = editor_api.post(
        "/api/ingest/", {"url": url, "fetch": True, "confirm": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_api_fetch_stores_a_warc_with_request_response_and_final_url(editor_api, site):
    site.serve("/ferry", BODY, **{"X-Edition": "harbour"})
    start = site.redirect("/old-ferry", "/ferry")
    data = _ingest_by_api(editor_api, start)
    document = Document.objects.get(pk=data["document"]["id"])
    capture = Capture.objects.get(document=document)
    assert capture.url == start
    assert capture.final_url == site.url("/ferry")
    assert capture.status == 200
    assert capture.sha256 == hashlib.sha256(BODY).hexdigest() == document.snapshot_sha256
    assert capture.size == len(BODY)
    assert "six crossings a day" in capture.text
    stored = capture_file(capture=capture)
    assert hashlib.sha256(stored).hexdigest() == capture.warc_sha256
    assert len(stored) == capture.warc_size
    record = capture_read(stored)
    assert record.body == BODY
    assert record.url == site.url("/ferry")
    assert record.requested_url == start
    assert ("X-Edition", "harbour") in record.headers
    assert record.fetched_at == capture.fetched_at
    assert dict(record.request_headers)["Host"] == site.url("").removeprefix("http://")


def test_fetching_the_same_body_again_keeps_one_capture(editor_api, site):
    url = site.serve("/ferry", BODY)
    first = _ingest_by_api(editor_api, url)
    response = editor_api.post(
        "/api/ingest/", {"url": url, "fetch": True, "confirm": True}, format="json"
    )
    assert response.status_code == 200  # already ingested
    assert Capture.objects.filter(document_id=first["document"]["id"]).count() == 1


def test_ingest_command_with_a_url_stores_a_capture(site, capsys):
    url = site.serve("/ferry", BODY)
    call_command("ingest", url)
    capture = Capture.objects.get()
    assert capture.document.url == url
    assert capture_read(capture_file(capture=capture)).body == BODY


def test_uploaded_text_has_no_capture_and_the_admin_says_so(editor_api, admin_client):
    response = editor_api.post(
        "/api/ingest/",
        {"content": BODY.decode(), "content_type": "text/html", "confirm": True},
        format="json",
    )
    assert response.status_code == 201
    document = Document.objects.get(pk=response.json()["document"]["id"])
    assert not Capture.objects.exists()
    page = admin_client.get(reverse("admin:provenance_document_change", args=[document.pk]))
    assert "no capture: uploaded" in page.content.decode()


def test_admin_shows_each_capture_text_and_downloads_its_warc(editor_api, admin_client, site):
    data = _ingest_by_api(editor_api, site.serve("/ferry", BODY))
    capture = Capture.objects.get()
    page = admin_client.get(
        reverse("admin:provenance_document_change", args=[data["document"]["id"]])
    ).content.decode()
    assert "six crossings a day" in page
    download = reverse("admin:provenance_capture_warc", args=[capture.pk])
    assert "download WARC" in page and download in page
    response = admin_client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/warc"
    assert b"".join(response.streaming_content) == capture_file(capture=capture)


def test_fetch_limits_still_hold(editor_api, site, settings):
    settings.PROVENANCE_FETCH_MAX_BYTES = 50_000
    response = editor_api.post(
        "/api/ingest/", {"url": site.url("/huge"), "fetch": True}, format="json"
    )
    assert response.status_code == 400
    assert "limit of 50,000 bytes" in response.json()["errors"]["url"][0]
    settings.PROVENANCE_FETCH_TIMEOUT = 0.5
    response = editor_api.post(
        "/api/ingest/", {"url": site.url("/slow"), "fetch": True}, format="json"
    )
    assert response.status_code == 400
    settings.PROVENANCE_FETCH_ALLOW_PRIVATE = False
    response = editor_api.post(
        "/api/ingest/", {"url": site.url("/ferry"), "fetch": True}, format="json"
    )
    assert "private or reserved address" in response.json()["errors"]["url"][0]
    assert not Capture.objects.exists()


def test_admin_ingest_by_url_keeps_the_fetch_between_preview_and_confirmation(client, editor, site):
    from tests.ingest.test_ingest_admin import URL, form_data

    client.force_login(editor)
    url = site.serve("/ferry", BODY, **{"X-Edition": "harbour"})
    preview = client.post(URL, {"url": url})
    assert preview.status_code == 200
    assert client.post(URL, form_data(preview, _confirm="Ingest")).status_code == 302
    capture = Capture.objects.get()
    record = capture_read(capture_file(capture=capture))
    assert (record.url, record.body) == (url, BODY)
    assert ("X-Edition", "harbour") in record.headers
