"""A local web server whose pages the tests change: the sources the watch fetches again."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PUBLISHER = "The Harbour Ledger"


def article(*paragraphs: str, sidebar: str = "Updated 1 March", title: str = "Ferry plan") -> bytes:
    """A fictional outlet's article page: the article text plus a sidebar (boilerplate)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html><head><meta property="og:site_name" content="{PUBLISHER}">'
        f"<title>{title}</title></head><body>"
        f'<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        f'<aside class="sidebar"><p>{sidebar}</p><p>Advertisement: buy tide tables.</p></aside>'
        f"</body></html>"
    ).encode()


@dataclass
class Site:
    """What each path answers: (status, headers, body), changed by the tests as they go."""

    base: str = ""
    pages: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes, *, status: int = 200, **headers: str) -> str:
        headers = {"Content-Type": "text/html; charset=utf-8", **headers}
        self.pages[path] = (status, headers, body)
        return self.url(path)

    def redirect(self, path: str, to: str, *, status: int = 301) -> str:
        self.pages[path] = (status, {"Location": to}, b"")
        return self.url(path)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # silence the test output
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        site: Site = self.server.site  # type: ignore[attr-defined]
        site.hits.append(self.path)
        if self.path == "/slow":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):  # 10 s of trickle: far beyond any limit a test sets
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the reader must stop at its limit
            for _ in range(200):
                self.wfile.write(b"<p>" + b"w" * 1000 + b"</p>")
            return
        status, headers, body = site.pages.get(
            self.path, (404, {"Content-Type": "text/plain"}, b"Not here.")
        )
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def _server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(_server, settings) -> Site:
    """A fresh set of pages on the local server, and fetching allowed to reach it."""
    settings.PROVENANCE_FETCH_ALLOW_PRIVATE = True
    settings.PROVENANCE_FETCH_TIMEOUT = 5
    settings.PROVENANCE_WATCH_HOST_SPACING_SECONDS = 0
    _server.site = Site(base=f"http://127.0.0.1:{_server.server_address[1]}")
    return _server.site
