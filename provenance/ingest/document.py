"""The article as the attribution rules see it: metadata plus paragraphs of plain text.

`document_from_text` reads plain text; `provenance.ingest.markup` reads HTML into the same shape.
Plain text heuristics: the first line is the title; a "By NAME" line among the first or last
three lines is the byline (and leaves the body); when blank lines separate paragraphs, the lines
between them are joined (hard-wrapped text), otherwise every line is a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from provenance.names import normalize_name


@dataclass(frozen=True)
class Anchor:
    """A link inside a paragraph: `text` is `paragraph.text[start:end]`."""

    start: int
    end: int
    url: str
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    anchors: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class Document:
    """Metadata found in the markup (None when absent) and the body paragraphs."""

    title: str | None
    paragraphs: tuple[Paragraph, ...]
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    published_at: str | None = None


_SPACE = re.compile(r"\s+")
_BYLINE = re.compile(r"^(?:by|written by|reporting by|words by)\s+(?P<names>\S.{0,160})$", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_NOT_A_PERSON = re.compile(
    r"\b(?:staff|reporters?|correspondents?|desk|editors?|editorial|agency|agencies|team|bureau|"
    r"wires?|newsroom|contributors?|board|news|online|web|digital|service)\b",
    re.I,
)
_PERSON_TOKEN = re.compile(r"^(?:[A-Z\u00c0-\u024f][\w'’.\-]*|de|da|van|von|der|del|la|le|bin|al)$")


def squash(text: str) -> str:
    """Collapse runs of white space into one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def byline_names(text: str) -> list[str] | None:
    """Authors named by a byline ("By Jane Doe and John Roe in Oslo"); None if `text` is no byline.

    An empty list means a byline naming no person ("By Staff Reporter").
    """
    match = _BYLINE.match(squash(text))
    if match is None:
        return None
    names = match.group("names")
    names = re.split(r"\s*[|;]\s*|\s+-\s+|\s+in\s+(?=[A-Z])|\s+for\s+", names, maxsplit=1)[0]
    found = []
    for part in _NAME_SPLIT.split(names):
        name = squash(part).strip(".")
        if person_like(name):
            found.append(name)
    return found


def person_like(name: str) -> bool:
    """Whether a byline entry looks like a person's name (2-5 capitalised words, not "Staff")."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or _NOT_A_PERSON.search(name):
        return False
    return all(_PERSON_TOKEN.match(token) for token in tokens)


def unique_names(names: list[str]) -> tuple[str, ...]:
    """Names in first-seen order without duplicates under `normalize_name`."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(normalize_name(name), name)
    return tuple(seen.values())


def document_from_text(text: str, *, url: str | None = None) -> Document:
    """Read a plain-text article (see the module docstring for the heuristics)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    title, _, rest = text.partition("\n")
    if re.search(r"\n[ \t]*\n", rest):
        chunks = [squash(chunk) for chunk in re.split(r"\n[ \t]*\n", rest)]
    else:
        chunks = [squash(line) for line in rest.split("\n")]
    chunks.insert(0, squash(title))
    lines = [chunk for chunk in chunks if chunk]
    title = lines.pop(0) if lines else None
    authors: list[str] = []
    edge = set(range(min(3, len(lines)))) | set(range(max(0, len(lines) - 3), len(lines)))
    body = []
    for index, line in enumerate(lines):
        names = byline_names(line) if index in edge and len(line) < 200 else None
        if names is None:
            body.append(Paragraph(line))
        else:
            authors.extend(names)
    return Document(
        title=title, paragraphs=tuple(body), authors=unique_names(authors), url=url, publisher=None
    )
