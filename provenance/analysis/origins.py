"""Origins and their grouping into independent origins."""

from __future__ import annotations

from provenance.graph import Node, ProvenanceGraph, SourceRef
from provenance.names import normalize_name

from .findings import OriginGroup

# Leading words that give a count, not an identity: "four US officials" -> "US officials".
_COUNT_WORDS = frozenset(
    """a an the one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred dozen dozens
    several some few many multiple numerous various""".split()
)
_IRREGULAR = {"people": "person", "children": "child"}


def _singular(word: str) -> str:
    """Fold an English plural onto its singular, for comparison only ("officials" -> "official").

    Applied to every word of both descriptors alike, so a word that is not a plural is changed
    the same way on both sides and never makes two different descriptors equal by accident.
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3:  # "us", "gas": too short to tell a plural
        return word
    if word.endswith("men"):  # spokesmen, women
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:  # authorities
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):  # witnesses, matches
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def descriptor_key(source: SourceRef) -> str:
    """How an anonymous source is told apart: its descriptor without count, case or plural."""
    words = [w.strip(".,;:") for w in normalize_name(source.descriptor or source.name).split()]
    words = [w for w in words if w]
    while len(words) > 1 and (words[0] in _COUNT_WORDS or words[0].isdigit()):
        words.pop(0)
    return " ".join(_singular(w) for w in words)


def group_key(source: SourceRef) -> str:
    """The independence key of an origin's source (see the package docstring)."""
    if source.affiliation_id is not None:
        return f"source:{source.affiliation_id}"
    if source.kind == "anonymous":
        return f"anonymous:{descriptor_key(source)}"
    return f"source:{source.id}"


def _distinct(names: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for name in names:
        if normalize_name(name) not in seen:
            seen.add(normalize_name(name))
            kept.append(name)
    return kept


def _label(members: list[Node], affiliation_names: dict[int, str]) -> str:
    sources = [node.source for node in members]
    affiliation_id = next((s.affiliation_id for s in sources if s.affiliation_id is not None), None)
    if affiliation_id is None:
        if all(s.kind == "anonymous" for s in sources):
            return "anonymous: " + ", ".join(_distinct([s.name for s in sources]))
        return ", ".join(_distinct([s.name for s in sources]))
    if len({s.id for s in sources}) == 1 and sources[0].kind == "anonymous":
        # One anonymous source: named as reported ("anonymous: four US officials"); its
        # affiliation only decides what it counts with.
        return f"anonymous: {sources[0].name}"
    # An affiliation group: the affiliation, then who spoke for it (the affiliation itself aside).
    head = affiliation_names.get(affiliation_id) or f"source #{affiliation_id}"
    names = _distinct(
        [
            f"anonymous: {s.name}" if s.kind == "anonymous" else s.name
            for s in sources
            if s.id != affiliation_id
        ]
    )
    return f"{head} ({', '.join(names)})" if names else head


def origin_groups(graph: ProvenanceGraph, origins: tuple[int, ...]) -> tuple[OriginGroup, ...]:
    """Group origins by independence key; groups ordered by their smallest node id."""
    members: dict[str, list[Node]] = {}
    for node_id in origins:  # sorted, so each group's members and the groups come in id order
        node = graph.node(node_id)
        members.setdefault(group_key(node.source), []).append(node)
    # An affiliation's name: as given on a member, else the affiliation's own source in the graph.
    affiliation_names = {n.source.id: n.source.name for n in graph.nodes}
    affiliation_names.update(
        (n.source.affiliation_id, n.source.affiliation_name)
        for n in graph.nodes
        if n.source.affiliation_id is not None and n.source.affiliation_name
    )
    groups = []
    for key, nodes in members.items():
        kinds = {n.source.kind for n in nodes}
        groups.append(
            OriginGroup(
                key=key,
                label=_label(nodes, affiliation_names),
                kind=kinds.pop() if len(kinds) == 1 else "mixed",
                anonymous=all(n.source.kind == "anonymous" for n in nodes),
                node_ids=tuple(n.id for n in nodes),
                source_ids=tuple(sorted({n.source.id for n in nodes})),
            )
        )
    return tuple(groups)


def speaks_for_itself(node: Node) -> bool:
    """An outlet asserting in its own voice: no document, or a document it published itself."""
    if node.source.kind != "outlet":
        return False
    document = node.document
    return document is None or document.publisher_id in (None, node.source.id)
