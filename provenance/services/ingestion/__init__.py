"""Ingesting an article: extraction (pure) turned into records, previewed first.

`ingestion_preview` extracts and shows what would be written (each source: existing or new;
whether the document is already recorded); `ingestion_apply` writes it all in one transaction.
Both take the editor's corrected extraction (the JSON shape of `Extraction.as_dict()`) in place of
the automatic one. Unreadable content raises an `ExtractionError` (`ContentTooLarge` among
them); an invalid corrected extraction a `ValidationError` keyed by path ("claims[2].text").

Sources and the document are written through their services; the draft claims with their
assertions and citations in bulk (see `records`). Idempotency keys: the SHA-256 of the content,
and the canonical URL (the page's own, else the one given). Content already recorded under
either gives back that document and writes nothing.
"""

from __future__ import annotations

import hashlib
import textwrap
from dataclasses import replace
from datetime import UTC, datetime, time
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from provenance.ingest import Extraction, Fetched, extract, fetch
from provenance.ingest.decoding import decode, media_type
from provenance.models import Document, Source
from provenance.names import normalize_name
from provenance.selectors_duplicates import document_same_article
from provenance.services.captures import capture_record
from provenance.services.claims import _check_may_publish
from provenance.services.documents import document_create
from provenance.services.ingestion.corrections import (
    NAME_MAX,
    extraction_from_dict,
    valid_url,
)
from provenance.services.ingestion.plan import Plan
from provenance.services.ingestion.records import claims_write
from provenance.services.ingestion.results import (
    IngestCounts,
    IngestPreview,
    IngestResult,
    SourcePreview,
)
from provenance.services.ingestion.sources import SourceResolver
from provenance.services.matching import claims_matches_find
from provenance.services.reuse import document_reuses_detect

__all__ = [
    "IngestCounts",
    "IngestPreview",
    "IngestResult",
    "SourcePreview",
    "ingestion_apply",
    "ingestion_content_type",
    "ingestion_fetch",
    "ingestion_preview",
    "ingestion_text_content",
]

TITLE_MAX = 500  # Document.title
_READABLE = ("text/html", "application/xhtml+xml", "text/plain")
_SUFFIXES = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml"}
_SUFFIXES |= {".txt": "text/plain", ".text": "text/plain", ".md": "text/plain"}


def ingestion_content_type(*, filename: str | None = None, declared: str | None = None):
    """The content type to read an article with: the declared one when it is an article type
    that the file name's suffix does not contradict, else the suffix's, else None (sniffed).

    Uploads are labelled by the browser or the operating system, often application/octet-stream
    or text/plain whatever the file holds, so a known suffix wins over them; a server's
    Content-Type is authoritative, so fetched pages pass no file name.
    """
    by_name = _SUFFIXES.get(PurePosixPath(filename or "").suffix.lower())
    kind = media_type(declared)[0]
    if kind in _READABLE and (
        by_name is None or (kind == "text/plain") == (by_name == "text/plain")
    ):
        return declared
    return by_name


def ingestion_text_content(*, text: str, content_type: str | None = None) -> tuple[bytes, str]:
    """Pasted or posted text as the bytes to store (UTF-8) and a content type that says so.

    The text is already decoded: a charset in the declared type, or a `<meta charset>` in pasted
    HTML, no longer describes it. The media type is the declared one, else HTML or plain text as
    sniffed. Raises an `ExtractionError` for text that is no article (empty, binary, too large).
    """
    kind = media_type(content_type)[0]
    if kind is None:
        kind = "text/html" if decode(text)[1] else "text/plain"
    # A lone surrogate (JSON allows "\ud800") has no UTF-8 form: it becomes "?".
    return text.encode("utf-8", "replace"), f"{kind}; charset=utf-8"


def ingestion_fetch(*, url: str) -> Fetched:
    """Fetch an article under the configured size and time limits and address policy."""
    return fetch(
        url,
        max_bytes=settings.PROVENANCE_FETCH_MAX_BYTES,
        timeout=settings.PROVENANCE_FETCH_TIMEOUT,
        allow_private=settings.PROVENANCE_FETCH_ALLOW_PRIVATE,
    )


def ingestion_preview(
    *,
    content: bytes,
    url: str | None = None,
    content_type: str | None = None,
    extraction: dict | None = None,
) -> IngestPreview:
    """What ingesting `content` would write, read from the database but writing nothing.

    A constant number of queries whatever the article: the document look-up and the sources,
    resolved all at once.
    """
    digest = hashlib.sha256(content).hexdigest()
    result = _extraction(content, url=url, content_type=content_type, corrected=extraction)
    canonical = result.url or url
    existing, matched_by = _existing_document(sha256=digest, urls=(canonical, url))
    if existing is None:
        existing, matched_by = _same_article(result)
    resolver = SourceResolver(result)
    plan = resolver.plan()
    new_sources = sum(1 for s in resolver.previews() if s.written and s.existing is None)
    counts = (
        IngestCounts()
        if existing is not None
        else IngestCounts(1, len(plan.claims), plan.assertions, plan.citations, new_sources)
    )
    return IngestPreview(
        extraction=result,
        plan=plan,
        sources=tuple(resolver.previews()),
        sha256=digest,
        url=canonical,
        content_type=_snapshot_type(content_type, result),
        existing_document=existing,
        matched_by=matched_by,
        counts=counts,
        warnings=tuple(_warnings(result, plan, resolver)),
    )


def ingestion_apply(
    *,
    content: bytes,
    url: str | None = None,
    content_type: str | None = None,
    extraction: dict | None = None,
    retrieved_at: datetime | None = None,
    created_by: AbstractBaseUser | None,
    fetched: Fetched | None = None,
    publish: bool = False,
) -> IngestResult:
    """Record the article: its document (with the original bytes as snapshot), its sources
    (existing ones reused by name or alias), draft claims, assertions and unchecked citations.

    All in one transaction: on any error nothing is written. Content already recorded (same
    SHA-256 or canonical URL) returns that document with `already_ingested` and writes nothing.
    A fetched article (`fetched`, whose body is `content`) is also kept as a web-archive
    capture of the document, after the transaction, new document or existing.

    The claims are drafts unless `publish` (the permission to publish: `claim_publish`).
    """
    if publish:
        _check_may_publish(created_by)
    result = _apply(
        publish=publish,
        content=content,
        url=url,
        content_type=content_type,
        extraction=extraction,
        retrieved_at=retrieved_at,
        created_by=created_by,
    )
    if fetched is not None:
        document = result.document
        same = document.snapshot_sha256 == hashlib.sha256(fetched.content).hexdigest()
        capture_record(document=document, fetched=fetched, text=document.text if same else None)
    return result


def _apply(
    *,
    content: bytes,
    url: str | None,
    content_type: str | None,
    extraction: dict | None,
    retrieved_at: datetime | None,
    created_by: AbstractBaseUser | None,
    publish: bool = False,
) -> IngestResult:
    digest = hashlib.sha256(content).hexdigest()
    existing, matched_by = _existing_document(sha256=digest, urls=(url,))
    if existing is not None:
        return IngestResult(existing, True, matched_by, IngestCounts())
    result = _extraction(content, url=url, content_type=content_type, corrected=extraction)
    canonical = result.url or url
    existing, matched_by = _existing_document(sha256=digest, urls=(canonical,))
    if existing is None:
        existing, matched_by = _same_article(result)
    if existing is not None:
        return IngestResult(existing, True, matched_by, IngestCounts(), extraction=result)
    resolver = SourceResolver(result)
    plan = resolver.plan()
    try:
        with transaction.atomic():
            return _write(
                result,
                plan,
                resolver,
                content=content,
                url=canonical,
                snapshot_type=_snapshot_type(content_type, result),
                retrieved_at=retrieved_at or timezone.now(),
                created_by=created_by,
                publish=publish,
            )
    except (IntegrityError, ValidationError):
        # Another request recorded the same document meanwhile: that one stands.
        existing, matched_by = _existing_document(sha256=digest, urls=(canonical,))
        if existing is None:
            raise
        return IngestResult(existing, True, matched_by, IngestCounts(), extraction=result)


# -- reading -------------------------------------------------------------------------------------


def _extraction(
    content: bytes, *, url: str | None, content_type: str | None, corrected: dict | None
) -> Extraction:
    """The automatic extraction, or the corrected one, checked alike, with the body text."""
    if url is not None and not valid_url(url):
        raise ValidationError({"url": "Enter a valid http or https URL."}, code="invalid")
    automatic = extract(content, url=url, content_type=content_type)
    data = corrected if corrected is not None else _usable(automatic.as_dict())
    checked = extraction_from_dict(data)
    return replace(checked, text=automatic.text, media_type=automatic.media_type)


def _usable(data: dict) -> dict:
    """The automatic extraction without unusable page metadata: a canonical link, source or
    link address that is no http(s) URL, an over-long byline. The page is outside the
    extractor's control; such metadata is dropped rather than refusing the article."""
    if data["url"] and not valid_url(data["url"]):
        data["url"] = None
    data["authors"] = [a for a in data["authors"] if len(a) <= NAME_MAX]
    for item in (*data["sources"], *data["citations"]):
        if item["url"] and not valid_url(item["url"]):
            item["url"] = None
    data["links"] = [link for link in data["links"] if valid_url(link["url"])]
    return data


def _existing_document(
    *, sha256: str, urls: tuple[str | None, ...]
) -> tuple[Document | None, str | None]:
    """The document recorded with this content or at one of these addresses (one query)."""
    urls = tuple({u for u in urls if u})
    match = Q(snapshot_sha256=sha256) | (Q(url__in=urls) if urls else Q())
    # Both fields are unique: at most one row per key.
    documents = list(Document.objects.filter(match).defer("snapshot", "text").order_by("id"))
    for document in documents:
        if document.snapshot_sha256 == sha256:
            return document, "sha256"
    return (documents[0], "url") if documents else (None, None)


def _same_article(extraction: Extraction) -> tuple[Document | None, str | None]:
    """The same article recorded from other bytes (a paste of a fetched page): same title,
    same publisher, nearly the same text."""
    document = document_same_article(
        title=extraction.title or "",
        text=extraction.text or "",
        publisher_name=extraction.publisher,
    )
    return (document, "text") if document is not None else (None, None)


def _snapshot_type(content_type: str | None, extraction: Extraction) -> str:
    """The declared type (its charset tells how to read the bytes), else the one read."""
    return (content_type or extraction.media_type or "")[:100]


def _warnings(extraction: Extraction, plan: Plan, resolver: SourceResolver) -> list[str]:
    warnings = []
    if not extraction.claims:
        warnings.append("No attributed claim was found: only the document would be recorded.")
    if extraction.claims and resolver.voice is None:
        warnings.append(
            "The publisher is unknown, so no one asserts the claims in this document: "
            "name the publisher."
        )
    for index in plan.unused_citations:
        citation = extraction.citations[index]
        warnings.append(
            f"citations[{index}] ({citation.source or 'the publisher'} → {citation.target}) "
            "is on no claim's chain: it is not recorded."
        )
    for index in plan.unused_quotes:
        quote = extraction.quotes[index]
        warnings.append(
            f"quotes[{index}] (“{quote.text[:60]}”) belongs to no claim: it is not recorded."
        )
    return warnings


# -- writing -------------------------------------------------------------------------------------


def _write(
    extraction: Extraction,
    plan: Plan,
    resolver: SourceResolver,
    *,
    content: bytes,
    url: str | None,
    snapshot_type: str,
    retrieved_at: datetime,
    created_by: AbstractBaseUser | None,
    publish: bool = False,
) -> IngestResult:
    if resolver.voice is None and any(claim.chain[0] is None for claim in extraction.claims):
        raise ValidationError(
            {
                "publisher": "The publisher is unknown: name it (or give the article's URL), "
                "so that someone asserts the claims in this document."
            },
            code="required",
        )
    records, report = resolver.records()

    def source(name: str) -> Source:
        return records[normalize_name(name)]

    document = document_create(
        title=_title(extraction),
        url=url,
        publisher=source(extraction.publisher) if extraction.publisher else None,
        authors=[source(author) for author in extraction.authors],
        published_at=_datetime(extraction.published_at),
        retrieved_at=retrieved_at,
        snapshot=content,
        snapshot_type=snapshot_type,
        text=extraction.text,
        created_by=created_by,
    )
    claims, assertions, citations = claims_write(
        plan=plan, source=source, document=document, created_by=created_by, publish=publish
    )
    # Across documents: each new claim merged with the same claim recorded before (its chain
    # then reaches the cited outlets' own reports), and the article's text compared with the
    # documents it may copy.
    claims_matches_find(claim_ids=[claim.pk for claim in claims], actor=created_by)
    document_reuses_detect(document=document)
    new = sum(1 for _, created in report if created)
    counts = IngestCounts(1, len(claims), assertions, citations, new)
    return IngestResult(document, False, None, counts, tuple(claims), tuple(report), extraction)


def _title(extraction: Extraction) -> str:
    """The headline, else the body's first line shortened at a word, else a placeholder."""
    title = extraction.title or textwrap.shorten(
        extraction.text.strip().split("\n", 1)[0], width=120, placeholder="…"
    )
    title = title or "Untitled article"
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def _datetime(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time; a date alone, or no zone, is read as UTC."""
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        moment = datetime.combine(parse_date(value), time())
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)
