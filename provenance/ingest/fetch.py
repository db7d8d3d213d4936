"""Fetching an article by URL, refusing to be turned against the internal network (SSRF).

Standard library only (http.client): it lets the connection go to the exact address that was
checked, which `requests` and `urllib` do not expose. For each hop (at most `MAX_REDIRECTS`
redirects) the host is resolved once, every address it resolves to must be public (not private,
loopback, link-local, multicast, reserved or unspecified, IPv4 or IPv6, IPv4-mapped IPv6
included), and the socket connects to that checked address while TLS verifies the certificate
against the host name. So there is no DNS-rebinding window between check and connect.

Residual risks: a public address that a proxy or NAT maps inward, and IPv6 transition prefixes
(6to4, Teredo) whose embedded IPv4 address is not unpacked. Resolution runs in a worker thread
so that the overall `timeout` bounds it; a resolver that hangs leaves that thread behind until
the system resolver gives up.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from provenance.ingest.errors import (
    BlockedAddress,
    ConnectionFailed,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    ResponseTooLarge,
    TooManyRedirects,
    UnresolvedHost,
)

MAX_REDIRECTS = 5
USER_AGENT = "ProvenanceBot/1.0 (+fact provenance tracker)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65536
_resolver = ThreadPoolExecutor(max_workers=4, thread_name_prefix="fetch-resolve")


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    content: bytes
    content_type: str | None
    status: int
    # The exchange as it happened, for the web-archive capture (provenance.evidence.warc):
    # the request sent for the final URL, the response's status line and headers, and when.
    request_target: str = "/"
    request_headers: tuple[tuple[str, str], ...] = ()
    response_headers: tuple[tuple[str, str], ...] = ()
    reason: str = ""
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def fetch(url: str, *, max_bytes: int, timeout: float, allow_private: bool = False) -> Fetched:
    """GET `url` and return its body, or raise a `FetchError` subclass with a human message.

    `timeout` (seconds) bounds the whole fetch, redirects and reading included; the body stops
    at `max_bytes` (`ResponseTooLarge`). `allow_private` lifts the address check (for tests).
    """
    deadline = time.monotonic() + timeout
    fetched_at = datetime.now(UTC)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https"):
            raise InvalidURL(f"Only http and https URLs can be fetched, not {current!r}.")
        if not parts.hostname:
            raise InvalidURL(f"The URL {current!r} has no host name.")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise InvalidURL(f"The URL {current!r} has an invalid port.") from None
        address = _checked_address(parts.hostname, port, allow_private, deadline)
        connection = _connection(parts.scheme, parts.hostname, port, address, deadline)
        try:
            response, sock = _request(connection, parts, current, deadline)
            if response.status in _REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise HTTPStatusError(
                        f"The server redirected {current} without saying where to."
                    )
                current = urljoin(current, location.strip())
                continue
            if response.status >= 400:
                raise HTTPStatusError(
                    f"The server answered {response.status} {response.reason} for {current}.",
                    status=response.status,
                    url=current,
                )
            content = _read(response, sock, max_bytes, deadline, current)
            return Fetched(
                url,
                current,
                content,
                response.getheader("Content-Type"),
                response.status,
                request_target=_target(parts),
                request_headers=_sent_headers(parts),
                response_headers=tuple(response.getheaders()),
                reason=response.reason or "",
                fetched_at=fetched_at,
            )
        finally:
            connection.close()
    raise TooManyRedirects(f"{url} redirected more than {MAX_REDIRECTS} times.")


def blocked(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is not a public unicast one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        not address.is_global
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _remaining(deadline: float, what: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchTimeout(f"Fetching took longer than allowed ({what}).")
    return left


def _checked_address(host: str, port: int, allow_private: bool, deadline: float) -> str:
    future = _resolver.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:
        infos = future.result(timeout=_remaining(deadline, f"resolving {host}"))
    except FutureTimeout:
        raise FetchTimeout(f"Resolving {host} took longer than allowed.") from None
    except (socket.gaierror, UnicodeError) as error:
        raise UnresolvedHost(f"The host {host} could not be resolved ({error}).") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise ConnectionFailed(f"The host {host} has no address.")
    if not allow_private:
        for text in addresses:
            if blocked(ipaddress.ip_address(text.split("%", 1)[0])):
                raise BlockedAddress(
                    f"The host {host} resolves to {text}, a private or reserved address, "
                    "which is not fetched."
                )
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a fixed, already checked address."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to a fixed address, verifying the certificate for the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _connection(scheme: str, host: str, port: int, address: str, deadline: float):
    timeout = _remaining(deadline, f"connecting to {host}")
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    return kind(host, port, address, timeout)


_HEADERS = (
    ("User-Agent", USER_AGENT),
    ("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"),
    ("Accept-Encoding", "identity"),
)


def _target(parts) -> str:
    path = parts.path or "/"
    return path + "?" + parts.query if parts.query else path


def _sent_headers(parts) -> tuple[tuple[str, str], ...]:
    """The request's headers as sent (http.client adds Host first)."""
    host = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
    return (("Host", host), *_HEADERS)


def _request(connection, parts, url: str, deadline: float):
    """Send the GET; return the response and the socket it reads from."""
    try:
        connection.request("GET", _target(parts), headers=dict(_HEADERS))
        sock = connection.sock  # getresponse() may detach it from the connection
        sock.settimeout(_remaining(deadline, f"waiting for {url}"))
        return connection.getresponse(), sock
    except TimeoutError:
        raise FetchTimeout(f"{url} did not answer in time.") from None
    except ssl.SSLError as error:
        raise ConnectionFailed(
            f"The TLS connection to {parts.hostname} failed ({error})."
        ) from None
    except (OSError, http.client.HTTPException) as error:
        raise ConnectionFailed(f"{url} could not be fetched ({error}).") from None


def _read(
    response: http.client.HTTPResponse,
    sock: socket.socket,
    max_bytes: int,
    deadline: float,
    url: str,
) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge(f"{url} is {int(declared):,} bytes; the limit is {max_bytes:,}.")
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= max_bytes and not response.isclosed():
            # The response closes its socket at the end of the body; until then every read gets
            # what is left of the overall time limit.
            sock.settimeout(_remaining(deadline, f"reading {url}"))
            # read1: at most one socket read, so a slow drip cannot outlast the deadline.
            chunk = response.read1(min(_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except TimeoutError:
        raise FetchTimeout(f"Reading {url} took longer than allowed.") from None
    except (OSError, http.client.HTTPException) as error:
        raise ConnectionFailed(f"Reading {url} failed ({error}).") from None
    if size > max_bytes:
        raise ResponseTooLarge(f"{url} is larger than the limit of {max_bytes:,} bytes.")
    return b"".join(chunks)
