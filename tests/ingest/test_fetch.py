"""`fetch` against a local http.server in a thread; the address checks without any network."""

from __future__ import annotations

import importlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from provenance.ingest import (
    BlockedAddress,
    ContentTooLarge,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    ResponseTooLarge,
    TooManyRedirects,
    fetch,
)

# The package re-exports the function `fetch`, which hides the submodule of the same name.
fetch_module = importlib.import_module("provenance.ingest.fetch")
ARTICLE = b"<html><body><p>Hello, Jane Doe said.</p></body></html>"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # silence the test output
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if "Content-Length" not in (headers or {}) and body is not None:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        port = self.server.server_address[1]
        if self.path == "/article":
            self._send(200, ARTICLE, {"Content-Type": "text/html; charset=utf-8"})
        elif self.path == "/host":
            self._send(200, self.headers["Host"].encode(), {"Content-Type": "text/plain"})
        elif self.path == "/redirect":
            self._send(302, headers={"Location": "/article"})
        elif self.path.startswith("/chain/"):
            left = int(self.path.rsplit("/", 1)[1])
            self._send(302, headers={"Location": f"/chain/{left - 1}" if left else "/article"})
        elif self.path == "/loop":
            self._send(302, headers={"Location": "/loop"})
        elif self.path == "/to-private":
            self._send(302, headers={"Location": f"http://127.0.0.2:{port}/article"})
        elif self.path == "/missing":
            self._send(404, b"no")
        elif self.path == "/big-declared":
            self._send(200, b"x" * 5000)
        elif self.path == "/big-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: read until the limit, then stop
            for _ in range(100):
                self.wfile.write(b"y" * 1000)
        elif self.path == "/slow":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):  # 10 s of trickle: far beyond any limit a test sets
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.1)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetches_an_article(server):
    fetched = fetch(f"{server}/article", max_bytes=10_000, timeout=5, allow_private=True)
    assert (fetched.status, fetched.content, fetched.content_type) == (
        200,
        ARTICLE,
        "text/html; charset=utf-8",
    )
    assert fetched.url == fetched.final_url == f"{server}/article"


def test_follows_redirects(server):
    fetched = fetch(f"{server}/redirect", max_bytes=10_000, timeout=5, allow_private=True)
    assert (fetched.url, fetched.final_url) == (f"{server}/redirect", f"{server}/article")
    fetched = fetch(f"{server}/chain/4", max_bytes=10_000, timeout=5, allow_private=True)
    assert fetched.content == ARTICLE  # 5 redirects: the limit


def test_too_many_redirects(server):
    with pytest.raises(TooManyRedirects) as caught:
        fetch(f"{server}/loop", max_bytes=10_000, timeout=5, allow_private=True)
    assert str(caught.value) == f"{server}/loop redirected more than 5 times."
    with pytest.raises(TooManyRedirects):
        fetch(f"{server}/chain/5", max_bytes=10_000, timeout=5, allow_private=True)


def test_error_status(server):
    with pytest.raises(HTTPStatusError) as caught:
        fetch(f"{server}/missing", max_bytes=10_000, timeout=5, allow_private=True)
    assert str(caught.value) == f"The server answered 404 Not Found for {server}/missing."


def test_declared_size_over_the_limit(server):
    with pytest.raises(ResponseTooLarge) as caught:
        fetch(f"{server}/big-declared", max_bytes=1000, timeout=5, allow_private=True)
    assert str(caught.value) == f"{server}/big-declared is 5,000 bytes; the limit is 1,000."
    assert isinstance(caught.value, ContentTooLarge) and isinstance(caught.value, FetchError)


def test_streamed_size_over_the_limit_stops_reading(server):
    with pytest.raises(ResponseTooLarge) as caught:
        fetch(f"{server}/big-streamed", max_bytes=2500, timeout=5, allow_private=True)
    assert str(caught.value) == f"{server}/big-streamed is larger than the limit of 2,500 bytes."


def test_overall_time_limit(server):
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fetch(f"{server}/slow", max_bytes=10_000, timeout=0.5, allow_private=True)
    # Stopped at its limit, long before the 10 s the server would trickle (room for a loaded
    # machine between the two).
    assert time.monotonic() - started < 5
    assert str(caught.value) in (
        f"Reading {server}/slow took longer than allowed.",
        f"Fetching took longer than allowed (reading {server}/slow).",
    )


def test_connects_to_the_address_it_checked(server, monkeypatch):
    """The host is resolved once per hop; the connection uses that answer (no rebinding)."""
    port = server.rsplit(":", 1)[1]
    real = socket.getaddrinfo
    calls = []

    def resolve_once(host, *args, **kwargs):
        if host == "rebind.test":
            calls.append(host)
            if len(calls) > 1:
                raise socket.gaierror("resolved twice")
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve_once)
    fetched = fetch(f"http://rebind.test:{port}/host", max_bytes=100, timeout=5, allow_private=True)
    assert fetched.content == f"rebind.test:{port}".encode()
    assert calls == ["rebind.test"]


def test_every_redirect_hop_is_checked(server, monkeypatch):
    # Treat only 127.0.0.2 as private, so the first hop (127.0.0.1) passes and the redirect fails.
    monkeypatch.setattr(fetch_module, "blocked", lambda address: str(address) == "127.0.0.2")
    with pytest.raises(BlockedAddress) as caught:
        fetch(f"{server}/to-private", max_bytes=10_000, timeout=5)
    assert str(caught.value) == (
        "The host 127.0.0.2 resolves to 127.0.0.2, a private or reserved address, "
        "which is not fetched."
    )


@pytest.mark.parametrize(
    ("url", "host", "address"),
    [
        ("http://127.0.0.1/", "127.0.0.1", "127.0.0.1"),
        ("http://10.0.0.1/", "10.0.0.1", "10.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "169.254.169.254"),
        ("http://[::1]:8080/", "::1", "::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "::ffff:127.0.0.1"),
        ("https://0.0.0.0/", "0.0.0.0", "0.0.0.0"),  # noqa: S104 (a refused address)
        ("http://224.0.0.1/", "224.0.0.1", "224.0.0.1"),
        ("http://localhost/", "localhost", "127.0.0.1"),
    ],
)
def test_private_addresses_are_refused(url, host, address, monkeypatch):
    real = socket.getaddrinfo
    # "localhost" may list ::1 first on some machines: pin it to 127.0.0.1 for an exact message.
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda h, *a, **k: real("127.0.0.1" if h == "localhost" else h, *a, **k),
    )
    with pytest.raises(BlockedAddress) as caught:
        fetch(url, max_bytes=1000, timeout=5)
    assert str(caught.value) == (
        f"The host {host} resolves to {address}, a private or reserved address, "
        "which is not fetched."
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/file", "Only http and https URLs can be fetched, not 'ftp://example.com/file'."),
        ("file:///etc/passwd", "Only http and https URLs can be fetched, not 'file:///etc/passwd'."),
        ("http:///path", "The URL 'http:///path' has no host name."),
        ("http://example.com:99999/", "The URL 'http://example.com:99999/' has an invalid port."),
    ],
)  # fmt: skip
def test_invalid_urls(url, message):
    with pytest.raises(InvalidURL) as caught:
        fetch(url, max_bytes=1000, timeout=5)
    assert str(caught.value) == message
