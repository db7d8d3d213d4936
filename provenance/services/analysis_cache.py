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
from django.db import connection, transaction
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
    _in_id_order(ids).update(
        graph_version=F("graph_version") + 1,
        needs_rereview=Case(
            When(status__in=sorted(REVIEWED_VERDICTS), then=Value(True)),
            default=F("needs_rereview"),
        ),
    )
    _refresh_on_commit(ids)
    return ids


def _in_id_order(ids: Iterable[int]) -> QuerySet[Claim]:
    """These claims, for an UPDATE that takes their row locks in id order.

    Two transactions that each mark a set of claims changed (two editors deleting citations
    into the same chains, say) would otherwise lock the shared rows in whatever order the plan
    meets them, and PostgreSQL could find them waiting on each other (a deadlock, which the API
    fuzzing met). Locking through an ordered SELECT ... FOR UPDATE keeps it one statement.
    """
    ordered = Claim.objects.filter(pk__in=ids).order_by("pk")
    if connection.vendor == "postgresql" and not connection.get_autocommit():
        return Claim.objects.filter(pk__in=ordered.select_for_update().values("pk"))
    return ordered.order_by()


def _refresh_on_commit(ids: set[int]) -> None:
    """Refresh these claims once the transaction commits, together with every other claim the
    transaction changed: an ingested article calls graph_changed dozens of times, and one
    refresh of all its claims reads their graphs in a batch and writes them in one statement.

    Each call registers its own callback (one registered inside a savepoint that rolls back is
    dropped with it); the first to run takes every pending id, the others find none. Ids left
    by a rolled-back transaction are refreshed with the next one: the refresh skips claims whose
    analysis is current, so that costs one read."""
    pending = _pending_refresh()
    pending |= ids

    def run():
        claim_ids = set(pending)
        pending.clear()
        if claim_ids:
            analyses_refresh_dispatch(claim_ids=claim_ids)

    transaction.on_commit(run)


def _pending_refresh() -> set[int]:
    database = transaction.get_connection()
    if not hasattr(database, "_provenance_pending_refresh"):
        database._provenance_pending_refresh = set()
    return database._provenance_pending_refresh


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
        rows = []
        for claim_id, graph in graphs.items():
            analysis = analyze(graph)
            rows.append(
                (
                    claim_id,
                    stale[claim_id],
                    analysis.independent_origins,
                    analysis.circular,
                    analysis.depth,
                    analysis.links,
                    analysis.unchecked_links,
                    bool(analysis.flagged_documents),
                    analysis.summary,
                    sum(len(hints.get(edge.id, ())) for edge in graph.edges),
                )
            )
        refreshed += _write_analyses(rows, analysed_at=timezone.now())
    return refreshed


# (column, SQL type) of each row _write_analyses takes, after the claim's id.
_ANALYSIS_COLUMNS = (
    ("graph_version", "integer"),
    ("independent_origins", "integer"),
    ("circular", "boolean"),
    ("chain_depth", "integer"),
    ("links", "integer"),
    ("unchecked_links", "integer"),
    ("flagged", "boolean"),
    ("analysis_summary", "text"),
    ("hints", "integer"),
)


def _write_analyses(rows: list[tuple], *, analysed_at) -> int:
    """Store a batch of analyses in one UPDATE (one per claim took ~10 ms each on PostgreSQL
    and was the largest part of an ingestion's writes); returns the rows written.

    update(), not save(): derived figures are not an edit (no version, no history). The graph
    version guard leaves a claim alone if its graph changed again since it was read, and the
    analysis version records which graph the figures describe. The rows come as a UNION ALL of
    typed SELECTs, which PostgreSQL and SQLite (3.33+: UPDATE ... FROM) both run.
    """
    if not rows:
        return 0
    cells = ", ".join(
        ["CAST(%s AS bigint) AS claim_id"]
        + [f"CAST(%s AS {kind}) AS {name}" for name, kind in _ANALYSIS_COLUMNS]
    )
    values = " UNION ALL ".join([f"SELECT {cells}"] * len(rows))
    table = Claim._meta.db_table
    assignments = ", ".join(
        f"{name} = new.{name}" for name, _ in _ANALYSIS_COLUMNS if name != "graph_version"
    )
    sql = (
        f"UPDATE {table} SET {assignments}, analysed_at = %s, "  # noqa: S608
        f"analysis_version = new.graph_version FROM ({values}) AS new "
        f"WHERE {table}.id = new.claim_id AND {table}.graph_version = new.graph_version"
    )
    params = [connection.ops.adapt_datetimefield_value(analysed_at)]
    params += [value for row in rows for value in row]
    if connection.vendor == "postgresql":
        # Row locks in id order, as graph_changed takes them (see _in_id_order).
        sql += (
            f" AND {table}.id IN (SELECT id FROM {table} WHERE id = ANY(%s) "  # noqa: S608
            "ORDER BY id FOR UPDATE)"
        )
        params.append(sorted(row[0] for row in rows))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
