"""Content drift: how an article's extracted text changed between two fetches. Pure.

Texts are compared word by word after extraction, never byte by byte: the extractor keeps the
article body and drops navigation, sidebars and advertisements, so a new date in a sidebar or
another advertisement is no change. White space and the quotes' typography are not words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

MAX_PASSAGES = 50  # changed passages kept per check
MAX_PASSAGE_WORDS = 60  # words kept of each side of a passage
_WORD = re.compile(r"\S+")
_TYPOGRAPHY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


@dataclass(frozen=True)
class Drift:
    """The changed passages (removed words, added words) and the totals."""

    passages: tuple[tuple[str, str], ...]
    removed_words: int
    added_words: int

    @property
    def changed(self) -> bool:
        return bool(self.removed_words or self.added_words)

    def as_list(self) -> list[dict[str, str]]:
        return [{"removed": r, "added": a} for r, a in self.passages]


def words(text: str) -> list[str]:
    return _WORD.findall(text.translate(_TYPOGRAPHY))


def normalized(text: str) -> str:
    """The text as compared: words separated by single spaces, plain quotes."""
    return " ".join(words(text))


def drift(before: str, after: str) -> Drift:
    """The word-level difference from `before` to `after`."""
    old, new = words(before), words(after)
    if old == new:
        return Drift((), 0, 0)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    passages: list[tuple[str, str]] = []
    removed = added = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed += i2 - i1
        added += j2 - j1
        if len(passages) < MAX_PASSAGES:
            passages.append(
                (" ".join(old[i1:i2][:MAX_PASSAGE_WORDS]), " ".join(new[j1:j2][:MAX_PASSAGE_WORDS]))
            )
    return Drift(tuple(passages), removed, added)


def removed_quotes(quotes: list[str], before: str, after: str) -> list[str]:
    """The quotes found in `before` that `after` no longer holds, in their order, once each."""
    was, now = normalized(before), normalized(after)
    gone = []
    for quote in quotes:
        text = normalized(quote)
        if text and text in was and text not in now and quote not in gone:
            gone.append(quote)
    return gone


def day(moment: date) -> str:
    """ "4 March 2026": the day a change was seen, as the note says it."""
    return f"{moment.day} {moment:%B %Y}"


def drift_note(*, found: Drift, quotes_removed: list[str], on: date) -> str:
    """What changed, in words, naming the quoted sentences that were removed."""
    when = day(on)
    if quotes_removed:
        sentences = "; ".join(f"“{_short(q)}”" for q in quotes_removed)
        which = "The quoted sentence" if len(quotes_removed) == 1 else "The quoted sentences"
        verb = "was" if len(quotes_removed) == 1 else "were"
        return f"{which} {sentences} {verb} removed on {when}."
    first = found.passages[0] if found.passages else ("", "")
    example = ""
    if first[0] and first[1]:
        example = f" (“{_short(first[0])}” became “{_short(first[1])}”)"
    elif first[0]:
        example = f" (“{_short(first[0])}” was removed)"
    elif first[1]:
        example = f" (“{_short(first[1])}” was added)"
    return (
        f"The article text changed on {when}: {found.removed_words} words removed, "
        f"{found.added_words} added{example}."
    )


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
