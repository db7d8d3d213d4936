"""Articles written for these tests (fictional outlets and people), ingested as an editor would."""

from pathlib import Path

import pytest

from provenance.services import ingestion_apply

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles" / "cross"


@pytest.fixture
def ingest(editor):
    """Ingest an article of tests/fixtures/articles/cross by name; returns the result."""

    def run(name: str):
        path = ARTICLES / f"{name}.html"
        return ingestion_apply(
            content=path.read_bytes(), content_type="text/html", created_by=editor
        )

    return run
