"""Undisclosed copying: one document's text reused from another's without citing it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from provenance.models.matches import MatchStatus
from provenance.models.recording import Timestamped


class DocumentReuse(Timestamped):
    """A document (`copy`) whose body overlaps heavily with an earlier one it does not cite.

    Suggested by shingle overlap at ingestion; an editor confirms or rejects it. A confirmed
    reuse makes the copy's assertions depend on the original's (a `reuses` citation), so the
    copy no longer counts as an independent origin.
    """

    Status = MatchStatus

    copy = models.ForeignKey(
        "provenance.Document",
        verbose_name="copy",
        on_delete=models.CASCADE,
        related_name="reuses",
        help_text="The later document, whose text overlaps the original's.",
    )
    original = models.ForeignKey(
        "provenance.Document",
        verbose_name="original",
        on_delete=models.CASCADE,
        related_name="reused_by",
        help_text="The earlier document the text appears to come from.",
    )
    overlap = models.FloatField(
        "overlap",
        help_text="Share of the copy's word shingles (5 words) found in the original, 0 to 1.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=MatchStatus.choices,
        default=MatchStatus.SUGGESTED,
        help_text="Suggested by the overlap; confirmed or rejected by an editor.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="decided by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor who confirmed or rejected the reuse.",
    )
    decided_at = models.DateTimeField(
        "decided", null=True, blank=True, help_text="When the reuse was confirmed or rejected."
    )

    class Meta:
        verbose_name = "document reuse"
        verbose_name_plural = "document reuses"
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=~Q(copy=F("original")),
                name="document_reuse_not_self",
                violation_error_message="A document cannot reuse itself.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MatchStatus.values), name="document_reuse_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(overlap__gte=0) & Q(overlap__lte=1), name="document_reuse_overlap_range"
            ),
            models.UniqueConstraint(
                fields=("copy", "original"),
                name="document_reuse_unique_pair",
                violation_error_message="This reuse is already recorded.",
            ),
        )
        indexes = (models.Index(fields=("original", "copy"), name="document_reuse_original_idx"),)

    def __str__(self) -> str:
        return f"document #{self.copy_id} reuses #{self.original_id} ({self.overlap:.0%})"


class DocumentFingerprint(models.Model):
    """One locality-sensitive band of a document's MinHash signature.

    Documents sharing any band value are candidates for reuse: an index on the value finds
    them without reading every document (provenance.reuse).
    """

    document = models.ForeignKey(
        "provenance.Document",
        verbose_name="document",
        on_delete=models.CASCADE,
        related_name="fingerprints",
        help_text="The document whose text this band summarises.",
    )
    band = models.PositiveSmallIntegerField("band", help_text="Which band of the signature.")
    value = models.BigIntegerField("value", help_text="The band's hash, a signed 64-bit number.")

    class Meta:
        verbose_name = "document fingerprint"
        verbose_name_plural = "document fingerprints"
        constraints = (
            models.UniqueConstraint(
                fields=("document", "band"), name="document_fingerprint_unique_band"
            ),
        )
        # Looked up by value (an IN list of one article's 32 values); the band is checked on the
        # few rows found, so one index range scan per value, whatever the number of documents.
        indexes = (models.Index(fields=("value", "band"), name="document_fingerprint_value_idx"),)

    def __str__(self) -> str:
        return f"document #{self.document_id} band {self.band}"
