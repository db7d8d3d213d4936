"""Claims and their verdicts (reviews)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from provenance.matching import claim_key
from provenance.models.recording import Recorded


class Verdict(models.TextChoices):
    """The verification scale, with its ClaimReview (schema.org) rating values."""

    UNVERIFIED = "unverified", "Unverified"
    IN_REVIEW = "in_review", "In review"
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    MIXED = "mixed", "Mixed"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    UNVERIFIABLE = "unverifiable", "Unverifiable"

    @property
    def rating(self) -> int | None:
        """ClaimReview ratingValue from WORST_RATING (false) to BEST_RATING (true).

        Misleading sits with mostly false (true words, false impression); the open verdicts
        (unverified, in review, unverifiable) have no rating: a ClaimReview then carries only
        the verdict's name (alternateName).
        """
        return _RATINGS.get(self)

    @property
    def is_rating(self) -> bool:
        """A verdict on the claim's truth (as opposed to unverified, in review, unverifiable)."""
        return self.rating is not None


# Verdicts a reviewer gave on the claim as worded and sourced: a change to either reopens them.
REVIEWED_VERDICTS = frozenset(
    {v for v in Verdict if v not in (Verdict.UNVERIFIED, Verdict.IN_REVIEW)}
)

BEST_RATING, WORST_RATING = 5, 1
_RATINGS = {
    Verdict.TRUE: 5,
    Verdict.MOSTLY_TRUE: 4,
    Verdict.MIXED: 3,
    Verdict.MOSTLY_FALSE: 2,
    Verdict.MISLEADING: 2,
    Verdict.FALSE: 1,
}


class Claim(Recorded):
    """One checkable proposition, in canonical wording."""

    Verdict = Verdict

    text = models.TextField(
        "claim",
        help_text="The proposition in canonical wording. Changes are kept in the history.",
    )
    # Public by decision (README, "Public pages"): it is printed under the claim and served by
    # the API, so the label says so rather than promising private notes.
    context = models.TextField(
        "public context",
        blank=True,
        help_text="Shown under the claim on its public page and in the API: scope, dates, "
        "what exactly is claimed. Not for internal notes.",
    )
    status = models.CharField(
        "verdict",
        max_length=20,
        choices=Verdict.choices,
        default=Verdict.UNVERIFIED,
        editable=False,
        help_text="The newest review's verdict; set only by recording a review.",
    )
    needs_rereview = models.BooleanField(
        "needs re-review",
        default=False,
        editable=False,
        help_text="The wording or the chain changed after the verdict was given: the verdict "
        "waits for a reviewer again. A new verdict clears it.",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="assigned to",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
        help_text="The editor or reviewer working on this claim now (their 'My work' lists it).",
    )
    # The publish step: a claim is a draft, seen only by editors and reviewers, until an editor
    # publishes it. Both fields are kept in the history (who published, and when).
    published_at = models.DateTimeField(
        "published",
        null=True,
        blank=True,
        editable=False,
        help_text="When an editor published the claim; empty while it is a draft that only "
        "editors and reviewers see.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="published by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The editor who published the claim.",
    )
    match_key = models.TextField(
        "matching key",
        blank=True,
        editable=False,
        help_text="The wording normalised (case, quote marks, punctuation, a leading 'The'): "
        "claims with equal keys state the same thing in the same words.",
    )
    retracted_at = models.DateTimeField(
        "retracted",
        null=True,
        blank=True,
        help_text="When the claim was withdrawn from publication. Claims are retracted, "
        "not deleted.",
    )
    retraction_note = models.TextField(
        "retraction note", blank=True, help_text="Why the claim was retracted."
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="duplicate of",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="duplicates",
        help_text="Set when a confirmed match merged this claim into another: its assertions "
        "and citations moved there; it is kept, with its verdicts and history.",
    )

    # The provenance analysis, cached so that claim lists can filter and sort by it. Derived
    # state: refreshed whenever the claim's graph changes (provenance.services.analysis_cache),
    # never edited, and left out of the history.
    independent_origins = models.PositiveIntegerField(
        "independent origins",
        null=True,
        editable=False,
        help_text="How many independent origins stand behind the claim (empty until analysed).",
    )
    circular = models.BooleanField(
        "circular reporting", default=False, editable=False, help_text="Its chain has a loop."
    )
    chain_depth = models.PositiveIntegerField(
        "chain depth",
        null=True,
        editable=False,
        help_text="Hops from the most downstream assertion to its origin.",
    )
    links = models.PositiveIntegerField(
        "links", default=0, editable=False, help_text="Citations in its provenance graph."
    )
    unchecked_links = models.PositiveIntegerField(
        "unchecked links", default=0, editable=False, help_text="Links no one has checked yet."
    )
    flagged = models.BooleanField(
        "flagged by a correction",
        default=False,
        editable=False,
        help_text="A document in its chain was corrected or retracted.",
    )
    analysis_summary = models.TextField(
        "provenance summary", blank=True, editable=False, help_text="The analysis in words."
    )
    hints = models.PositiveIntegerField(
        "change hints",
        default=0,
        editable=False,
        help_text="Automatic observations on its hops (a number changed, a hedge dropped...): "
        "never a verdict, a reason to look.",
    )
    analysed_at = models.DateTimeField(
        "analysed", null=True, editable=False, help_text="When the cached analysis was computed."
    )
    graph_version = models.PositiveIntegerField(
        "graph version",
        default=0,
        editable=False,
        help_text="Grows whenever anything in the claim's provenance graph changes.",
    )
    analysis_version = models.PositiveIntegerField(
        "analysed graph version",
        null=True,
        editable=False,
        help_text="The graph version the cached analysis was computed for.",
    )

    history = HistoricalRecords(
        excluded_fields=[
            "needs_rereview",
            "match_key",
            "independent_origins",
            "circular",
            "chain_depth",
            "links",
            "unchecked_links",
            "flagged",
            "analysis_summary",
            "hints",
            "analysed_at",
            "graph_version",
            "analysis_version",
        ]
    )

    class Meta:
        verbose_name = "claim"
        verbose_name_plural = "claims"
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(status__in=Verdict.values), name="claim_status_valid"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_blank"),
            models.CheckConstraint(
                condition=~Q(duplicate_of=F("id")),
                name="claim_not_own_duplicate",
                violation_error_message="A claim cannot be a duplicate of itself.",
            ),
        )
        indexes = (
            models.Index(fields=("status",), name="claim_status_idx"),
            models.Index(fields=("created_at",), name="claim_created_idx"),
            models.Index(fields=("independent_origins",), name="claim_origins_idx"),
            # Few claims are circular or flagged: small partial indexes find them in order.
            models.Index(
                fields=("-created_at",), condition=Q(circular=True), name="claim_circular_idx"
            ),
            models.Index(
                fields=("-created_at",), condition=Q(flagged=True), name="claim_flagged_idx"
            ),
            models.Index(fields=("-created_at",), condition=Q(hints__gt=0), name="claim_hints_idx"),
            # Drafts are few once a newsroom works: the editors' list of them stays small.
            models.Index(
                fields=("-created_at",),
                condition=Q(published_at__isnull=True),
                name="claim_draft_idx",
            ),
        )
        permissions = (
            ("flag_for_review", "Can send a claim to review or back"),
            ("publish_claim", "Can publish a claim"),
        )

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    @property
    def is_draft(self) -> bool:
        """Not yet published: the public pages, exports and anonymous API do not show it."""
        return self.published_at is None

    def clean(self) -> None:
        # Derived from the wording, so set wherever a claim is validated: the services and the
        # bulk ingestion both run full_clean() before writing.
        super().clean()
        self.match_key = claim_key(self.text)

    def save(self, *args, **kwargs):
        self.match_key = claim_key(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "match_key"}
        super().save(*args, **kwargs)


class ClaimVector(models.Model):
    """A claim's sentence vector for matching, computed once in the background.

    Kept beside the claim rather than on it: claim lists never read these 512 bytes, and a
    claim whose wording changes loses its vector until the new one is computed.
    """

    claim = models.OneToOneField(
        Claim,
        verbose_name="claim",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="match_vector",
        help_text="The claim the vector stands for.",
    )
    model = models.CharField(
        "model", max_length=64, help_text="Which embedding made the vector (never mixed)."
    )
    key = models.TextField(
        "matching key", help_text="The claim's matching key when the vector was computed."
    )
    vector = models.BinaryField("vector", help_text="The normalised vector, float16 bytes.")
    created_at = models.DateTimeField("computed", auto_now_add=True)

    class Meta:
        verbose_name = "claim vector"
        verbose_name_plural = "claim vectors"

    def __str__(self) -> str:
        return f"Vector of claim #{self.claim_id} ({self.model})"


class Review(models.Model):
    """A verdict on a claim, with its rationale. Append-only: a new verdict is a new review."""

    Verdict = Verdict

    claim = models.ForeignKey(
        Claim,
        verbose_name="claim",
        on_delete=models.CASCADE,
        related_name="reviews",
        help_text="The claim judged.",
    )
    verdict = models.CharField(
        "verdict", max_length=20, choices=Verdict.choices, help_text="The verdict given."
    )
    rationale = models.TextField("rationale", help_text="Why: what was checked and what it showed.")
    evidence = models.TextField(
        "evidence", blank=True, help_text="Links and references that support the verdict."
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="reviewer",
        on_delete=models.PROTECT,
        related_name="reviews",
        help_text="Who gave the verdict.",
    )
    created_at = models.DateTimeField("recorded", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "review"
        verbose_name_plural = "reviews"
        ordering = ("-created_at", "-id")
        get_latest_by = ("created_at", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="review_verdict_valid"
            ),
            models.CheckConstraint(condition=~Q(rationale=""), name="review_rationale_not_blank"),
        )
        indexes = (models.Index(fields=("claim", "-created_at"), name="review_claim_newest_idx"),)

    def __str__(self) -> str:
        when = f"{self.created_at:%Y-%m-%d}" if self.created_at else "not recorded"
        return f"{self.get_verdict_display()} ({when})"

    def save(self, *args, **kwargs):
        # Verdicts are append-only: correcting one means recording a new review.
        if not self._state.adding:
            raise ValueError("Reviews are append-only: record a new review instead.")
        super().save(*args, **kwargs)
