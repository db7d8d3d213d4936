"""Claims: one per attributed sentence, worded without its attribution, with its chain.

The chain runs from the publisher to the most upstream source the sentence names (the longest
path through the sentence's edges); a sentence with no attribution of its own in a rewrite
article is the rewritten outlet's claim (`explicit` False).
"""

from __future__ import annotations

import re

from provenance.ingest.results import Claim
from provenance.names import normalize_name

SentenceEdge = tuple[str | None, str, str]  # (from, to, relation), names resolved


def build_claim(
    sentence: str,
    strip: list[tuple[int, int]],
    edges: list[SentenceEdge],
    *,
    voice: str | None,
    publisher: str | None,
    main: str | None,
) -> Claim | None:
    """The claim a sentence makes, or None when it is in the publisher's own voice."""
    if edges:
        text = _strip(sentence, strip)
        if text is None:
            return None  # only the attribution itself ("X, in turn, attributed it to Y")
        chain = _longest_chain(edges)
        if chain[0] is None or normalize_name(chain[0]) != normalize_name(publisher or ""):
            prefix = [publisher] if voice == publisher else [publisher, voice]
            chain = [p for p in prefix if p is not None and p not in chain[:1]] + chain
        return Claim(
            text=text,
            attributed_to=chain[-1],
            chain=tuple(chain),
            sentence=sentence,
            relation=edges[-1][2],
            explicit=True,
        )
    if main and voice == main:
        return Claim(
            text=sentence,
            attributed_to=main,
            chain=(publisher, main),
            sentence=sentence,
            relation="cites",
            explicit=False,
        )
    return None


def _longest_chain(edges: list[tuple[str | None, str, str]]) -> list[str | None]:
    """The longest path through one sentence's edges, without revisiting a source."""
    targets = {t for _, t, _ in edges}
    roots = [s for s, _, _ in edges if s not in targets] or [edges[0][0]]
    best: list[str | None] = []
    for root in dict.fromkeys(roots):
        stack: list[list[str | None]] = [[root]]
        while stack:
            path = stack.pop()
            nexts = [t for s, t, _ in edges if s == path[-1] and t not in path]
            if not nexts and len(path) > len(best):
                best = path
            stack.extend([*path, t] for t in dict.fromkeys(nexts))
    if len(best) > 1 and best[-1] != edges[-1][1]:
        # A loop back to an earlier source ("Eastside Daily attributed it to the Courier").
        last = [t for s, t, _ in edges if s == best[-1]]
        best = best + last[:1]
    return best


def _strip(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The sentence without its attribution clauses ("..., four US officials said."); None when
    nothing is left but the attribution (a sentence about the chain, "Holt said so")."""
    keep = []
    last = 0
    for start, end in sorted(spans):
        if start >= last:
            keep.append(text[last:start])
            last = end
        else:
            last = max(last, end)
    keep.append(text[last:])
    claim = re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s+", " ", "".join(keep))).strip(" ,;:")
    claim = re.sub(r"^(?:that\s+)", "", claim)
    claim = re.sub(r",\s*\.$", ".", claim)
    quoted = re.fullmatch(r"[\"\u201c](?P<inner>[^\"\u201d]+?)[,.]?[\"\u201d][.,]?", claim)
    if quoted:
        claim = quoted.group("inner") + ("" if quoted.group("inner")[-1:] in ".!?" else ".")
    if not re.search(r"\w", claim) or (spans and len(claim.split()) < 2):
        return None
    if spans and re.match(r"[a-z]+ed\s+(?:on|in|at|by|last|this|earlier)\b", claim):
        return None  # what is left describes the source ("[a report] published on Monday")
    if len(claim.split()) < 3 or re.match(r"(?:us|him|them|me)\b", claim):
        return text  # "warned us about ...": the object left alone is no statement
    return claim[0].upper() + claim[1:]
