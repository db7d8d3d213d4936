"""The provenance graph as plain data.

The selector (`provenance.selectors.claim_provenance`) builds it from the database; the analysis,
the exports, the API, the admin and the public pages all read it. Nothing here touches the
database, so everything downstream of the selector can be tested with hand-built graphs.

An edge `citing -> cited` means "the citing assertion relies on the cited one" (A cites B).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Who asserts: an outlet, person, organization, anonymous source or document."""

    id: int
    name: str
    kind: str  # outlet | person | organization | anonymous | document
    affiliation_id: int | None = None
    affiliation_name: str | None = None
    # Anonymous sources only: "US officials", 4.
    descriptor: str = ""
    anonymous_count: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """The published work an assertion appears in."""

    id: int
    title: str
    url: str | None = None
    publisher_id: int | None = None
    publisher_name: str | None = None
    published_at: datetime | None = None
    status: str = "published"  # published | corrected | retracted
    # What watching the address found: "" | live | moved | gone | changed.
    source_state: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    """One assertion: a claim as stated by one source, optionally in one document."""

    id: int
    claim_id: int
    source: SourceRef
    document: DocumentRef | None = None
    quote: str = ""
    quote_kind: str = ""  # direct | paraphrase | summary | "" (none recorded)
    # Fewest hops from an assertion of the graph's own claim (0 for those assertions).
    distance: int = 0


@dataclass(frozen=True, slots=True)
class Edge:
    """A citation: `citing` relies on `cited`."""

    id: int
    citing: int
    cited: int
    relation: str  # cites | quotes | paraphrases | links_to | translates | confirms | denies
    fidelity: str  # unchecked | faithful | distorted | unsupported
    checked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ProvenanceGraph:
    """A claim's assertions and everything upstream of them along citations."""

    claim_id: int
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    # True when the depth or node cap stopped the traversal: the graph is incomplete.
    truncated: bool = False
    max_depth: int = 0
    max_nodes: int = 0
    _by_id: dict[int, Node] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((node.id, node) for node in self.nodes)

    def node(self, node_id: int) -> Node:
        return self._by_id[node_id]

    @property
    def claim_nodes(self) -> tuple[Node, ...]:
        """The assertions of the graph's own claim (the entry points of the traversal)."""
        return tuple(n for n in self.nodes if n.claim_id == self.claim_id)
