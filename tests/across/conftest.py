"""Articles written for these tests (fictional outlets and people), ingested as an editor would."""

import pytest

from provenance.fixtures import ARTICLES_DIR
from provenance.services import ingestion_apply

ARTICLES = ARTICLES_DIR / "cross"


@pytest.fixture
def ingest(editor):
    """Ingest an article of provenance/fixtures/articles/cross by name; returns the result."""

    def run(name: str):
        path = ARTICLES / f"{name}.html"
        return ingestion_apply(
            content=path.read_bytes(), content_type="text/html", created_by=editor
        )

    return run
