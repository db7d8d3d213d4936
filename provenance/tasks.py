"""Background tasks (Celery). Each is a thin wrapper around a service."""

from celery import shared_task

from provenance.services.analysis_cache import analyses_refresh


@shared_task(name="provenance.refresh_analyses")
def refresh_analyses(claim_ids: list[int]) -> int:
    """Recompute the cached analysis of these claims (skips those already current)."""
    return analyses_refresh(claim_ids=claim_ids)
