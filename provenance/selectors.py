"""Reads: the provenance traversal and the look-ups the services and interfaces share."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import connection, connections, router
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from provenance.graph import DocumentRef, Edge, Node, ProvenanceGraph, SourceRef
from provenance.hints import Hint, HopText, hop_hints
from provenance.models import Assertion, Citation, Claim, Document, Review, Source, SourceAlias
from provenance.names import normalize_name
from provenance.roles import sees_drafts


def _upstream(
    *, claim_ids: list[int], max_depth: int, max_nodes: int
) -> dict[int, list[tuple[int, int]]]:
    """Per claim, (id, distance) of its assertions and of everything upstream, nearest first,
    and at most one past the node cap (so that hitting the cap is visible).

    The graph may hold cycles (circular reporting is recorded as it happened), so the recursion
    cannot rely on reaching an end. UNION (not UNION ALL) removes repeated (root, id, distance)
    rows and the distance cap bounds the recursion, so the work is at most nodes x depth rows per
    claim whatever the shape of the graph; tracking visited paths instead would grow with the
    number of paths, which is exponential in a graph of converging rewrites. One statement for
    any number of claims, so the number of queries depends neither on the depth nor on how many
    claims are asked for. Plain SQL that PostgreSQL and SQLite both run.
    """
    assertion = Assertion._meta.db_table
    citation = Citation._meta.db_table
    placeholders = ", ".join(["%s"] * len(claim_ids))
    params: list[int] = [*claim_ids, max_depth]
    # One claim: the database stops at the cap. Several: each is capped as its rows come.
    limit = ""
    if len(claim_ids) == 1:
        limit = "LIMIT %s"
        params.append(max_nodes + 1)
    sql = f"""
        WITH RECURSIVE reach(root, id, distance) AS (
            SELECT claim_id, id, 0 FROM {assertion} WHERE claim_id IN ({placeholders})
            UNION
            SELECT reach.root, edge.cited_id, reach.distance + 1
            FROM reach JOIN {citation} AS edge ON edge.citing_id = reach.id
            WHERE reach.distance < %s
        )
        SELECT root, id, MIN(distance) FROM reach GROUP BY root, id
        ORDER BY root, MIN(distance), id {limit}
    """  # noqa: S608 -- table names come from model metadata; values are parameters.
    reached: dict[int, list[tuple[int, int]]] = {claim_id: [] for claim_id in claim_ids}
    # Routed as the ORM's reads are: the rows fetched next by id must come from the same copy.
    with connections[router.db_for_read(Assertion)].cursor() as cursor:
        cursor.execute(sql, params)
        for root, node_id, distance in cursor.fetchall():
            if len(reached[root]) <= max_nodes:
                reached[root].append((node_id, distance))
    return reached


def claim_provenance(
    *, claim_id: int, max_depth: int | None = None, max_nodes: int | None = None
) -> ProvenanceGraph:
    """Return a claim's provenance graph in two SQL queries, whatever its depth or size.

    Nodes are the claim's assertions and every assertion upstream of them along citations, up to
    `max_depth` hops and `max_nodes` assertions (nearest first); `truncated` says when a cap cut
    the graph. An unknown claim gives an empty graph.

    The traversal returns ids first and the rows are then fetched by id: with the ids as a
    literal list the planner knows how few rows it joins and uses the primary keys. Joined to
    the recursive query directly, it has to guess the traversal's size, and on a small database
    it guessed a hash join over every assertion (9 ms instead of 1 ms at 10k claims).
    """
    max_depth, max_nodes = _caps(max_depth, max_nodes)
    reached = _upstream(claim_ids=[claim_id], max_depth=max_depth, max_nodes=max_nodes)
    return _graphs(reached, max_depth=max_depth, max_nodes=max_nodes)[claim_id]


def claim_provenance_with_hints(
    *, claim_id: int, max_depth: int | None = None, max_nodes: int | None = None
) -> tuple[ProvenanceGraph, dict[int, tuple[Hint, ...]]]:
    """`claim_provenance` and `graph_hints` of it in two queries instead of three: the rows and
    edges statement also reads the words the hints compare (what the provenance endpoint
    answers)."""
    max_depth, max_nodes = _caps(max_depth, max_nodes)
    reached = _upstream(claim_ids=[claim_id], max_depth=max_depth, max_nodes=max_nodes)
    texts: dict[int, dict] = {}
    graph = _graphs(reached, max_depth=max_depth, max_nodes=max_nodes, hint_texts=texts)[claim_id]
    return graph, graph_hints([graph], texts=texts)


def claim_provenances(
    *, claim_ids: Iterable[int], max_depth: int | None = None, max_nodes: int | None = None
) -> dict[int, ProvenanceGraph]:
    """The provenance graphs of many claims in two SQL queries: what `claim_provenance` gives
    for each, for refreshing cached analyses in batches (an ingested article brings ~20 claims).

    One traversal seeded with every claim's assertions carries its root claim along; the caps
    apply to each claim's graph as they do alone.
    """
    max_depth, max_nodes = _caps(max_depth, max_nodes)
    claim_ids = sorted(set(claim_ids))
    if not claim_ids:
        return {}
    reached = _upstream(claim_ids=claim_ids, max_depth=max_depth, max_nodes=max_nodes)
    return _graphs(reached, max_depth=max_depth, max_nodes=max_nodes)


def _caps(max_depth: int | None, max_nodes: int | None) -> tuple[int, int]:
    max_depth = settings.PROVENANCE_MAX_DEPTH if max_depth is None else max_depth
    max_nodes = settings.PROVENANCE_MAX_NODES if max_nodes is None else max_nodes
    if max_depth < 0 or max_nodes < 1:
        raise ValueError("max_depth must be >= 0 and max_nodes >= 1.")
    return max_depth, max_nodes


def _graphs(
    reached: dict[int, list[tuple[int, int]]],
    *,
    max_depth: int,
    max_nodes: int,
    hint_texts: dict[int, dict] | None = None,
) -> dict[int, ProvenanceGraph]:
    """Each claim's graph from the (id, distance) pairs its traversal reached, nearest first
    (at most one past the node cap): the rows and the edges of all of them in one query.

    It is plain SQL read as tuples, the node rows and the edge rows united (a round trip
    fewer than two statements): the graph is built from plain values, and composing
    them through the ORM cost more than running them (most of an uncached provenance
    request's Python time). With `hint_texts` (a dict to fill), the edge query also reads the
    words the change hints compare, per citation id, saving `graph_hints` its query.
    """
    distances = {claim_id: dict(pairs[:max_nodes]) for claim_id, pairs in reached.items()}
    every_id = sorted({node_id for nodes in distances.values() for node_id in nodes})
    if not every_id:
        return {
            claim_id: ProvenanceGraph(claim_id=claim_id, max_depth=max_depth, max_nodes=max_nodes)
            for claim_id in reached
        }
    database = connections[router.db_for_read(Assertion)]
    rows: dict[int, tuple] = {}
    edges_from: dict[int, list[tuple]] = {}
    statement = _GRAPH_WITH_TEXTS_SQL if hint_texts is not None else _GRAPH_SQL
    # One statement, two kinds of rows: nodes (kind 0), then edges by id (kind 1).
    for kind, *row in _plain_rows(database, statement, every_id):
        if kind == 0:
            node = tuple(row[:_NODE_COLUMNS])
            rows[node[0]] = node
            continue
        edge = tuple(row[_NODE_COLUMNS:])
        edges_from.setdefault(edge[1], []).append(edge)
        if hint_texts is not None:
            hint_texts[edge[0]] = dict(zip(_HINT_TEXT_KEYS, edge[6:], strict=True))
    graphs = {}
    for claim_id, nodes in distances.items():
        if not nodes:
            graphs[claim_id] = ProvenanceGraph(
                claim_id=claim_id, max_depth=max_depth, max_nodes=max_nodes
            )
            continue
        truncated = len(reached[claim_id]) > max_nodes
        edges = []
        for edge_id, citing, cited, relation, fidelity, checked_at, *_ in sorted(
            (row for node_id in nodes for row in edges_from.get(node_id, ())),
            key=lambda row: row[0],
        ):
            if cited not in nodes:
                # An edge leaving the graph: a cap stopped the traversal before its end.
                truncated = True
                continue
            edges.append(
                Edge(
                    id=edge_id,
                    citing=citing,
                    cited=cited,
                    relation=relation,
                    fidelity=fidelity,
                    checked_at=checked_at,
                )
            )
        graphs[claim_id] = ProvenanceGraph(
            claim_id=claim_id,
            nodes=tuple(_node(rows[node_id], distance) for node_id, distance in nodes.items()),
            edges=tuple(edges),
            truncated=truncated,
            max_depth=max_depth,
            max_nodes=max_nodes,
        )
    return graphs


def _plain_rows(database, sql: tuple[str, tuple], ids: list[int]) -> list[tuple]:
    """The rows of one of the statements below for these ids, each column converted as the
    ORM converts it (SQLite hands back datetimes as text, for one)."""
    template, fields = sql
    converters = _converters(database, fields)
    with database.cursor() as cursor:
        slots = template.count("{ids}")
        cursor.execute(template.format(ids=", ".join(["%s"] * len(ids))), ids * slots)
        rows = cursor.fetchall()
    if not converters:
        return rows
    converted = []
    for row in rows:
        row = list(row)
        for index, functions, expression in converters:
            for function in functions:
                row[index] = function(row[index], expression, database)
        converted.append(tuple(row))
    return converted


_converter_cache: dict[tuple[str, tuple], list] = {}


def _converters(database, fields: tuple) -> list:
    """(column index, converters, expression) for the columns the backend converts."""
    key = (database.vendor, fields)
    if key not in _converter_cache:
        found = []
        for index, field in enumerate(fields):
            if field is None:  # a column of the statement's own, not a model field's
                continue
            expression = field.get_col(field.model._meta.db_table)
            functions = database.ops.get_db_converters(expression) + field.get_db_converters(
                database
            )
            if functions:
                found.append((index, functions, expression))
        _converter_cache[key] = found
    return _converter_cache[key]


def _statements() -> dict:
    """The node and edge statements, as (SQL with an {ids} slot, the model field of each
    column), written once from the models' metadata."""
    a, s, d, c = (model._meta for model in (Assertion, Source, Document, Citation))
    node_fields = (
        ("node", a, "id"),
        ("node", a, "claim"),
        ("node", a, "quote"),
        ("node", a, "quote_kind"),
        ("node", a, "source"),
        ("source", s, "name"),
        ("source", s, "kind"),
        ("source", s, "affiliation"),
        ("affiliation", s, "name"),
        ("source", s, "descriptor"),
        ("source", s, "anonymous_count"),
        ("node", a, "document"),
        ("document", d, "title"),
        ("document", d, "url"),
        ("document", d, "publisher"),
        ("publisher", s, "name"),
        ("document", d, "published_at"),
        ("document", d, "status"),
        ("document", d, "source_state"),
    )
    columns = [f"{alias}.{meta.get_field(name).column}" for alias, meta, name in node_fields]
    # Table and column names come from model metadata; values are parameters (the {ids} slot).
    select = ", ".join(columns)
    node_sql = (
        f"SELECT {select} FROM {a.db_table} AS node "  # noqa: S608
        f"JOIN {s.db_table} AS source ON source.id = node.source_id "
        f"LEFT JOIN {s.db_table} AS affiliation ON affiliation.id = source.affiliation_id "
        f"LEFT JOIN {d.db_table} AS document ON document.id = node.document_id "
        f"LEFT JOIN {s.db_table} AS publisher ON publisher.id = document.publisher_id "
        "WHERE node.id IN ({ids})"
    )
    edge_names = ("id", "citing", "cited", "relation", "fidelity", "checked_at")
    edge_columns = ", ".join(f"edge.{c.get_field(name).column}" for name in edge_names)
    edge_sql = (
        f"SELECT {edge_columns} FROM {c.db_table} AS edge "  # noqa: S608
        "WHERE edge.citing_id IN ({ids}) "
    )
    text_fields = (
        (c, "evidence", "edge"),
        (a, "selector_exact", "cited"),
        (a, "selector_prefix", "cited"),
        (a, "selector_suffix", "cited"),
        (d, "text", "document"),
    )
    text_columns = ", ".join(
        f"{alias}.{meta.get_field(name).column}" for meta, name, alias in text_fields
    )
    edge_with_texts_sql = (
        f"SELECT {edge_columns}, {text_columns} FROM {c.db_table} AS edge "  # noqa: S608
        f"JOIN {a.db_table} AS cited ON cited.id = edge.cited_id "
        f"LEFT JOIN {d.db_table} AS document ON document.id = cited.document_id "
        "WHERE edge.citing_id IN ({ids}) "
    )
    node_model_fields = tuple(meta.get_field(name) for _, meta, name in node_fields)
    edge_fields = tuple(c.get_field(name) for name in edge_names)
    text_model_fields = tuple(meta.get_field(name) for meta, name, _ in text_fields)

    def united(edges: str, edge_model_fields: tuple) -> tuple[str, tuple]:
        """The node rows and the edge rows as one statement: each branch pads the other's
        columns with NULLs, a kind column tells them apart, and edges come in id order."""
        node_part = node_sql.replace("SELECT ", "SELECT 0, ", 1).replace(
            " FROM ", ", " + "NULL, " * (len(edge_model_fields) - 1) + "NULL FROM ", 1
        )
        edge_part = edges.replace("SELECT ", "SELECT 1, " + "NULL, " * len(node_fields), 1)
        order = f"ORDER BY 1, {2 + len(node_fields)}"
        return (
            f"{node_part} UNION ALL {edge_part}{order}",
            (None, *node_model_fields, *edge_model_fields),
        )

    return {
        "graph": united(edge_sql, edge_fields),
        "graph_with_texts": united(edge_with_texts_sql, edge_fields + text_model_fields),
        "node_columns": len(node_fields),
    }


_STATEMENTS = _statements()
_GRAPH_SQL = _STATEMENTS["graph"]
_GRAPH_WITH_TEXTS_SQL = _STATEMENTS["graph_with_texts"]
_NODE_COLUMNS = _STATEMENTS["node_columns"]
# graph_hints' names for the words the edge statement reads with `hint_texts`.
_HINT_TEXT_KEYS = (
    "evidence",
    "cited__selector_exact",
    "cited__selector_prefix",
    "cited__selector_suffix",
    "cited__document__text",
)


def claim_versions(*, claim_id: int) -> tuple[int, int, datetime, Claim, bool] | None:
    """(version, graph_version, created_at, claim, published) of a claim, or None: what a
    cached answer is keyed by, the claim with the fields a provenance answer shows (id, text,
    status, retracted_at; nothing else is loaded), and whether the public may see it. Plain SQL
    in one query on the hottest path: a cached provenance answer needs nothing else, and an
    uncached one no second look-up."""
    database = connections[router.db_for_read(Claim)]
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT version, graph_version, created_at, text, status, retracted_at, "  # noqa: S608
            "published_at IS NOT NULL "
            f"FROM {Claim._meta.db_table} WHERE id = %s",
            [claim_id],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    version, graph_version, created_at, text, status, retracted_at, published = row
    # Raw rows skip the ORM's converters: SQLite hands back text, PostgreSQL a datetime.
    if not isinstance(created_at, datetime):
        created_at = Claim._meta.get_field("created_at").to_python(created_at)
    if retracted_at is not None and not isinstance(retracted_at, datetime):
        retracted_at = Claim._meta.get_field("retracted_at").to_python(retracted_at)
    claim = Claim(id=claim_id, text=text, status=status, retracted_at=retracted_at)
    return version, graph_version, created_at, claim, bool(published)


def claim_state(*, claim_id: int) -> tuple | None:
    """What a cached rendering of the claim's own page is keyed by, in one indexed query:
    (created_at, version, graph_version, analysis_version, analysed_at, reviews, published),
    or None. `published` is False for a draft, which only editors and reviewers may see.

    The version changes with every edit of the claim (its wording, a verdict, a retraction, a
    merge), the graph version with anything upstream (assertions, citations, their sources and
    documents), and the analysis version and time when the cached analysis columns are
    recomputed (a forced refresh keeps the version and changes the time). Reviews are counted
    with their newest id, so a verdict recorded without the claim's save (a fixture, the admin)
    still shows. The creation time guards against a restored database handing out an old id
    again."""
    claim, review = Claim._meta.db_table, Review._meta.db_table
    database = connections[router.db_for_read(Claim)]
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT created_at, version, graph_version, analysis_version, analysed_at, "  # noqa: S608
            f"(SELECT COUNT(*) || '.' || COALESCE(MAX(r.id), 0) FROM {review} AS r "
            "WHERE r.claim_id = c.id), c.published_at IS NOT NULL "
            f"FROM {claim} AS c WHERE c.id = %s",
            [claim_id],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    created_at, version, graph_version, analysis_version, analysed_at, reviews, published = row
    to_python = Claim._meta.get_field("created_at").to_python
    # Raw rows skip the ORM's converters: SQLite hands back text, PostgreSQL a datetime.
    if not isinstance(created_at, datetime):
        created_at = to_python(created_at)
    if analysed_at is not None and not isinstance(analysed_at, datetime):
        analysed_at = to_python(analysed_at)
    return (
        created_at.timestamp(),
        version,
        graph_version,
        analysis_version,
        analysed_at.timestamp() if analysed_at else None,
        reviews,
        bool(published),
    )


def claims_downstream(*, assertions: QuerySet[Assertion]) -> set[int]:
    """Ids of the claims whose provenance graph can hold any of `assertions`.

    Their own claims, and every claim with an assertion that cites them directly or through
    others: the reverse of the provenance traversal, used to invalidate cached analyses. UNION
    on the id alone visits each assertion once, so loops terminate and the work is bounded by
    the part of the graph downstream of the seed, in one statement.
    """
    seed_sql, seed_params = assertions.order_by().values("id").query.sql_with_params()
    assertion = Assertion._meta.db_table
    citation = Citation._meta.db_table
    sql = f"""
        WITH RECURSIVE down(id) AS (
            {seed_sql}
            UNION
            SELECT edge.citing_id FROM down JOIN {citation} AS edge ON edge.cited_id = down.id
        )
        SELECT DISTINCT node.claim_id FROM down JOIN {assertion} AS node ON node.id = down.id
    """  # noqa: S608 -- the seed is Django-compiled SQL with its parameters kept separate.
    with connection.cursor() as cursor:
        cursor.execute(sql, seed_params)
        return {row[0] for row in cursor.fetchall()}


def _node(row: tuple, distance: int) -> Node:
    """A node from a row of the node statement (its columns in `_statements`' order)."""
    (
        node_id,
        claim_id,
        quote,
        quote_kind,
        source_id,
        source_name,
        source_kind,
        affiliation_id,
        affiliation_name,
        descriptor,
        anonymous_count,
        document_id,
        title,
        url,
        publisher_id,
        publisher_name,
        published_at,
        status,
        source_state,
    ) = row
    source = SourceRef(
        id=source_id,
        name=source_name,
        kind=source_kind,
        affiliation_id=affiliation_id,
        affiliation_name=affiliation_name,
        descriptor=descriptor,
        anonymous_count=anonymous_count,
    )
    document = None
    if document_id is not None:
        document = DocumentRef(
            id=document_id,
            title=title,
            url=url,
            publisher_id=publisher_id,
            publisher_name=publisher_name,
            published_at=published_at,
            status=status,
            source_state=source_state,
        )
    return Node(
        id=node_id,
        claim_id=claim_id,
        source=source,
        document=document,
        quote=quote,
        quote_kind=quote_kind,
        distance=distance,
    )


def source_find(*, name: str, kind: str | None = None) -> Source | None:
    """The source called `name` (or known by it as an alias), of `kind` when given."""
    key = normalize_name(name)
    sources = Source.objects.filter(
        Q(normalized_name=key)
        | Q(id__in=SourceAlias.objects.filter(normalized_name=key).values("source_id"))
    )
    if kind:
        sources = sources.filter(kind=kind)
    return sources.order_by("id").first()


def assertion_count(*, per: str) -> Coalesce:
    """An annotation counting assertions per claim (`per="claim"`) or per source (`"source"`).

    A subquery rather than Count() over a join: filters and searches that join assertions
    would multiply a join-based count, and an aggregate would drop the model's ordering.
    """
    counted = (
        Assertion.objects.filter(**{per: OuterRef("pk")})
        .order_by()
        .values(per)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), 0)


def sources_by_names(*, names: Iterable[str]) -> dict[str, list[Source]]:
    """Sources known by each name (their own or an alias), keyed by normalized name, oldest
    first. Two queries however many names: ingestion resolves a whole article at once."""
    keys = {normalize_name(name) for name in names} - {""}
    found: dict[str, dict[int, Source]] = {key: {} for key in keys}
    if not keys:
        return {}
    for source in Source.objects.filter(normalized_name__in=keys):
        found[source.normalized_name][source.pk] = source
    for alias in SourceAlias.objects.filter(normalized_name__in=keys).select_related("source"):
        found[alias.normalized_name][alias.source_id] = alias.source
    return {key: [by_id[pk] for pk in sorted(by_id)] for key, by_id in found.items() if by_id}


def graph_hints(
    graphs: Iterable[ProvenanceGraph], *, texts: dict[int, dict] | None = None
) -> dict[int, tuple[Hint, ...]]:
    """Change hints per citation (edge id) of these graphs: one query for any number of them,
    none when `texts` already holds the words compared (`claim_provenance_with_hints`).

    The citing side's words are its quote (else the citation's evidence); the cited side's its
    quote, else the passage its TextQuoteSelector locates in its document's text, which is also
    where quoted words are looked for (provenance.hints).
    """
    graphs = list(graphs)
    edges = {edge.id: (graph, edge) for graph in graphs for edge in graph.edges}
    if not edges:
        return {}
    # One query: each citation's evidence with its cited assertion's selector and document.
    rows = (
        texts
        if texts is not None
        else {
            row["id"]: row
            for row in Citation.objects.filter(id__in=list(edges))
            .order_by()
            .values(
                "id",
                "evidence",
                "cited__selector_exact",
                "cited__selector_prefix",
                "cited__selector_suffix",
                "cited__document__text",
            )
        }
    )
    found: dict[int, tuple[Hint, ...]] = {}
    for edge_id, (graph, edge) in edges.items():
        citing, target = graph.node(edge.citing), graph.node(edge.cited)
        row = rows.get(edge_id, {})
        upstream = tuple(
            (graph.node(e.cited).source.name, graph.node(e.cited).source.kind)
            for e in graph.edges
            if e.citing == edge.cited
        )
        hints = hop_hints(
            HopText(
                citing_quote=citing.quote,
                citing_quote_kind=citing.quote_kind,
                citing_evidence=row.get("evidence") or "",
                relation=edge.relation,
                cited_quote=target.quote,
                cited_quote_kind=target.quote_kind,
                cited_exact=row.get("cited__selector_exact") or "",
                cited_prefix=row.get("cited__selector_prefix") or "",
                cited_suffix=row.get("cited__selector_suffix") or "",
                cited_document_text=row.get("cited__document__text") or "",
                cited_sources=upstream,
            )
        )
        if hints:
            found[edge_id] = hints
    return found


def published_only(
    queryset: QuerySet, *, user=None, claim: str = "", drafts: bool | None = None
) -> QuerySet:
    """`queryset` without drafts, unless `user` may see them (`provenance.roles.sees_drafts`),
    or `drafts` says so when the caller knows already.

    `claim` is the path from the queryset's model to its claim (`"claim"` for assertions,
    `"citing__claim"` for citations); empty for claims themselves. A join, never a query."""
    if sees_drafts(user) if drafts is None else drafts:
        return queryset
    field = f"{claim}__published_at" if claim else "published_at"
    return queryset.filter(**{f"{field}__isnull": False})
