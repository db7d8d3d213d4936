"""Per-hop change hints: what changed between what a citing side says and what it cites.

Automatic observations, never a verdict: a hop's fidelity stays the checker's decision. Pure:
plain text in, hints out. For a hop A → B (A cites B), the citing span is A's words (its quote,
else the sentence that shows the citation); the cited span is B's words (its quote, else the
passage of B's document that B's TextQuoteSelector locates). Kinds:

- **quote_not_found**: a passage A puts in quotation marks (or A's whole quote, when A quotes B
  directly) is not found verbatim in B's document (or B's quote when B has no document text).
  Compared without case, with quotation marks, dashes and whitespace unified.
- **number_changed**: a number in A's span is not in B's, where B's carries a different number
  of the same kind (a percentage against a percentage, a count of crowns against crowns):
  "15 percent" → "50 percent", "3" → "30".
- **hedge_dropped**: B's span hedges ("plans to", "may", "reportedly", "is considering"…) and
  A's span states the same thing without any hedge.
- **attribution_vaguer**: B relies on a named person, and A's span does not name them but speaks
  of unnamed "officials", "sources", "people familiar"…
- **negation_flipped**: one span negates ("not", "no", "never", "-n't"…) and the other does not.

Each hint carries the two spans it compares: the shortest phrases that show the change where
they can be found, else the whole spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

QUOTE_NOT_FOUND = "quote_not_found"
NUMBER_CHANGED = "number_changed"
HEDGE_DROPPED = "hedge_dropped"
ATTRIBUTION_VAGUER = "attribution_vaguer"
NEGATION_FLIPPED = "negation_flipped"
KINDS = (QUOTE_NOT_FOUND, NUMBER_CHANGED, HEDGE_DROPPED, ATTRIBUTION_VAGUER, NEGATION_FLIPPED)
LABELS = {
    QUOTE_NOT_FOUND: "quote not found verbatim",
    NUMBER_CHANGED: "number changed",
    HEDGE_DROPPED: "hedge dropped",
    ATTRIBUTION_VAGUER: "attribution vaguer",
    NEGATION_FLIPPED: "negation flipped",
}
MIN_QUOTE_WORDS = 5
"""Shorter quoted passages are scare quotes or titles ("a Valley Courier report"), not quotes."""


@dataclass(frozen=True, slots=True)
class Hint:
    kind: str
    label: str
    citing: str  # the citing side's span
    cited: str  # the cited side's span


@dataclass(frozen=True, slots=True)
class HopText:
    """What a hop's two sides say, as plain data (provenance.selectors builds it)."""

    citing_quote: str = ""
    citing_evidence: str = ""
    cited_quote: str = ""
    cited_quote_kind: str = ""
    relation: str = "cites"
    citing_quote_kind: str = ""
    cited_exact: str = ""
    cited_prefix: str = ""
    cited_suffix: str = ""
    cited_document_text: str = ""
    # (name, kind) of the sources B cites.
    cited_sources: tuple[tuple[str, str], ...] = field(default=())


# -- text normalisation --------------------------------------------------------------------------

_MARKS = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def _plain(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_MARKS)).strip().casefold()


def locate(text: str, *, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """Where a TextQuoteSelector points in `text`: (start, end), or None. Among several
    occurrences of `exact`, the one whose surrounding text best matches prefix and suffix."""
    if not exact or not text:
        return None
    best, best_score, start = None, -1, text.find(exact)
    while start >= 0:
        end = start + len(exact)
        score = _common_suffix(text[:start], prefix) + _common_prefix(text[end:], suffix)
        if score > best_score:
            best, best_score = (start, end), score
        start = text.find(exact, start + 1)
    return best


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


# -- the observations ----------------------------------------------------------------------------

_QUOTED = re.compile(r'"([^"]{2,2000})"')


def _quoted_passages(span: str) -> list[str]:
    passages = [m.group(1).strip() for m in _QUOTED.finditer(span.translate(_MARKS))]
    return [p for p in passages if len(p.split()) >= MIN_QUOTE_WORDS]


_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER = re.compile(
    r"(?<![\w.])(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?![\w])(?:\s*(?P<unit>%|percent|per cent|percentage points?|[a-z]+))?",
    re.IGNORECASE,
)
_UNIT_ALIASES = {"%": "percent", "per cent": "percent"}


@dataclass(frozen=True, slots=True)
class _Number:
    value: float
    unit: str
    text: str


def numbers(span: str) -> list[_Number]:
    """The numbers of a span with the word after each (its unit: "percent", "crowns")."""
    found = []
    for match in _NUMBER.finditer(span):
        raw = match.group("value").casefold()
        value = _NUMBER_WORDS.get(raw)
        if value is None:
            value = float(raw.replace(",", ""))
        unit = (match.group("unit") or "").casefold()
        unit = _UNIT_ALIASES.get(unit, unit)
        unit = unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit
        found.append(_Number(float(value), unit, match.group(0).strip()))
    return found


def _number_hints(citing: str, cited: str) -> list[Hint]:
    theirs, ours = numbers(cited), numbers(citing)
    values, own_values = {n.value for n in theirs}, {n.value for n in ours}
    hints = []
    for mine in ours:
        if mine.value in values:
            continue
        # The same kind of number ("percent" against "percent"), else a bare number on either
        # side ("3" against "30 people"), that the citing side does not carry itself.
        unmatched = [n for n in theirs if n.value not in own_values]
        counterpart = next((n for n in unmatched if n.unit and n.unit == mine.unit), None)
        if counterpart is None:
            counterpart = next((n for n in unmatched if not n.unit or not mine.unit), None)
        if counterpart is not None:
            hints.append(Hint(NUMBER_CHANGED, LABELS[NUMBER_CHANGED], mine.text, counterpart.text))
    return hints


_HEDGE = re.compile(
    r"\b(?:plans? to|planned to|planning to|intends? to|aims? to|hopes? to|expects? to|"
    r"(?:is|are|was|were) (?:expected|likely|set|poised) to|proposed?|proposals?|draft|"
    r"(?:is|are|was|were) considering|considers?|weighs?|(?:is|are) weighing|"
    r"may|might|could|would|reportedly|allegedly|possibly|probably|likely|perhaps|"
    r"unconfirmed|suggests?|appears? to|seems? to)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'-]+")


def _hedge_hints(citing: str, cited: str) -> list[Hint]:
    hedge = _HEDGE.search(cited)
    if hedge is None or _HEDGE.search(citing) is not None:
        return []
    # The word the hedge bears on ("plans to *raise*"), shown with what now stands before it.
    following = _WORD.search(cited, hedge.end())
    cited_span = cited[hedge.start() : following.end()] if following else hedge.group(0)
    citing_span = citing
    if following:
        for word in re.finditer(rf"\b{re.escape(following.group(0))}\b", citing, re.IGNORECASE):
            before = list(_WORD.finditer(citing, 0, word.start()))
            start = before[-1].start() if before else word.start()
            citing_span = citing[start : word.end()]
            break
    return [Hint(HEDGE_DROPPED, LABELS[HEDGE_DROPPED], citing_span.strip(), cited_span.strip())]


_VAGUE = re.compile(
    r"\b(?:officials?|sources?|people (?:familiar|close|with knowledge)|persons? familiar|"
    r"insiders?|aides?|advisers?|advisors?|a spokesperson|someone|experts?|critics?)\b",
    re.IGNORECASE,
)


def _attribution_hints(citing: str, cited_sources: tuple[tuple[str, str], ...]) -> list[Hint]:
    vague = _VAGUE.search(citing)
    if vague is None:
        return []
    folded = _plain(citing)
    for name, kind in cited_sources:
        if kind != "person" or not name.strip():
            continue
        parts = [p for p in _plain(name).split() if len(p) > 1]
        if parts and not any(re.search(rf"\b{re.escape(p)}\b", folded) for p in parts):
            return [Hint(ATTRIBUTION_VAGUER, LABELS[ATTRIBUTION_VAGUER], vague.group(0), name)]
    return []


_NEGATION = re.compile(
    r"\b(?:not|no|never|none|neither|nor|without|nobody|nothing|cannot)\b|n't\b", re.IGNORECASE
)


def _negation_hints(citing: str, cited: str) -> list[Hint]:
    mine, theirs = (
        _NEGATION.search(citing.translate(_MARKS)),
        _NEGATION.search(cited.translate(_MARKS)),
    )
    if bool(mine) == bool(theirs):
        return []
    return [Hint(NEGATION_FLIPPED, LABELS[NEGATION_FLIPPED], citing.strip(), cited.strip())]


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 if left >= 0 else 0 : right].strip()


def hop_hints(hop: HopText) -> tuple[Hint, ...]:
    """The hints on one hop (see the module docstring); empty when a side has no words."""
    citing = hop.citing_quote or hop.citing_evidence
    cited = hop.cited_quote
    document = hop.cited_document_text
    if not cited and document and hop.cited_exact:
        where = locate(
            document, exact=hop.cited_exact, prefix=hop.cited_prefix, suffix=hop.cited_suffix
        )
        if where is not None:
            cited = _sentence_around(document, *where)
    if not citing or not (cited or document):
        return ()
    hints: list[Hint] = []
    passages = _quoted_passages(citing)
    if hop.relation == "quotes" and hop.citing_quote_kind == "direct" and hop.citing_quote:
        passages.append(hop.citing_quote)
    haystack = _plain(document or cited)
    for passage in passages:
        if _plain(passage) not in haystack:
            hints.append(
                Hint(QUOTE_NOT_FOUND, LABELS[QUOTE_NOT_FOUND], passage, cited or document[:300])
            )
    if cited:
        hints += _number_hints(citing, cited)
        hints += _hedge_hints(citing, cited)
        hints += _negation_hints(citing, cited)
    hints += _attribution_hints(citing, hop.cited_sources)
    return tuple(hints)
