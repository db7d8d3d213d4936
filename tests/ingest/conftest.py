"""Helpers shared by the ingest tests: small HTML pages from a known publisher, a local server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from provenance.fixtures import ARTICLES_DIR
from provenance.ingest import Extraction, extract

PUBLISHER = "Daily Planet"


def page(*paragraphs: str, title: str = "Headline") -> str:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f'<html><head><meta property="og:site_name" content="{PUBLISHER}">'
        f"<title>{title}</title></head><body><article>{body}</article></body></html>"
    )


def edges(result: Extraction) -> list[tuple[str | None, str, str]]:
    return [(c.source, c.target, c.relation) for c in result.citations]


@pytest.fixture
def run():
    def run(*paragraphs: str, title: str = "Headline") -> Extraction:
        return extract(page(*paragraphs, title=title))

    return run


class _ArticleHandler(BaseHTTPRequestHandler):
    """Serves the project's articles and a few bad answers; see `article_server`."""

    def log_message(self, format: str, *args: object) -> None:  # silence the test output
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        answers = {
            "/caliber": (200, "text/html; charset=utf-8", ARTICLES_DIR / "founding-chain.html"),
            "/caliber.txt": (200, "text/plain", ARTICLES_DIR / "founding-chain.txt"),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
            "/big": (200, "text/html", b"<p>" + b"a" * 4000 + b"</p>"),
        }
        status, kind, body = answers.get(self.path, (404, "text/plain", b"Not here."))
        body = body.read_bytes() if isinstance(body, Path) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def article_server() -> Iterator[str]:
    """A local HTTP server in a thread (no test touches the internet): /caliber (the founding
    HTML), /caliber.txt, /image (a PNG), /big (4 KB), anything else 404."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ArticleHandler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fetch_local(settings):
    """Let fetching reach the local test server (private addresses are refused by default)."""
    settings.PROVENANCE_FETCH_ALLOW_PRIVATE = True
    settings.PROVENANCE_FETCH_TIMEOUT = 5
    return settings
