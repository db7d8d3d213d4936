"""Evidence that lasts: web-archive captures of documents, checks of their sources, archive links.

A capture's WARC file lives in Django's storage (the filesystem by default, any S3-compatible
store by settings); the row keeps what is needed to list, deduplicate and verify it.
"""

from django.db import models
from django.db.models import Q

from provenance.models.recording import Recorded, Timestamped


def capture_storage():
    """The storage that holds WARC files (settings.STORAGES["captures"])."""
    # A callable: the storage is looked up when used, so settings (and tests) can change it.
    from django.core.files.storage import storages

    return storages["captures"]


class Capture(models.Model):
    """One fetch of a document's address, kept as a WARC file (request and response records)."""

    document = models.ForeignKey(
        "provenance.Document",
        verbose_name="document",
        on_delete=models.CASCADE,
        related_name="captures",
        help_text="The document this is a capture of.",
    )
    url = models.URLField(
        "requested address", max_length=2000, help_text="The address that was asked for."
    )
    final_url = models.URLField(
        "final address", max_length=2000, help_text="The address answered after redirects."
    )
    status = models.PositiveSmallIntegerField("HTTP status", help_text="The response's status.")
    content_type = models.CharField(
        "content type", max_length=200, blank=True, help_text="The response's Content-Type."
    )
    fetched_at = models.DateTimeField("fetched", help_text="When the request was sent.")
    sha256 = models.CharField(
        "body SHA-256", max_length=64, help_text="Hex SHA-256 of the response body."
    )
    size = models.PositiveBigIntegerField("body size", help_text="The body's length in bytes.")
    warc = models.FileField(
        "WARC file",
        max_length=300,
        storage=capture_storage,
        help_text="The gzipped WARC file, in the captures storage.",
    )
    warc_sha256 = models.CharField(
        "WARC SHA-256", max_length=64, help_text="Hex SHA-256 of the stored WARC file."
    )
    warc_size = models.PositiveBigIntegerField(
        "WARC size", help_text="The stored file's length in bytes."
    )
    text = models.TextField(
        "extracted text", blank=True, help_text="The article text extracted from the body."
    )

    class Meta:
        verbose_name = "capture"
        verbose_name_plural = "captures"
        ordering = ("-fetched_at", "-id")
        constraints = (
            # The same body is stored once per document: a re-fetch that brings nothing new
            # is a check ("live"), not another file.
            models.UniqueConstraint(
                fields=("document", "sha256"),
                name="capture_unique_body",
                violation_error_message="This document already has a capture of this body.",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="capture_sha256_hex"
            ),
        )
        indexes = (models.Index(fields=("document", "-fetched_at"), name="capture_newest_idx"),)

    def __str__(self) -> str:
        return f"{self.final_url} at {self.fetched_at:%Y-%m-%d %H:%M} UTC"


class SourceState(models.TextChoices):
    UNCHECKED = "", "Not checked"
    LIVE = "live", "Live"
    MOVED = "moved", "Moved"
    GONE = "gone", "Gone"
    CHANGED = "changed", "Changed"


class CheckResult(models.TextChoices):
    LIVE = "live", "Live"
    MOVED = "moved", "Moved"
    GONE = "gone", "Gone"
    CHANGED = "changed", "Changed"
    FAILED = "failed", "Failed (will retry)"


class SourceCheck(models.Model):
    """One re-fetch of a document's address by the watch, and what it found."""

    Result = CheckResult

    document = models.ForeignKey(
        "provenance.Document",
        verbose_name="document",
        on_delete=models.CASCADE,
        related_name="source_checks",
        help_text="The document whose address was fetched again.",
    )
    checked_at = models.DateTimeField("checked", help_text="When the fetch was made.")
    result = models.CharField(
        "result",
        max_length=10,
        choices=CheckResult.choices,
        help_text="Live, moved (redirected), gone (404/410 or no DNS several times), changed "
        "(the article text differs) or failed (a passing error, tried again later).",
    )
    status = models.PositiveSmallIntegerField(
        "HTTP status", null=True, blank=True, help_text="The status answered, when there was one."
    )
    final_url = models.URLField(
        "final address", max_length=2000, blank=True, help_text="Where redirects led."
    )
    capture = models.ForeignKey(
        Capture,
        verbose_name="capture",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checks",
        help_text="The capture of the body fetched (an existing one when it did not change).",
    )
    note = models.TextField(
        "note", blank=True, help_text="What was found, in words (the error, what changed)."
    )
    diff = models.JSONField(
        "word-level difference",
        default=list,
        blank=True,
        help_text='Changed passages of the article text: [{"removed": "…", "added": "…"}].',
    )

    class Meta:
        verbose_name = "source check"
        verbose_name_plural = "source checks"
        ordering = ("-checked_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(result__in=CheckResult.values), name="sourcecheck_result_valid"
            ),
        )
        indexes = (models.Index(fields=("document", "-checked_at"), name="sourcecheck_newest_idx"),)

    def __str__(self) -> str:
        return f"{self.get_result_display()} at {self.checked_at:%Y-%m-%d %H:%M} UTC"


class SourceWatch(Timestamped):
    """When a document's address is fetched again, and what the last fetches said.

    Kept apart from the document so that a routine check does not add a version to it.
    """

    document = models.OneToOneField(
        "provenance.Document",
        verbose_name="document",
        on_delete=models.CASCADE,
        related_name="watch",
        help_text="The document watched.",
    )
    host = models.CharField(
        "host", max_length=255, help_text="The address's host: at most one request a minute each."
    )
    next_check_at = models.DateTimeField("next check", help_text="When it is due again.")
    interval_hours = models.PositiveIntegerField(
        "interval (hours)",
        default=24,
        help_text="Time between checks: doubles while the page stays the same, up to a month.",
    )
    failures = models.PositiveSmallIntegerField(
        "failures in a row",
        default=0,
        help_text="Fetches in a row that found no host (DNS) or failed; several mean gone.",
    )
    last_checked_at = models.DateTimeField(
        "last checked", null=True, blank=True, help_text="When it was last fetched."
    )
    active = models.BooleanField(
        "watched", default=True, help_text="Off once the page is gone: nothing left to watch."
    )

    class Meta:
        verbose_name = "source watch"
        verbose_name_plural = "source watches"
        ordering = ("next_check_at", "id")
        indexes = (
            models.Index(
                fields=("next_check_at",), condition=Q(active=True), name="sourcewatch_due_idx"
            ),
        )

    def __str__(self) -> str:
        return f"watch of document {self.document_id}"


class ArchiveService(models.TextChoices):
    WAYBACK = "wayback", "Internet Archive (Wayback Machine)"
    PERMA = "perma", "Perma.cc"
    OTHER = "other", "Other archive"


class ArchiveLink(Recorded):
    """The address of a copy of a document in a public web archive."""

    document = models.ForeignKey(
        "provenance.Document",
        verbose_name="document",
        on_delete=models.CASCADE,
        related_name="archive_links",
        help_text="The document archived.",
    )
    url = models.URLField(
        "archived copy", max_length=2000, help_text="The address of the archived copy."
    )
    service = models.CharField(
        "archive",
        max_length=20,
        choices=ArchiveService.choices,
        default=ArchiveService.OTHER,
        help_text="Which public web archive holds it.",
    )
    archived_at = models.DateTimeField(
        "archived", null=True, blank=True, help_text="When the archive made the copy."
    )

    class Meta:
        verbose_name = "archive link"
        verbose_name_plural = "archive links"
        ordering = ("-archived_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("document", "url"),
                name="archivelink_unique",
                violation_error_message="This archived copy is already recorded.",
            ),
            models.CheckConstraint(
                condition=Q(service__in=ArchiveService.values), name="archivelink_service_valid"
            ),
        )

    def __str__(self) -> str:
        return self.url
