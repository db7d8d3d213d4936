"""Chains ready to show: the analysis' paths as (assertion, link to the next) steps.

The admin panel, the public claim page and the exports list a chain hop by hop, from the most
downstream assertion ("Caliber.Az") to its origin ("four US officials"); they share this view.
"""

from dataclasses import dataclass

from provenance.analysis import Analysis
from provenance.graph import Edge, Node, ProvenanceGraph


@dataclass(frozen=True, slots=True)
class Step:
    node: Node
    # The link from this assertion to the next one in the chain; None at the origin.
    edge: Edge | None


@dataclass(frozen=True, slots=True)
class ChainView:
    steps: tuple[Step, ...]
    hops: int
    weakest: str | None
    broken: bool

    @property
    def text(self) -> str:
        """One line: "Caliber.Az → Axios → four US officials (anonymous)"."""
        names = [step.node.source.name for step in self.steps]
        origin = self.steps[-1].node.source
        suffix = f" ({origin.kind})" if origin.kind == "anonymous" else ""
        return " → ".join(names) + suffix


def chain_views(graph: ProvenanceGraph, analysis: Analysis) -> list[ChainView]:
    edges = {edge.id: edge for edge in graph.edges}
    views = []
    for chain in analysis.chains:
        links = [edges[edge_id] for edge_id in chain.edge_ids] + [None]
        steps = tuple(
            Step(node=graph.node(node_id), edge=link)
            for node_id, link in zip(chain.node_ids, links, strict=True)
        )
        views.append(
            ChainView(steps=steps, hops=chain.hops, weakest=chain.weakest, broken=chain.broken)
        )
    return views
