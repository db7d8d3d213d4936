"""Build provenance graphs by hand, without a database."""

from datetime import datetime

from provenance.graph import DocumentRef, Edge, Node, ProvenanceGraph, SourceRef

CLAIM = 1


class GraphBuilder:
    """`b.node("Axios")` adds an assertion; `b.cite(a, b)` adds "a cites b"."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []
        self.sources: dict[str, SourceRef] = {}

    def source(self, name, kind="outlet", *, affiliation=None, descriptor="", count=None):
        if name not in self.sources:
            affiliation_ref = self.source(affiliation, "organization") if affiliation else None
            self.sources[name] = SourceRef(
                id=len(self.sources) + 100,
                name=name,
                kind=kind,
                affiliation_id=affiliation_ref.id if affiliation_ref else None,
                affiliation_name=affiliation,
                descriptor=descriptor,
                anonymous_count=count,
            )
        return self.sources[name]

    def node(
        self,
        name,
        kind="outlet",
        *,
        claim=CLAIM,
        own_document=False,
        published: datetime | None = None,
        status="published",
        **source,
    ) -> int:
        ref = self.source(name, kind, **source)
        node_id = len(self.nodes) + 1
        document = None
        if own_document or published or status != "published":
            document = DocumentRef(
                id=node_id + 1000,
                title=f"{name} report",
                publisher_id=ref.id,
                publisher_name=name,
                published_at=published,
                status=status,
            )
        self.nodes.append(Node(id=node_id, claim_id=claim, source=ref, document=document))
        return node_id

    def cite(self, citing: int, cited: int, fidelity="unchecked", relation="cites") -> int:
        edge_id = len(self.edges) + 1
        self.edges.append(
            Edge(id=edge_id, citing=citing, cited=cited, relation=relation, fidelity=fidelity)
        )
        return edge_id

    def chain(self, *node_ids: int, fidelity="unchecked") -> None:
        for citing, cited in zip(node_ids, node_ids[1:], strict=False):
            self.cite(citing, cited, fidelity)

    def graph(self, *, truncated=False) -> ProvenanceGraph:
        return ProvenanceGraph(
            claim_id=CLAIM,
            nodes=tuple(self.nodes),
            edges=tuple(self.edges),
            truncated=truncated,
            max_depth=50,
            max_nodes=500,
        )
