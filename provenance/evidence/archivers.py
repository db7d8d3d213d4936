"""Asking public web archives for a copy of a page: Wayback Machine (Save Page Now 2), Perma.cc.

Pure protocol code over the standard library (no models): each adapter submits the address,
polls the job until it ends or the wait runs out, and answers the archived copy's address.
Both are off unless named in PROVENANCE_ARCHIVERS with their keys in the environment; the
endpoints are settings so that the tests point them at a local fake archive.

- Save Page Now 2: POST {endpoint}/save (form `url`, header `Authorization: LOW key:secret`,
  `Accept: application/json`) answers `{"job_id"}`; GET {endpoint}/save/status/{job_id} answers
  `{"status": "pending" | "success" | "error", "timestamp", "original_url", "status_ext",
  "message"}`; the copy is {endpoint}/web/{timestamp}/{original_url}. HTTP 429 means too many
  requests.
- Perma.cc API v1: POST {endpoint}/v1/archives/ (JSON `{"url", "folder"?}`, header
  `Authorization: ApiKey key`) answers `{"guid"}`; GET {endpoint}/v1/capture_jobs/{guid}/
  answers `{"status": "pending" | "in_progress" | "completed" | "failed"}`; the copy is
  {site}/{guid}. HTTP 429 means too many requests.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

USER_AGENT = "ProvenanceBot/1.0 (+fact provenance tracker)"


class ArchiveError(Exception):
    """The archive refused or failed; `str(error)` is a sentence for a person."""


class RateLimited(ArchiveError):
    """The archive asks to slow down (HTTP 429, or its own daily limit)."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Archived:
    url: str  # the archived copy
    archived_at: datetime | None


def _call(request: urllib.request.Request, *, timeout: float, service: str) -> dict:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (settings)
            body = response.read(1_000_000)
    except urllib.error.HTTPError as error:
        if error.code == 429:
            retry = error.headers.get("Retry-After")
            raise RateLimited(
                f"{service} asks to slow down (HTTP 429).",
                retry_after=float(retry) if retry and retry.isdigit() else None,
            ) from None
        raise ArchiveError(f"{service} answered HTTP {error.code}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise ArchiveError(f"{service} could not be reached ({error}).") from None
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ArchiveError(f"{service} answered something that is not JSON.") from None
    if not isinstance(data, dict):
        raise ArchiveError(f"{service} answered something that is not a JSON object.")
    return data


def _poll(
    check: Callable[[], Archived | None], *, wait: float, interval: float, service: str
) -> Archived:
    deadline = time.monotonic() + wait
    while True:
        found = check()
        if found is not None:
            return found
        if time.monotonic() + interval > deadline:
            raise ArchiveError(f"{service} did not finish within {wait:g} seconds.")
        time.sleep(interval)


@dataclass(frozen=True)
class Wayback:
    access_key: str
    secret_key: str
    endpoint: str = "https://web.archive.org"
    timeout: float = 30.0
    wait: float = 120.0
    interval: float = 5.0
    name = "Wayback Machine"
    service = "wayback"

    def _request(self, path: str, data: bytes | None = None) -> urllib.request.Request:
        return urllib.request.Request(  # noqa: S310 (the endpoint is a setting)
            self.endpoint.rstrip("/") + path,
            data=data,
            headers={
                "Authorization": f"LOW {self.access_key}:{self.secret_key}",
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
            },
        )

    def archive(self, url: str) -> Archived:
        form = urllib.parse.urlencode({"url": url}).encode()
        job = _call(self._request("/save", form), timeout=self.timeout, service=self.name)
        job_id = job.get("job_id")
        if not job_id:
            raise ArchiveError(f"{self.name} refused the page: {job.get('message') or job}.")
        quoted = urllib.parse.quote(str(job_id), safe="")
        return _poll(
            lambda: self._status(quoted), wait=self.wait, interval=self.interval, service=self.name
        )

    def _status(self, job_id: str) -> Archived | None:
        data = _call(
            self._request(f"/save/status/{job_id}"), timeout=self.timeout, service=self.name
        )
        status = data.get("status")
        if status == "pending":
            return None
        if status == "success":
            stamp = str(data["timestamp"])
            moment = datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            copy = f"{self.endpoint.rstrip('/')}/web/{stamp}/{data['original_url']}"
            return Archived(copy, moment)
        reason = data.get("status_ext") or ""
        message = data.get("message") or reason or "unknown error"
        if "too-many" in reason:
            raise RateLimited(f"{self.name}: {message}")
        raise ArchiveError(f"{self.name} could not archive the page: {message}")


@dataclass(frozen=True)
class Perma:
    api_key: str
    endpoint: str = "https://api.perma.cc"
    site: str = "https://perma.cc"
    folder: int | None = None
    timeout: float = 30.0
    wait: float = 120.0
    interval: float = 5.0
    name = "Perma.cc"
    service = "perma"

    def _request(self, path: str, payload: dict | None = None) -> urllib.request.Request:
        headers = {
            "Authorization": f"ApiKey {self.api_key}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }
        data = None
        if payload is not None:
            data = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        return urllib.request.Request(  # noqa: S310 (the endpoint is a setting)
            self.endpoint.rstrip("/") + path, data=data, headers=headers
        )

    def archive(self, url: str) -> Archived:
        payload = {"url": url} | ({"folder": self.folder} if self.folder is not None else {})
        made = _call(
            self._request("/v1/archives/", payload), timeout=self.timeout, service=self.name
        )
        guid = made.get("guid")
        if not guid:
            raise ArchiveError(f"{self.name} refused the page: {made.get('detail') or made}.")
        quoted = urllib.parse.quote(str(guid), safe="")
        return _poll(
            lambda: self._status(quoted), wait=self.wait, interval=self.interval, service=self.name
        )

    def _status(self, guid: str) -> Archived | None:
        job = _call(
            self._request(f"/v1/capture_jobs/{guid}/"), timeout=self.timeout, service=self.name
        )
        status = job.get("status")
        if status in ("pending", "in_progress"):
            return None
        if status == "completed":
            return Archived(f"{self.site.rstrip('/')}/{guid}", datetime.now(UTC))
        raise ArchiveError(
            f"{self.name} could not archive the page: {job.get('message') or status}."
        )
