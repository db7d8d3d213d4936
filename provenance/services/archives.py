"""Writes for archive links: addresses of a document's copies in public web archives."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from provenance.evidence.archivers import ArchiveError, Perma, Wayback
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


def archivers_configured() -> list:
    """The archivers named in PROVENANCE_ARCHIVERS whose keys are set (none by default)."""
    names = {name.strip().lower() for name in settings.PROVENANCE_ARCHIVERS}
    wait, interval = (
        settings.PROVENANCE_ARCHIVE_WAIT_SECONDS,
        settings.PROVENANCE_ARCHIVE_POLL_SECONDS,
    )
    found = []
    if "wayback" in names and settings.PROVENANCE_WAYBACK_ACCESS_KEY:
        found.append(
            Wayback(
                access_key=settings.PROVENANCE_WAYBACK_ACCESS_KEY,
                secret_key=settings.PROVENANCE_WAYBACK_SECRET_KEY,
                endpoint=settings.PROVENANCE_WAYBACK_ENDPOINT,
                wait=wait,
                interval=interval,
            )
        )
    if "perma" in names and settings.PROVENANCE_PERMA_API_KEY:
        found.append(
            Perma(
                api_key=settings.PROVENANCE_PERMA_API_KEY,
                endpoint=settings.PROVENANCE_PERMA_ENDPOINT,
                site=settings.PROVENANCE_PERMA_SITE,
                folder=settings.PROVENANCE_PERMA_FOLDER,
                wait=wait,
                interval=interval,
            )
        )
    return found


def document_archive(
    *, document: Document, actor: AbstractBaseUser | None = None
) -> tuple[list[ArchiveLink], list[str]]:
    """Ask every configured archiver for a copy of the document's address.

    Returns the links recorded and, for each archiver that failed (rate limit included), a
    sentence saying why; one archiver's failure does not stop the others.
    """
    if not document.url:
        return [], ["The document has no address to archive."]
    links, problems = [], []
    for archiver in archivers_configured():
        try:
            archived = archiver.archive(document.url)
        except ArchiveError as error:
            problems.append(str(error))
            continue
        links.append(
            archive_link_add(
                document=document,
                url=archived.url,
                service=archiver.service,
                archived_at=archived.archived_at,
                actor=actor,
            )
        )
    return links, problems
