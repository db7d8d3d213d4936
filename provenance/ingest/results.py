"""The plain data that extraction returns: frozen dataclasses with a JSON-ready `as_dict()`.

The required keys of each `as_dict()` follow the ingest output of docs/architecture.md (the gold
files' shape); the other keys are always present, `null` when unknown, so a consumer never
needs `.get()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SOURCE_KINDS = ("outlet", "person", "organization", "anonymous", "document")
RELATIONS = ("cites", "quotes", "paraphrases", "links_to", "translates", "confirms", "denies")


@dataclass(frozen=True)
class Source:
    """Anyone or anything the article relies on, or the publisher itself."""

    name: str
    kind: str
    role: str | None = None  # "port director"
    affiliation: str | None = None  # "White House", "US" for "four US officials"
    descriptor: str | None = None  # anonymous only: "US officials"
    count: int | None = None  # anonymous only: 4 for "four US officials"
    anonymity_reason: str | None = None  # "because the talks are private"
    seen_by: str | None = None  # documents: the outlet that saw or obtained it
    url: str | None = None  # the address an anchor on the source's name points to
    confidence: float | None = None  # how sure the extractor is that this is a source, 0-1

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "affiliation": self.affiliation,
            "descriptor": self.descriptor,
            "count": self.count,
            "anonymity_reason": self.anonymity_reason,
            "seen_by": self.seen_by,
            "url": self.url,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Citation:
    """An edge: `source` relies on `target` ("Caliber.Az, citing Axios")."""

    source: str | None  # None when the publisher is unknown
    target: str
    relation: str
    evidence: str
    url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "relation": self.relation,
            "evidence": self.evidence,
            "url": self.url,
        }


@dataclass(frozen=True)
class Quote:
    """Words in quotation marks and who said them (None when no speaker could be found)."""

    speaker: str | None
    text: str
    evidence: str
    confidence: float | None = None  # how sure the extractor is of the speaker, 0-1

    def as_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "evidence": self.evidence,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Claim:
    """One attributed sentence: its wording without the attribution, and who stands behind it."""

    text: str
    attributed_to: str
    chain: tuple[str | None, ...]  # publisher first, `attributed_to` last
    sentence: str
    relation: str
    explicit: bool  # False when the sentence inherits the article's main cited source

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "attributed_to": self.attributed_to,
            "chain": list(self.chain),
            "sentence": self.sentence,
            "relation": self.relation,
            "explicit": self.explicit,
        }


@dataclass(frozen=True)
class Link:
    """An outbound link in the article body."""

    url: str
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"url": self.url, "text": self.text}


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article.

    `text` (the body, paragraphs separated by blank lines) and `media_type` (how the content was
    read: "text/html" or "text/plain") describe the document rather than its provenance, so they
    stay out of `as_dict()`, which keeps the gold files' shape; `text` can be megabytes.
    """

    publisher: str | None
    authors: tuple[str, ...] = ()
    title: str | None = None
    url: str | None = None
    published_at: str | None = None  # ISO 8601
    sources: tuple[Source, ...] = ()
    citations: tuple[Citation, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    links: tuple[Link, ...] = field(default=())
    text: str = field(default="", repr=False)
    media_type: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "publisher": self.publisher,
            "authors": list(self.authors),
            "title": self.title,
            "url": self.url,
            "published_at": self.published_at,
            "sources": [s.as_dict() for s in self.sources],
            "citations": [c.as_dict() for c in self.citations],
            "quotes": [q.as_dict() for q in self.quotes],
            "claims": [c.as_dict() for c in self.claims],
            "links": [link.as_dict() for link in self.links],
        }
