"""Helpers shared by the ingest tests: small HTML pages from a known publisher."""

from __future__ import annotations

import pytest

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
