"""Writes for web-archive captures: a fetch kept as a WARC file in storage, its row in the database.

The file goes to the `captures` storage (settings.STORAGES) before the row is written; a row that
then fails (the same body recorded meanwhile) removes the file it wrote. A body already captured
for the document is not stored again (deduplicated by its SHA-256): the existing capture is
returned.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from provenance.evidence.warc import capture_warc
from provenance.ingest import ExtractionError, Fetched, extract
from provenance.models import Capture, Document
from provenance.models.evidence import capture_storage


def capture_path(*, document_id: int, sha256: str) -> str:
    """Where a capture's file goes: spread over 256 folders by the body's hash."""
    return f"{sha256[:2]}/{sha256}-d{document_id}.warc.gz"


def capture_text(*, fetched: Fetched) -> str:
    """The article text extracted from a fetched body ("" when it is no readable article)."""
    from provenance.services.ingestion import ingestion_content_type

    try:
        kind = ingestion_content_type(declared=fetched.content_type)
        return extract(fetched.content, url=fetched.final_url, content_type=kind).text
    except ExtractionError:
        return ""


def capture_record(*, document: Document, fetched: Fetched, text: str | None = None) -> Capture:
    """Keep one fetch of `document` as a WARC capture; an already captured body returns that one.

    `text` is the article text extracted from the body, when the caller has it already.
    """
    sha256 = hashlib.sha256(fetched.content).hexdigest()
    existing = Capture.objects.filter(document=document, sha256=sha256).first()
    if existing is not None:
        return existing
    data = capture_warc(fetched)
    storage = capture_storage()
    name = capture_path(document_id=document.pk, sha256=sha256)
    if storage.exists(name):  # left by an earlier attempt whose row was not written
        storage.delete(name)
    name = storage.save(name, ContentFile(data))
    capture = Capture(
        document=document,
        url=fetched.url,
        final_url=fetched.final_url,
        status=fetched.status,
        content_type=(fetched.content_type or "")[:200],
        fetched_at=fetched.fetched_at,
        sha256=sha256,
        size=len(fetched.content),
        warc=name,
        warc_sha256=hashlib.sha256(data).hexdigest(),
        warc_size=len(data),
        text=capture_text(fetched=fetched) if text is None else text,
    )
    try:
        with transaction.atomic():
            capture.save()
    except IntegrityError:
        storage.delete(name)
        existing = Capture.objects.filter(document=document, sha256=sha256).first()
        if existing is None:
            raise
        return existing
    return capture


def capture_file(*, capture: Capture) -> bytes:
    """The stored WARC file's bytes."""
    with capture_storage().open(capture.warc.name, "rb") as handle:
        return handle.read()


def capture_open(*, capture: Capture):
    """The stored WARC file, open for reading (the caller closes it)."""
    return capture_storage().open(capture.warc.name, "rb")
