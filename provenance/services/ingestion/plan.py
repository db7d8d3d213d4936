"""How an extraction maps to records: claims, their assertions and the citations between them.

Pure: sources are told apart by an `identity` function (the service passes one that resolves
names to existing or new sources), so two names for one source give one assertion.

For each extracted claim (claims with the same wording become one claim):
- its chain's first source (the publisher, or whoever speaks for the document) asserts it *in the
  document*: the sentence verbatim as a summary in the outlet's words, located in the body text
  by a TextQuoteSelector;
- every other source of the chain asserts it once, without a document (what a source told a
  reporter); the last one with its words: a direct quote when the article quotes it in that
  sentence, else a paraphrase (the claim's wording);
- each hop of the chain is a citation, from the citing assertion to the cited one, with the
  article's relation and evidence for that pair (the claim's own relation and sentence for the
  last hop); a citation of the article that points back up the chain (circular reporting,
  "Eastside Daily, in turn, attributed the news to a Valley Courier report") closes the loop.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from provenance.ingest import Citation, Claim, Extraction
from provenance.names import normalize_name

SELECTOR_CONTEXT = 32
"""Characters of prefix and suffix kept around a TextQuoteSelector's exact text (as Hypothesis
does): enough to tell repeated passages apart."""
MAX_FULL_SEARCHES = 100
"""Sentences searched for in the whole body when not found after the previous one; claims come
in document order, so this only bounds the work for corrected sentences on a huge document."""


@dataclass(frozen=True)
class Selector:
    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class NodePlan:
    """One assertion: `source` (a name of the extraction) asserts the claim."""

    source: str
    in_document: bool
    quote: str = ""
    quote_kind: str = ""
    selector: Selector | None = None


@dataclass(frozen=True)
class HopPlan:
    """One citation between two nodes of the same claim (indexes into `ClaimPlan.nodes`)."""

    citing: int
    cited: int
    relation: str
    evidence: str


@dataclass(frozen=True)
class ClaimPlan:
    text: str
    context: str
    nodes: tuple[NodePlan, ...]
    hops: tuple[HopPlan, ...]
    chains: tuple[tuple[str, ...], ...]  # as extracted, the publisher named: for showing


@dataclass(frozen=True)
class Plan:
    claims: tuple[ClaimPlan, ...]
    unused_citations: tuple[int, ...]  # indexes into Extraction.citations that no hop uses
    unused_quotes: tuple[int, ...]  # indexes into Extraction.quotes that no assertion carries

    @property
    def assertions(self) -> int:
        return sum(len(claim.nodes) for claim in self.claims)

    @property
    def citations(self) -> int:
        return sum(len(claim.hops) for claim in self.claims)

    @property
    def sources(self) -> list[str]:
        """The names of the sources that assert something, first seen first."""
        seen: dict[str, str] = {}
        for claim in self.claims:
            for node in claim.nodes:
                seen.setdefault(normalize_name(node.source), node.source)
        return list(seen.values())


class _Locator:
    """Finds sentences in the body text, searching on from the last one found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.full_searches = 0

    def find(self, exact: str) -> Selector | None:
        if not exact or not self.text:
            return None
        start = self.text.find(exact, self.position)
        if start < 0 and self.full_searches < MAX_FULL_SEARCHES:
            self.full_searches += 1
            start = self.text.find(exact)
        if start < 0:
            return None
        end = start + len(exact)
        self.position = start
        return Selector(
            exact=exact,
            prefix=self.text[max(0, start - SELECTOR_CONTEXT) : start],
            suffix=self.text[end : end + SELECTOR_CONTEXT],
        )


class _ClaimBuilder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.implicit = True
        self.nodes: dict[Hashable, dict] = {}  # identity -> NodePlan fields, in chain order
        self.hops: dict[tuple[int, int, str], HopPlan] = {}
        self.chains: list[tuple[str, ...]] = []

    def node(self, identity: Hashable, name: str) -> int:
        if identity not in self.nodes:
            self.nodes[identity] = {"source": name, "in_document": False}
        return list(self.nodes).index(identity)

    def hop(self, citing: int, cited: int, relation: str, evidence: str) -> None:
        if citing != cited:
            self.hops.setdefault(
                (citing, cited, relation), HopPlan(citing, cited, relation, evidence)
            )

    def build(self) -> ClaimPlan:
        context = (
            "Attribution inferred: the sentence names no source of its own, so it is credited "
            "to the outlet the article rewrites."
            if self.implicit
            else ""
        )
        return ClaimPlan(
            text=self.text,
            context=context,
            nodes=tuple(NodePlan(**fields) for fields in self.nodes.values()),
            hops=tuple(self.hops.values()),
            chains=tuple(self.chains),
        )


def plan_records(
    extraction: Extraction, *, voice: str | None, identity: Callable[[str], Hashable]
) -> Plan:
    """The records `extraction` becomes. `voice` names who asserts in the document when a chain
    starts with null (an unknown publisher); chains starting with null are skipped without it."""
    by_pair: dict[tuple[Hashable, Hashable], list[tuple[int, Citation]]] = {}
    for index, citation in enumerate(extraction.citations):
        source = citation.source or voice
        if source is not None:
            pair = (identity(source), identity(citation.target))
            by_pair.setdefault(pair, []).append((index, citation))
    locator = _Locator(extraction.text)
    builders: dict[str, _ClaimBuilder] = {}
    used_quotes: set[int] = set()
    for claim in extraction.claims:
        chain = [voice if name is None else name for name in claim.chain]
        if chain[0] is None:
            continue
        builder = builders.setdefault(normalize_name(claim.text), _ClaimBuilder(claim.text))
        builder.implicit &= not claim.explicit
        builder.chains.append(tuple(chain))
        _add_chain(builder, claim, chain, identity, by_pair, locator)
        used_quotes |= _add_words(builder, claim, chain, identity, extraction)
    for builder in builders.values():
        _close_loops(builder, identity, by_pair)

    claims = tuple(builder.build() for builder in builders.values())
    hops = {
        (identity(claim.nodes[hop.citing].source), identity(claim.nodes[hop.cited].source))
        for claim in claims
        for hop in claim.hops
    }
    unused = sorted(
        index for pair, cited in by_pair.items() if pair not in hops for index, _ in cited
    )
    unused += [i for i, c in enumerate(extraction.citations) if c.source is None and voice is None]
    return Plan(
        claims=claims,
        unused_citations=tuple(sorted(unused)),
        unused_quotes=tuple(i for i in range(len(extraction.quotes)) if i not in used_quotes),
    )


def _add_chain(builder, claim: Claim, chain, identity, by_pair, locator: _Locator) -> None:
    indexes = [builder.node(identity(name), name) for name in chain]
    first = builder.nodes[identity(chain[0])]
    if not first["in_document"]:
        exact = claim.sentence or claim.text
        first.update(
            in_document=True,
            quote=exact,
            quote_kind="summary",
            selector=locator.find(exact),
        )
    last = len(chain) - 2
    for position, (citing, cited) in enumerate(zip(indexes, indexes[1:], strict=False)):
        pair = (identity(chain[position]), identity(chain[position + 1]))
        known = [citation for _, citation in by_pair.get(pair, ())]
        if position == last:
            relation = claim.relation
            # An explicit claim's own sentence shows its last hop; an inferred one has no
            # attribution in it, and the sentence that says whom the article rewrites does.
            shown = [c.evidence for c in known if c.relation == relation] + [
                c.evidence for c in known
            ]
            evidence = (claim.sentence if claim.explicit else "") or next(
                iter(shown), claim.sentence or claim.text
            )
        else:
            # A hyperlink only says where to look; the citation in words says who relied on whom.
            known.sort(key=lambda c: c.relation == "links_to")
            relation = known[0].relation if known else "cites"
            evidence = known[0].evidence if known else claim.sentence or claim.text
        builder.hop(citing, cited, relation, evidence)


def _add_words(builder, claim: Claim, chain, identity, extraction: Extraction) -> set[int]:
    """Give the chain's last source its words; returns the quotes used."""
    node = builder.nodes[identity(chain[-1])]
    if node["in_document"] or node.get("quote"):
        return set()
    speaker = normalize_name(chain[-1])
    for index, quote in enumerate(extraction.quotes):
        if normalize_name(quote.speaker or "") != speaker:
            continue
        if quote.evidence == claim.sentence or (claim.sentence and quote.text in claim.sentence):
            node.update(quote=quote.text, quote_kind="direct")
            return {index}
    if claim.relation in ("quotes", "paraphrases"):
        node.update(quote=claim.text, quote_kind="paraphrase")
    return set()


def _close_loops(builder: _ClaimBuilder, identity, by_pair) -> None:
    """Add the article's citations that point from a source back up this claim's chain."""
    order = list(builder.nodes)
    position = {key: index for index, key in enumerate(order)}
    linked = {(hop.citing, hop.cited) for hop in builder.hops.values()}
    for (source, target), cited in by_pair.items():
        if source in position and target in position and position[target] < position[source]:
            if (position[source], position[target]) not in linked:
                citation = cited[0][1]
                builder.hop(
                    position[source], position[target], citation.relation, citation.evidence
                )
