"""The Wayback and Perma.cc adapters against a local fake archive speaking their protocols."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from provenance.evidence.archivers import ArchiveError, Perma, RateLimited, Wayback
from provenance.models import ArchiveLink
from provenance.services.archives import archivers_configured, document_archive
from tests.factories import DocumentFactory

PAGE = "https://harbour-ledger.example/2026/ferry"


class FakeArchive(BaseHTTPRequestHandler):
    """Save Page Now 2 under /save, Perma.cc under /v1/; the behaviour set by `state`."""

    state: dict = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _json(self, status: int, data: dict, **headers: str) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        state = self.state
        body = self.rfile.read(int(self.headers["Content-Length"]))
        state["requests"].append((self.path, self.headers.get("Authorization"), body))
        if state.get("rate_limited"):
            return self._json(429, {"detail": "slow down"}, **{"Retry-After": "30"})
        if self.path == "/save":
            if self.headers.get("Authorization") != "LOW access:secret":
                return self._json(401, {"message": "bad keys"})
            state["wayback_url"] = parse_qs(body.decode())["url"][0]
            return self._json(200, {"url": state["wayback_url"], "job_id": "spn2-abc"})
        if self.path == "/v1/archives/":
            if self.headers.get("Authorization") != "ApiKey perma-key":
                return self._json(401, {"detail": "bad key"})
            state["perma_url"] = json.loads(body)["url"]
            return self._json(201, {"guid": "AB12-CD34", "url": state["perma_url"]})
        return self._json(404, {})

    def do_GET(self) -> None:  # noqa: N802
        state = self.state
        state["requests"].append((self.path, self.headers.get("Authorization"), b""))
        polls = state.setdefault("polls", 0)
        state["polls"] = polls + 1
        if self.path == "/save/status/spn2-abc":
            if polls < 2:
                return self._json(200, {"status": "pending", "job_id": "spn2-abc"})
            if state.get("wayback_error"):
                return self._json(200, {"status": "error", **state["wayback_error"]})
            return self._json(
                200,
                {
                    "status": "success",
                    "job_id": "spn2-abc",
                    "timestamp": "20260304091500",
                    "original_url": state["wayback_url"],
                },
            )
        if self.path == "/v1/capture_jobs/AB12-CD34/":
            status = "in_progress" if polls < 1 else state.get("perma_status", "completed")
            return self._json(200, {"guid": "AB12-CD34", "status": status})
        return self._json(404, {})


@pytest.fixture
def archive() -> Iterator[tuple[str, dict]]:
    state = {"requests": []}
    handler = type("Handler", (FakeArchive,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    httpd.shutdown()
    httpd.server_close()


def test_wayback_submits_polls_and_answers_the_copy(archive):
    endpoint, state = archive
    found = Wayback("access", "secret", endpoint=endpoint, interval=0.01).archive(PAGE)
    assert found.url == f"{endpoint}/web/20260304091500/{PAGE}"
    assert found.archived_at.isoformat() == "2026-03-04T09:15:00+00:00"
    paths = [path for path, _, _ in state["requests"]]
    assert paths == ["/save"] + ["/save/status/spn2-abc"] * 3


def test_wayback_errors_and_rate_limits(archive):
    endpoint, state = archive
    state["wayback_error"] = {"status_ext": "error:too-many-daily-captures", "message": "Limit."}
    with pytest.raises(RateLimited, match="Wayback Machine: Limit."):
        Wayback("access", "secret", endpoint=endpoint, interval=0.01).archive(PAGE)
    state.update(polls=0, wayback_error={"status_ext": "error:not-found", "message": "No page."})
    with pytest.raises(ArchiveError, match="could not archive the page: No page."):
        Wayback("access", "secret", endpoint=endpoint, interval=0.01).archive(PAGE)
    with pytest.raises(ArchiveError, match="HTTP 401"):
        Wayback("wrong", "keys", endpoint=endpoint, interval=0.01).archive(PAGE)
    state["rate_limited"] = True
    with pytest.raises(RateLimited) as raised:
        Wayback("access", "secret", endpoint=endpoint).archive(PAGE)
    assert raised.value.retry_after == 30


def test_wayback_gives_up_after_its_wait(archive):
    endpoint, state = archive
    state["polls"] = -1000  # pending for ever
    with pytest.raises(ArchiveError, match="did not finish within 0.05 seconds"):
        Wayback("access", "secret", endpoint=endpoint, wait=0.05, interval=0.02).archive(PAGE)


def test_perma_submits_polls_and_answers_the_copy(archive):
    endpoint, state = archive
    found = Perma("perma-key", endpoint=endpoint, site="https://perma.test", interval=0.01).archive(
        PAGE
    )
    assert found.url == "https://perma.test/AB12-CD34"
    assert state["perma_url"] == PAGE
    state.update(polls=0, perma_status="failed")
    with pytest.raises(ArchiveError, match="Perma.cc could not archive the page: failed"):
        Perma("perma-key", endpoint=endpoint, interval=0.01).archive(PAGE)
    state["rate_limited"] = True
    with pytest.raises(RateLimited, match="Perma.cc asks to slow down"):
        Perma("perma-key", endpoint=endpoint).archive(PAGE)


def test_off_by_default_and_configured_by_settings(archive, settings, db):
    assert archivers_configured() == []
    endpoint, state = archive
    settings.PROVENANCE_ARCHIVERS = ["wayback", "perma"]
    settings.PROVENANCE_WAYBACK_ACCESS_KEY, settings.PROVENANCE_WAYBACK_SECRET_KEY = (
        "access",
        "secret",
    )
    settings.PROVENANCE_WAYBACK_ENDPOINT = settings.PROVENANCE_PERMA_ENDPOINT = endpoint
    settings.PROVENANCE_PERMA_API_KEY = "perma-key"
    settings.PROVENANCE_PERMA_SITE = "https://perma.test"
    settings.PROVENANCE_ARCHIVE_POLL_SECONDS = 0.01
    document = DocumentFactory(url=PAGE)
    links, problems = document_archive(document=document)
    assert problems == []
    assert sorted(link.service for link in links) == ["perma", "wayback"]
    assert ArchiveLink.objects.filter(document=document).count() == 2


def test_admin_action_reports_rate_limits(archive, settings, admin_client, db):
    endpoint, state = archive
    settings.PROVENANCE_ARCHIVERS = ["perma"]
    settings.PROVENANCE_PERMA_API_KEY = "perma-key"
    settings.PROVENANCE_PERMA_ENDPOINT = endpoint
    state["rate_limited"] = True
    document = DocumentFactory(url=PAGE)
    response = admin_client.post(
        reverse("admin:provenance_document_changelist"),
        {"action": "request_archived_copies", "_selected_action": [document.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Perma.cc asks to slow down (HTTP 429)." in page
    assert "0 archived copies recorded." in page
