"""Claim matches: two claim records that may state the same fact (DESIGN.md, "Across documents")."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from provenance.models.recording import Timestamped


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class ClaimMatch(Timestamped):
    """A pair of claims the matcher found alike: suggested, then confirmed (merged) or rejected.

    The pair is stored once, smaller id first, so that a rejection holds whichever of the two
    claims is matched next: a rejected pair is never suggested again.
    """

    Status = MatchStatus

    claim = models.ForeignKey(
        "provenance.Claim",
        verbose_name="claim",
        on_delete=models.CASCADE,
        related_name="matches_as_first",
        help_text="The claim with the smaller id.",
    )
    other = models.ForeignKey(
        "provenance.Claim",
        verbose_name="other claim",
        on_delete=models.CASCADE,
        related_name="matches_as_second",
        help_text="The claim with the larger id.",
    )
    score = models.FloatField(
        "score", help_text="How alike the two wordings are, from 0 (unrelated) to 1 (the same)."
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=MatchStatus.choices,
        default=MatchStatus.SUGGESTED,
        help_text="Suggested by the matcher; confirmed (the claims merge) or rejected by an "
        "editor, or confirmed automatically for the same wording.",
    )
    automatic = models.BooleanField(
        "confirmed automatically",
        default=False,
        help_text="The matcher merged the pair itself: the same wording, numbers and polarity.",
    )
    numbers_agree = models.BooleanField(
        "numbers agree", default=True, help_text="Both wordings carry the same numbers."
    )
    polarity_agree = models.BooleanField(
        "polarity agrees", default=True, help_text="Neither wording negates what the other says."
    )
    reasons = models.JSONField(
        "reasons", default=list, blank=True, help_text="Why the matcher scored the pair so."
    )
    report = models.ForeignKey(
        "provenance.Document",
        verbose_name="cited report reached",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Confirming the match continues a citation into this document: the cited "
        "outlet's own report of the claim.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="decided by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor who confirmed or rejected the match.",
    )
    decided_at = models.DateTimeField(
        "decided", null=True, blank=True, help_text="When the match was confirmed or rejected."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "claim match"
        verbose_name_plural = "claim matches"
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(claim__lt=F("other")),
                name="claim_match_ordered_pair",
                violation_error_message="A match pairs two different claims, smaller id first.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=MatchStatus.values), name="claim_match_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_match_score_range"
            ),
            models.UniqueConstraint(
                fields=("claim", "other"),
                name="claim_match_unique_pair",
                violation_error_message="These two claims are already matched.",
            ),
        )
        indexes = (
            # The suggestions queue, newest first; and a claim's matches from either side.
            models.Index(
                fields=("-created_at",),
                condition=Q(status=MatchStatus.SUGGESTED),
                name="claim_match_queue_idx",
            ),
            models.Index(fields=("other", "claim"), name="claim_match_other_idx"),
        )

    def __str__(self) -> str:
        return f"claim #{self.claim_id} ~ claim #{self.other_id} ({self.get_status_display()})"
