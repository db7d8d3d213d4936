"""Writing a planned article's claims, assertions and citations: in bulk, with their history.

Every row here belongs to a claim created by the same ingestion, so no existing graph changes.
The per-row services (`claim_create`, `assertion_add`, `citation_add`) would each run the
model's constraint checks as queries, open a savepoint, write a history row and invalidate the
cached analyses: about twenty statements a row, a second for a 50 KB article
(bench/ingest_throughput.py). Here fields are validated in Python, the database constraints
have the last word (everything is in the ingestion's transaction: a violation rolls it all
back), history rows are written in bulk for the same user, and the new claims' cached analyses
are invalidated once, to be refreshed on commit as after any change.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from provenance.models import Assertion, Citation, Claim, Document, Source
from provenance.services.analysis_cache import graph_changed
from provenance.services.claim_vectors import claim_vectors_store
from provenance.services.ingestion.plan import Plan

# Related rows are created or checked by this ingestion: validating them would only query.
_RELATED = ("claim", "source", "document", "citing", "cited", "created_by")


def claims_write(
    *,
    plan: Plan,
    source: Callable[[str], Source],
    document: Document,
    created_by: AbstractBaseUser | None,
    publish: bool = False,
) -> tuple[list[Claim], int, int]:
    """Create the planned claims (drafts unless `publish`: its permission is the caller's to
    check), their assertions and citations (unchecked).

    `source` gives the record of a source named in the plan. Returns the claims and how many
    assertions and citations were created.
    """
    published_at = timezone.now() if publish else None
    signed_in = created_by is not None and created_by.is_authenticated
    published_by = created_by if publish and signed_in else None
    claims = _created(
        Claim,
        [
            Claim(
                text=planned.text.strip(),
                context=planned.context.strip(),
                created_by=created_by,
                published_at=published_at,
                published_by=published_by,
            )
            for planned in plan.claims
        ],
        created_by,
    )
    assertions = _created(
        Assertion,
        [
            Assertion(
                claim=claim,
                source=source(node.source),
                document=document if node.in_document else None,
                quote=node.quote.strip(),
                quote_kind=node.quote_kind,
                selector_exact=node.selector.exact if node.selector else "",
                selector_prefix=node.selector.prefix if node.selector else "",
                selector_suffix=node.selector.suffix if node.selector else "",
                created_by=created_by,
            )
            for claim, planned in zip(claims, plan.claims, strict=True)
            for node in planned.nodes
        ],
        created_by,
    )
    citations = []
    start = 0
    for planned in plan.claims:
        nodes = assertions[start : start + len(planned.nodes)]
        start += len(planned.nodes)
        citations.extend(
            Citation(
                citing=nodes[hop.citing],
                cited=nodes[hop.cited],
                relation=hop.relation,
                evidence=hop.evidence.strip(),
                created_by=created_by,
            )
            for hop in planned.hops
        )
    _created(Citation, citations, created_by)
    if claims:
        graph_changed(claim_ids=[claim.pk for claim in claims])
        # Bulk creation sends no post_save. The new claims' vectors are stored now, in one
        # batch, rather than on commit: the matcher that runs next reads them instead of
        # embedding each wording alone, and on commit there would be nothing left to do but
        # match the claims a second time.
        claim_vectors_store(claim_ids=[claim.pk for claim in claims])
    return claims, len(assertions), len(citations)


def _created(model: type[models.Model], rows: list, user: AbstractBaseUser | None) -> list:
    for row in rows:
        row.full_clean(exclude=_RELATED, validate_unique=False, validate_constraints=False)
    if not rows:
        return rows
    return bulk_create_with_history(rows, model, default_user=user)
