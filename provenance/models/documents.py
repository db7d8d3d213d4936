"""Documents: published works, with a snapshot that survives link rot."""

import hashlib

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from provenance.models.evidence import SourceState
from provenance.models.recording import Recorded


class DocumentStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    CORRECTED = "corrected", "Corrected"
    RETRACTED = "retracted", "Retracted"


class Document(Recorded):
    """One published work: an article, report, transcript, post or statement."""

    Status = DocumentStatus

    url = models.URLField(
        "canonical address",
        max_length=2000,
        null=True,
        blank=True,
        unique=True,
        error_messages={"unique": "A document with this address is already recorded."},
        help_text="The canonical URL (rel=canonical when the page gives one).",
    )
    title = models.CharField("title", max_length=500, help_text="Headline or title.")
    publisher = models.ForeignKey(
        "provenance.Source",
        verbose_name="publisher",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents_published",
        help_text="The outlet or organization that published it.",
    )
    authors = models.ManyToManyField(
        "provenance.Source",
        verbose_name="authors",
        blank=True,
        related_name="documents_authored",
        help_text="Bylined authors.",
    )
    published_at = models.DateTimeField(
        "published", null=True, blank=True, help_text="When it was first published."
    )
    retrieved_at = models.DateTimeField(
        "retrieved", null=True, blank=True, help_text="When the snapshot was fetched or uploaded."
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=DocumentStatus.choices,
        default=DocumentStatus.PUBLISHED,
        help_text="A corrected or retracted document flags every claim downstream of it.",
    )
    status_note = models.TextField(
        "correction or retraction note", blank=True, help_text="What was corrected or why."
    )
    snapshot = models.BinaryField(
        "snapshot",
        blank=True,
        default=b"",
        help_text="The content exactly as fetched or uploaded.",
    )
    snapshot_type = models.CharField(
        "snapshot type", max_length=100, blank=True, help_text="Media type: text/html, text/plain."
    )
    snapshot_sha256 = models.CharField(
        "snapshot SHA-256",
        max_length=64,
        blank=True,
        editable=False,
        help_text="Hex SHA-256 of the snapshot, to prove the evidence has not changed.",
    )
    text = models.TextField(
        "text", blank=True, help_text="The body text extracted from the snapshot."
    )
    source_state = models.CharField(
        "source state",
        max_length=10,
        blank=True,
        default="",
        choices=SourceState.choices,
        help_text="What the last watch of the address found; gone or changed flags every "
        "claim downstream, as a retraction does.",
    )
    source_note = models.TextField(
        "source note",
        blank=True,
        help_text="What changed or disappeared, in words (“the quoted sentence … was removed "
        "on 4 March 2026”).",
    )

    # The snapshot can be megabytes: history keeps its hash, not a copy per edit.
    history = HistoricalRecords(excluded_fields=["snapshot"], m2m_fields=[authors])

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documents"
        ordering = ("-published_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=DocumentStatus.values), name="document_status_valid"
            ),
            models.CheckConstraint(condition=~Q(url=""), name="document_url_null_not_blank"),
            models.CheckConstraint(
                condition=Q(source_state__in=SourceState.values),
                name="document_source_state_valid",
            ),
            models.UniqueConstraint(
                fields=("snapshot_sha256",),
                condition=~Q(snapshot_sha256=""),
                name="document_unique_snapshot",
                violation_error_message="A document with the same content already exists.",
            ),
        )
        indexes = (models.Index(fields=("published_at",), name="document_published_idx"),)

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Derived state: the hash always matches the stored bytes, whichever path saved them.
        snapshot = bytes(self.snapshot or b"")
        self.snapshot_sha256 = hashlib.sha256(snapshot).hexdigest() if snapshot else ""
        if not self.url:
            self.url = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "snapshot" in update_fields:
            kwargs["update_fields"] = {*update_fields, "snapshot_sha256"}
        super().save(*args, **kwargs)
