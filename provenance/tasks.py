"""Background tasks (Celery). Each is a thin wrapper around a service."""

import base64

from celery import shared_task
from django.contrib.auth import get_user_model

from provenance.services.analysis_cache import analyses_refresh
from provenance.services.claim_vectors import claim_vectors_compute
from provenance.services.ingestion import (
    ingestion_apply,
    ingestion_content_type,
    ingestion_fetch,
)
from provenance.services.watching import watch_run


@shared_task(name="provenance.refresh_analyses")
def refresh_analyses(claim_ids: list[int]) -> int:
    """Recompute the cached analysis of these claims (skips those already current)."""
    return analyses_refresh(claim_ids=claim_ids)


@shared_task(name="provenance.embed_claims")
def embed_claims(claim_ids: list[int]) -> int:
    """Compute and store these claims' matching vectors, then match them (skips current ones)."""
    return claim_vectors_compute(claim_ids=claim_ids)


@shared_task(name="provenance.ingest_article")
def ingest_article(
    *,
    content_b64: str | None = None,
    fetch_url: str | None = None,
    url: str | None = None,
    content_type: str | None = None,
    user_id: int | None = None,
) -> dict:
    """Ingest one article outside the request: its bytes (base64, as the JSON serializer
    carries them) or a URL the worker fetches. Returns the result as plain data."""
    fetched = None
    if fetch_url is not None:
        fetched = ingestion_fetch(url=fetch_url)
        content = fetched.content
        url = url or fetched.final_url
        content_type = ingestion_content_type(declared=fetched.content_type)
    else:
        content = base64.b64decode(content_b64 or "")
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    result = ingestion_apply(
        content=content, url=url, content_type=content_type, created_by=user, fetched=fetched
    )
    return result.as_dict()


@shared_task(name="provenance.watch_sources")
def watch_sources(limit: int | None = None) -> dict:
    """One watch run (Celery beat starts one every PROVENANCE_WATCH_RUN_SECONDS): enrol new
    documents, fetch the due ones again, record what each says. Returns the counts."""
    run = watch_run(limit=limit)
    return {"enrolled": run.enrolled, "deferred": run.deferred, **run.counts()}
