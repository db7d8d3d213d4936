"""Hand-built provenance graphs for the analysis tests: plain data, no database."""

from __future__ import annotations

from datetime import UTC, datetime

from provenance.graph import DocumentRef, Edge, Node, ProvenanceGraph, SourceRef

CLAIM_ID = 1


def outlet(source_id: int, name: str, **fields: object) -> SourceRef:
    return SourceRef(id=source_id, name=name, kind="outlet", **fields)


def person(source_id: int, name: str, **fields: object) -> SourceRef:
    return SourceRef(id=source_id, name=name, kind="person", **fields)


def organization(source_id: int, name: str, **fields: object) -> SourceRef:
    return SourceRef(id=source_id, name=name, kind="organization", **fields)


def anonymous(source_id: int, name: str, **fields: object) -> SourceRef:
    return SourceRef(id=source_id, name=name, kind="anonymous", **fields)


def day(text: str) -> datetime:
    """An aware publication date: "2026-01-01"."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class GraphBuilder:
    """Adds assertions and citations, then builds the graph the selector would return."""

    def __init__(self, claim_id: int = CLAIM_ID) -> None:
        self.claim_id = claim_id
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.sources: dict[str, SourceRef] = {}

    def source(
        self,
        name: str,
        kind: str = "outlet",
        *,
        affiliation: str | None = None,
        descriptor: str = "",
        count: int | None = None,
    ) -> SourceRef:
        """The source called `name`, made on first mention (its affiliation too)."""
        if name not in self.sources:
            parent = self.source(affiliation, "organization") if affiliation else None
            self.sources[name] = SourceRef(
                id=len(self.sources) + 100,
                name=name,
                kind=kind,
                affiliation_id=parent.id if parent else None,
                affiliation_name=affiliation,
                descriptor=descriptor,
                anonymous_count=count,
            )
        return self.sources[name]

    def node(
        self,
        name: str,
        kind: str = "outlet",
        *,
        claim: int | None = None,
        own_document: bool = False,
        published: str | datetime | None = None,
        status: str = "published",
        **source: object,
    ) -> int:
        """Shorthand: an assertion by the source called `name` (see `source`)."""
        node_id = self.assert_(  # noqa: UP005 -- this builder's method, not unittest's
            self.source(name, kind, **source),
            own_document=own_document,
            published=published.date().isoformat()
            if isinstance(published, datetime)
            else published,
            status=status,
            claim_id=claim,
        )
        return node_id

    def chain(self, *node_ids: int, fidelity: str = "unchecked") -> None:
        """Each node cites the next."""
        for citing, cited in zip(node_ids, node_ids[1:], strict=False):
            self.cite(citing, cited, fidelity)

    def graph(self, **fields: object) -> ProvenanceGraph:
        return self.build(**fields)

    def assert_(
        self,
        source: SourceRef,
        *,
        node_id: int | None = None,
        own_document: bool = False,
        published: str | None = None,
        status: str = "published",
        publisher: SourceRef | None = None,
        claim_id: int | None = None,
    ) -> int:
        """Record an assertion by `source`; with a document when asked. Returns its node id."""
        node_id = node_id if node_id is not None else len(self.nodes) + 1
        document = None
        if own_document or published or publisher or status != "published":
            by = publisher or source
            document = DocumentRef(
                id=1000 + node_id,
                title=f"document {node_id}",
                publisher_id=by.id,
                publisher_name=by.name,
                published_at=day(published) if published else None,
                status=status,
            )
        self.nodes.append(
            Node(
                id=node_id,
                claim_id=self.claim_id if claim_id is None else claim_id,
                source=source,
                document=document,
            )
        )
        return node_id

    def cite(
        self, citing: int, cited: int, fidelity: str = "unchecked", relation: str = "cites"
    ) -> int:
        """`citing` relies on `cited`. Returns the edge id."""
        edge_id = len(self.edges) + 1
        self.edges.append(Edge(edge_id, citing, cited, relation, fidelity))
        return edge_id

    def build(self, **fields: object) -> ProvenanceGraph:
        return ProvenanceGraph(
            claim_id=self.claim_id, nodes=tuple(self.nodes), edges=tuple(self.edges), **fields
        )
