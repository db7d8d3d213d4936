"""Hops into the cited outlet's own report (DESIGN.md, "Across documents").

An article that cites an outlet ("…, Northwind Wire reported") records the outlet's assertion
without a document: what the outlet said, as the article tells it. When the same claim is also
asserted in a document that outlet published (its own report, ingested before or after), that
bare assertion is folded into the report's assertion: the article's citation now reaches the
report, and continues to whom the report itself relies on (Valley Courier → Northwind Wire's
article → the two officials), instead of stopping at a bare "Northwind Wire".

The report's own account of its sources replaces the relay's second-hand one: the bare
assertion's citations move to the report's assertion only when the report cites nothing itself;
otherwise they are dropped, with the bare assertions upstream that nothing cites any more.
Everything deleted stays in the history.

Confirmed document reuses link the copy's assertions to the original's here too
(provenance.services.reuse), so both kinds of cross-document link are refreshed together
whenever a claim's assertions change: a merge, an ingestion, a new assertion.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from provenance.models import Assertion, Citation, Document
from provenance.services.analysis_cache import graph_changed
from provenance.services.merging import assertions_fold, assertions_prune


def _report_order(assertion: Assertion) -> tuple:
    """The earliest report first: the one a later article can have relied on; undated last."""
    published = assertion.document.published_at
    moment = published.timestamp() if published else 0.0
    return (published is None, moment, assertion.document_id, assertion.pk)


@transaction.atomic
def claim_hops_link(
    *, claim_id: int, actor: AbstractBaseUser | None = None
) -> dict[int, Assertion]:
    """Fold the claim's bare assertions by an outlet (or anyone) into their own report of the
    claim, when one is recorded. Returns {folded assertion id: the report's assertion}. Two
    queries when there is nothing to fold."""
    assertions = list(
        Assertion.objects.select_for_update(of=("self",))
        .filter(claim_id=claim_id)
        .select_related("document")
        .defer("document__snapshot", "document__text")
        .order_by("id")
    )
    bare = {a.source_id: a for a in assertions if a.document_id is None}
    in_documents = [a for a in assertions if a.document_id is not None]
    if not bare or not in_documents:
        return {}
    authored: dict[int, set[int]] = {}
    for document_id, source_id in Document.authors.through.objects.filter(
        document_id__in={a.document_id for a in in_documents}
    ).values_list("document_id", "source_id"):
        authored.setdefault(document_id, set()).add(source_id)
    folds: dict[Assertion, Assertion] = {}
    for source_id, assertion in bare.items():
        reports = [
            a
            for a in in_documents
            if a.document.publisher_id == source_id or source_id in authored.get(a.document_id, ())
        ]
        if reports:
            # The source's own assertion in its report, else whoever speaks in it.
            own = [a for a in reports if a.source_id == source_id] or reports
            folds[assertion] = min(own, key=_report_order)
    if not folds:
        return {}
    folded = {gone.pk: into for gone, into in folds.items()}
    citing = set(
        Citation.objects.filter(citing_id__in={into.pk for into in folds.values()}).values_list(
            "citing_id", flat=True
        )
    )
    keep_outgoing = [gone.pk for gone, into in folds.items() if into.pk not in citing]
    orphans = assertions_fold(folds, keep_outgoing=keep_outgoing, actor=actor)
    assertions_prune(claim_id=claim_id, candidates=orphans, actor=actor)
    # Citations moved in bulk send no signals: the claims whose graphs reach the reports changed.
    graph_changed(assertions=Assertion.objects.filter(pk__in=[a.pk for a in folds.values()]))
    return folded


@transaction.atomic
def claim_links_refresh(
    *, claim_id: int, actor: AbstractBaseUser | None = None
) -> dict[int, Assertion]:
    """Every cross-document link the claim's assertions now allow: hops into cited reports and
    the citations of confirmed reuses. Returns the assertions folded, as claim_hops_link."""
    from provenance.services.reuse import reuse_citations_link

    folded = claim_hops_link(claim_id=claim_id, actor=actor)
    reuse_citations_link(claim_ids=[claim_id], actor=actor)
    return folded
