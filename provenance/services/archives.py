"""Writes for archive links: addresses of a document's copies in public web archives."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from provenance.models import ArchiveLink, ArchiveService, Document
from provenance.services.validation import validated_save


@transaction.atomic
def archive_link_add(
    *,
    document: Document,
    url: str,
    service: str = ArchiveService.OTHER,
    archived_at: datetime | None = None,
    actor: AbstractBaseUser | None = None,
) -> ArchiveLink:
    """Record where a copy of `document` is archived; an address recorded already is returned."""
    existing = ArchiveLink.objects.filter(document=document, url=url).first()
    if existing is not None:
        return existing
    link = ArchiveLink(
        document=document, url=url, service=service, archived_at=archived_at, created_by=actor
    )
    validated_save(link, actor=actor)
    return link
