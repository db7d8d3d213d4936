"""Web-archive records (WARC, ISO 28500) of one fetch, written and read with warcio.

Pure: bytes and plain data in and out, no Django. A capture is one gzipped WARC file holding a
`warcinfo` record (the software that wrote it), the `request` as sent and the `response` as
received (status line, headers, body), with WARC-Target-URI the final address after redirects
and WARC-Date the fetch time. warcio adds the block and payload digests (SHA-1, the WARC
convention); the project's own SHA-256 of the body is in the `WARC-Payload-SHA256` header so a
reader can check it without the database.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.ingest import Fetched

SOFTWARE = "Provenance (warcio)"
SHA256_HEADER = "WARC-Payload-SHA256"
REQUESTED_HEADER = "WARC-Provenance-Requested-URI"


class WarcError(ValueError):
    """The bytes are not a readable capture (not WARC, truncated, or no response record)."""


@dataclass(frozen=True)
class CaptureRecord:
    """What a capture file says, read back."""

    requested_url: str
    url: str  # the final address
    fetched_at: datetime
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    sha256: str  # recorded in the file
    request_headers: tuple[tuple[str, str], ...]

    @property
    def content_type(self) -> str | None:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return None


def warc_date(moment: datetime) -> str:
    """WARC-Date: UTC, to the microsecond (WARC 1.1 allows the fraction)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def capture_warc(fetched: Fetched) -> bytes:
    """The gzipped WARC file of one fetch."""
    output = io.BytesIO()
    writer = WARCWriter(output, gzip=True, warc_version="1.1")
    date = warc_date(fetched.fetched_at)
    info = writer.create_warcinfo_record(
        f"capture-{hashlib.sha256(fetched.content).hexdigest()[:16]}.warc.gz",
        {"software": SOFTWARE, "format": "WARC File Format 1.1"},
    )
    info.rec_headers.replace_header("WARC-Date", date)
    writer.write_record(info)
    # The body is stored as received (the fetch asks for identity encoding); the length header
    # is rewritten to match the body, which is what a replay tool reads.
    headers = [(k, v) for k, v in fetched.response_headers if k.lower() != "transfer-encoding"]
    protocol = "HTTP/1.1"
    response = writer.create_warc_record(
        fetched.final_url,
        "response",
        payload=io.BytesIO(fetched.content),
        length=len(fetched.content),
        http_headers=StatusAndHeaders(
            f"{fetched.status} {fetched.reason}".strip(), headers, protocol=protocol
        ),
        warc_headers_dict={
            "WARC-Date": date,
            SHA256_HEADER: hashlib.sha256(fetched.content).hexdigest(),
            REQUESTED_HEADER: fetched.url,
        },
    )
    request = writer.create_warc_record(
        fetched.final_url,
        "request",
        payload=io.BytesIO(b""),
        length=0,
        http_headers=StatusAndHeaders(
            f"GET {fetched.request_target} {protocol}",
            list(fetched.request_headers),
            is_http_request=True,
            protocol=protocol,
        ),
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_request_response_pair(request, response)
    return output.getvalue()


def capture_read(data: bytes) -> CaptureRecord:
    """The response (and request) in a capture file; raises `WarcError` when there is none.

    The body's SHA-256 is recomputed and compared with the one recorded: a changed byte in the
    body raises, and a changed byte anywhere in the gzip stream fails its CRC.
    """
    response = request_headers = None
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=False):
            if record.rec_type == "response" and response is None:
                headers = record.http_headers
                response = (
                    record.rec_headers.get_header("WARC-Target-URI"),
                    record.rec_headers.get_header("WARC-Date"),
                    record.rec_headers.get_header(SHA256_HEADER) or "",
                    record.rec_headers.get_header(REQUESTED_HEADER) or "",
                    headers.get_statuscode(),
                    headers.protocol,
                    headers.statusline,
                    tuple(headers.headers),
                    record.content_stream().read(),
                )
            elif record.rec_type == "request" and request_headers is None:
                request_headers = tuple(record.http_headers.headers)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        raise WarcError(f"The capture cannot be read as WARC ({error}).") from None
    if response is None:
        raise WarcError("The capture holds no response record.")
    url, date, sha256, requested, status, _, statusline, headers, body = response
    if hashlib.sha256(body).hexdigest() != sha256:
        raise WarcError("The body's SHA-256 does not match the one recorded in the capture.")
    return CaptureRecord(
        requested_url=requested or url,
        url=url,
        fetched_at=datetime.fromisoformat(date.replace("Z", "+00:00")),
        status=int(status),
        reason=statusline.partition(" ")[2],
        headers=headers,
        body=body,
        sha256=sha256,
        request_headers=request_headers or (),
    )


def exchange_as_dict(fetched: Fetched) -> dict:
    """A fetch without its body, as JSON-ready data (held between the admin's steps)."""
    return {
        "url": fetched.url,
        "final_url": fetched.final_url,
        "content_type": fetched.content_type,
        "status": fetched.status,
        "reason": fetched.reason,
        "request_target": fetched.request_target,
        "request_headers": [list(pair) for pair in fetched.request_headers],
        "response_headers": [list(pair) for pair in fetched.response_headers],
        "fetched_at": fetched.fetched_at.isoformat(),
    }


def exchange_from_dict(data: dict, content: bytes) -> Fetched:
    """The fetch `exchange_as_dict` described, with its body back."""
    return Fetched(
        url=data["url"],
        final_url=data["final_url"],
        content=content,
        content_type=data["content_type"],
        status=data["status"],
        reason=data["reason"],
        request_target=data["request_target"],
        request_headers=tuple((k, v) for k, v in data["request_headers"]),
        response_headers=tuple((k, v) for k, v in data["response_headers"]),
        fetched_at=datetime.fromisoformat(data["fetched_at"]),
    )
