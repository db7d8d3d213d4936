"""What a preview shows and what an ingestion wrote, as plain data with `as_dict()`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from provenance.ingest import Extraction
from provenance.models import Claim, Document, Source
from provenance.services.ingestion.plan import Plan


@dataclass(frozen=True)
class IngestCounts:
    documents: int = 0
    claims: int = 0
    assertions: int = 0
    citations: int = 0
    sources: int = 0  # new sources

    def as_dict(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "claims": self.claims,
            "assertions": self.assertions,
            "citations": self.citations,
            "sources": self.sources,
        }

    def __str__(self) -> str:
        """For people: "1 document, 4 claims, 9 assertions, 6 citations, 3 new sources"."""
        return f"{_count(self.documents, 'document')}, {self.describe_graph()}"

    def describe_graph(self) -> str:
        """The records other than the document: "4 claims, 9 assertions, ..."."""
        return ", ".join(
            [
                _count(self.claims, "claim"),
                _count(self.assertions, "assertion"),
                _count(self.citations, "citation"),
                _count(self.sources, "new source"),
            ]
        )


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


@dataclass(frozen=True)
class SourcePreview:
    """One source the ingestion names, and the record it resolves to (None: a new one)."""

    name: str
    kind: str
    roles: tuple[str, ...]  # publisher, author, source, affiliation
    existing: Source | None
    written: bool  # False for a listed source that no claim, byline or affiliation uses

    def as_dict(self) -> dict[str, Any]:
        existing = self.existing
        return {
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "existing": None
            if existing is None
            else {"id": existing.pk, "name": existing.name, "kind": existing.kind},
            "written": self.written,
        }


@dataclass(frozen=True)
class IngestPreview:
    extraction: Extraction
    plan: Plan
    sources: tuple[SourcePreview, ...]
    sha256: str
    url: str | None  # the canonical URL the document would get
    content_type: str
    existing_document: Document | None
    matched_by: str | None  # "sha256", "url" or "text" (same title, publisher and text)
    counts: IngestCounts  # what confirming would create (nothing when already ingested)
    warnings: tuple[str, ...] = ()

    @property
    def already_ingested(self) -> bool:
        return self.existing_document is not None

    def as_dict(self) -> dict[str, Any]:
        document = self.existing_document
        return {
            "already_ingested": self.already_ingested,
            "document": None if document is None else _document_dict(document),
            "matched_by": self.matched_by,
            "sha256": self.sha256,
            "url": self.url,
            "content_type": self.content_type,
            "extraction": self.extraction.as_dict(),
            "sources": [source.as_dict() for source in self.sources],
            "claims": [
                {
                    "text": claim.text,
                    "chains": [list(chain) for chain in claim.chains],
                    "assertions": len(claim.nodes),
                    "citations": len(claim.hops),
                }
                for claim in self.plan.claims
            ],
            "would_create": self.counts.as_dict(),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class IngestResult:
    document: Document
    already_ingested: bool
    matched_by: str | None
    counts: IngestCounts
    claims: tuple[Claim, ...] = ()
    sources: tuple[tuple[Source, bool], ...] = field(default=())  # (source, created)
    # None when the content's hash matched before anything was extracted.
    extraction: Extraction | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "already_ingested": self.already_ingested,
            "matched_by": self.matched_by,
            "document": _document_dict(self.document),
            "claims": [claim.pk for claim in self.claims],
            "sources": [
                {"id": source.pk, "name": source.name, "kind": source.kind, "created": created}
                for source, created in self.sources
            ],
            "created": self.counts.as_dict(),
        }


def _document_dict(document: Document) -> dict[str, Any]:
    return {"id": document.pk, "title": document.title, "url": document.url}
