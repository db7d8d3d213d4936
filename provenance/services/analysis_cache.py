"""The cached provenance analysis on each claim, and its invalidation.

Whenever an assertion, citation, source or document changes, every claim whose graph can hold it
gets a new `graph_version` at once (inside the writing transaction, so nothing reads a stale
version as current), and its cached figures are recomputed once the transaction commits. One
transaction that touches a claim many times (an ingested article, a merge) recomputes it once:
a refresh skips claims whose cache already matches their graph version.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from provenance.analysis import analyze
from provenance.models import REVIEWED_VERDICTS, Assertion, Claim, Document, Source
from provenance.selectors import claim_provenances, claims_downstream, graph_hints

logger = logging.getLogger(__name__)
REFRESH_BATCH = 100
"""Claims whose graphs are read together: bounded, as a batch's graphs are held in memory."""


def graph_changed(
    *, assertions: QuerySet[Assertion] | None = None, claim_ids: Iterable[int] = ()
) -> set[int]:
    """Mark the claims downstream of `assertions` (and `claim_ids`) changed; refresh on commit."""
    ids = set(claim_ids)
    if assertions is not None:
        ids |= claims_downstream(assertions=assertions)
    if not ids:
        return ids
    # A verdict was given on the chain as it stood: a change to it sends the claim back to
    # the reviewers ("needs re-review"), until a new verdict is recorded.
    Claim.objects.filter(pk__in=ids).update(
        graph_version=F("graph_version") + 1,
        needs_rereview=Case(
            When(status__in=sorted(REVIEWED_VERDICTS), then=Value(True)),
            default=F("needs_rereview"),
        ),
    )
    transaction.on_commit(lambda: analyses_refresh_dispatch(claim_ids=ids))
    return ids


def source_changed(source: Source) -> set[int]:
    """A source's name, kind or affiliation shows in every graph its (or its affiliates')
    assertions are in."""
    return graph_changed(
        assertions=Assertion.objects.filter(Q(source=source) | Q(source__affiliation=source))
    )


def document_changed(document: Document) -> set[int]:
    return graph_changed(assertions=Assertion.objects.filter(document=document))


def analyses_refresh_dispatch(*, claim_ids: Iterable[int]) -> None:
    """Refresh now, or in the background when a change reaches very many claims."""
    ids = sorted(set(claim_ids))
    limit = settings.PROVENANCE_SYNC_REFRESH_LIMIT
    if len(ids) > limit and settings.PROVENANCE_BACKGROUND_TASKS:
        from provenance.tasks import refresh_analyses

        for start in range(0, len(ids), limit):
            refresh_analyses.delay(ids[start : start + limit])
        return
    analyses_refresh(claim_ids=ids)


def analyses_refresh(*, claim_ids: Iterable[int], force: bool = False) -> int:
    """Recompute the cached analysis of these claims; returns how many were recomputed.

    Their graphs are read in batches (three queries a batch, not three a claim), and the change
    hints on their hops with two more."""
    refreshed = 0
    versions = Claim.objects.filter(pk__in=list(claim_ids)).values_list(
        "pk", "graph_version", "analysis_version"
    )
    stale = {
        claim_id: graph_version
        for claim_id, graph_version, analysis_version in versions
        if force or analysis_version != graph_version
    }
    ids = sorted(stale)
    for start in range(0, len(ids), REFRESH_BATCH):
        graphs = claim_provenances(claim_ids=ids[start : start + REFRESH_BATCH])
        hints = graph_hints(graphs.values())
        for claim_id, graph in graphs.items():
            analysis = analyze(graph)
            # update(), not save(): derived figures are not an edit (no version, no history),
            # and the version guard leaves a claim alone if its graph changed again meanwhile.
            refreshed += Claim.objects.filter(pk=claim_id, graph_version=stale[claim_id]).update(
                independent_origins=analysis.independent_origins,
                circular=analysis.circular,
                chain_depth=analysis.depth,
                links=analysis.links,
                unchecked_links=analysis.unchecked_links,
                flagged=bool(analysis.flagged_documents),
                analysis_summary=analysis.summary,
                hints=sum(len(hints.get(edge.id, ())) for edge in graph.edges),
                analysed_at=timezone.now(),
                analysis_version=stale[claim_id],
            )
    return refreshed
