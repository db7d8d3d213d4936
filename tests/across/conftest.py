"""Articles written for these tests (fictional outlets and people), ingested as an editor would."""

import pytest
from django.db.models import F

from provenance.fixtures import ARTICLES_DIR
from provenance.models import Claim
from provenance.services import ingestion_apply

ARTICLES = ARTICLES_DIR / "cross"


@pytest.fixture
def ingest(editor):
    """Ingest an article of provenance/fixtures/articles/cross by name; returns the result."""

    def run(name: str):
        path = ARTICLES / f"{name}.html"
        result = ingestion_apply(
            content=path.read_bytes(), content_type="text/html", created_by=editor
        )
        # Ingested claims are drafts; these tests read them as the public would once an
        # editor published them: set as the migration publishes existing claims (rows and
        # history alike), so versions and histories stay as ingestion left them.
        for rows in (Claim.objects, Claim.history):
            rows.filter(published_at__isnull=True).update(published_at=F("created_at"))
        return result

    return run
