"""Writes to documents."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from provenance.models import Document, Source
from provenance.services.validation import assign, locked, validated_save

_UPDATABLE = frozenset(
    {"url", "title", "publisher", "published_at", "retrieved_at", "status", "status_note"}
    | {"source_state", "source_note"}
)


@transaction.atomic
def document_create(
    *,
    title: str,
    url: str | None = None,
    publisher: Source | None = None,
    authors: Iterable[Source] = (),
    published_at: datetime | None = None,
    retrieved_at: datetime | None = None,
    status: str = Document.Status.PUBLISHED,
    status_note: str = "",
    snapshot: bytes = b"",
    snapshot_type: str = "",
    text: str = "",
    created_by: AbstractBaseUser | None = None,
) -> Document:
    """Record a published work, with a snapshot of its content when there is one.

    It may be recorded already corrected or retracted: no claim cites it yet, so none to flag.
    """
    document = Document(
        title=title.strip(),
        url=url or None,
        publisher=publisher,
        published_at=published_at,
        retrieved_at=retrieved_at,
        status=status,
        status_note=status_note,
        snapshot=snapshot,
        snapshot_type=snapshot_type,
        text=text,
        created_by=created_by,
    )
    validated_save(document, actor=created_by, exclude=("snapshot_sha256",))
    if authors:
        document.authors.set(authors)
    return document


@transaction.atomic
def document_update(
    *,
    document: Document,
    authors: Iterable[Source] | None = None,
    expected_version: int | None = None,
    actor: AbstractBaseUser | None = None,
    **fields,
) -> Document:
    """Change a document's fields (a correction or retraction is a status change)."""
    document = locked(Document, document.pk, expected_version=expected_version)
    if assign(document, fields, allowed=_UPDATABLE):
        validated_save(document, actor=actor, exclude=("snapshot_sha256",))
    if authors is not None:
        document.authors.set(authors)
    return document
