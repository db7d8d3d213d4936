"""Assertions (a claim as stated by one source) and the citations between them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from provenance.models.recording import Recorded


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "Direct quote"
    PARAPHRASE = "paraphrase", "Paraphrase"
    SUMMARY = "summary", "Summary in the outlet's words"


class Assertion(Recorded):
    """A claim as stated by one source, optionally in one document: "Axios asserts C in D"."""

    QuoteKind = QuoteKind

    claim = models.ForeignKey(
        "provenance.Claim",
        verbose_name="claim",
        on_delete=models.CASCADE,
        related_name="assertions",
        help_text="The claim asserted.",
    )
    source = models.ForeignKey(
        "provenance.Source",
        verbose_name="source",
        on_delete=models.PROTECT,
        related_name="assertions",
        help_text="Who asserts it.",
    )
    document = models.ForeignKey(
        "provenance.Document",
        verbose_name="document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assertions",
        help_text="Where it is asserted; empty for what a source told a reporter.",
    )
    quote = models.TextField(
        "quote", blank=True, help_text="The words used, verbatim for a direct quote."
    )
    quote_kind = models.CharField(
        "quote kind",
        max_length=20,
        choices=QuoteKind.choices,
        blank=True,
        help_text="Direct quote, paraphrase or summary; empty when no wording is recorded.",
    )
    selector_exact = models.TextField(
        "selector: exact",
        blank=True,
        help_text="Web Annotation TextQuoteSelector: the exact text in the document.",
    )
    selector_prefix = models.CharField(
        "selector: prefix",
        max_length=200,
        blank=True,
        help_text="Text just before the exact text, to tell repeated passages apart.",
    )
    selector_suffix = models.CharField(
        "selector: suffix",
        max_length=200,
        blank=True,
        help_text="Text just after the exact text.",
    )
    asserted_at = models.DateTimeField(
        "asserted", null=True, blank=True, help_text="When the source made the assertion."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "assertion"
        verbose_name_plural = "assertions"
        ordering = ("claim", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(quote_kind__in=[*QuoteKind.values, ""]),
                name="assertion_quote_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(quote_kind=QuoteKind.DIRECT) | ~Q(quote=""),
                name="assertion_direct_quote_has_words",
                violation_error_message="A direct quote needs its words.",
            ),
            models.CheckConstraint(
                condition=~Q(selector_exact="") | (Q(selector_prefix="") & Q(selector_suffix="")),
                name="assertion_selector_needs_exact",
                violation_error_message="A selector's prefix or suffix needs its exact text.",
            ),
            models.UniqueConstraint(
                fields=("claim", "source", "document"),
                condition=Q(document__isnull=False),
                name="assertion_unique_in_document",
                violation_error_message="This source already asserts this claim in this document.",
            ),
            models.UniqueConstraint(
                fields=("claim", "source"),
                condition=Q(document__isnull=True),
                name="assertion_unique_without_document",
                violation_error_message="This source already asserts this claim.",
            ),
        )

    def __str__(self) -> str:
        """The source and its words, as a checker tells hops apart: "Axios: “The administration
        has grown increasingly…”"; without a quote, the claim's wording instead."""
        words = " ".join(self.quote.split()) if self.quote else ""
        if words:
            return f"{self.source}: “{_short(words)}”"
        return f"{self.source}, asserting “{_short(' '.join(self.claim.text.split()))}”"


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else f"{text[: length - 1].rstrip()}…"


class Relation(models.TextChoices):
    CITES = "cites", "cites"
    QUOTES = "quotes", "quotes"
    PARAPHRASES = "paraphrases", "paraphrases"
    LINKS_TO = "links_to", "links to"
    TRANSLATES = "translates", "translates"
    CONFIRMS = "confirms", "independently confirms"
    DENIES = "denies", "denies"
    # A confirmed undisclosed copy (DocumentReuse): the copy's text came from the original.
    REUSES = "reuses", "reuses without citing"


class Fidelity(models.TextChoices):
    UNCHECKED = "unchecked", "Unchecked"
    FAITHFUL = "faithful", "Faithful"
    DISTORTED = "distorted", "Distorted"
    UNSUPPORTED = "unsupported", "Unsupported"


class Citation(Recorded):
    """An edge of the provenance graph: the citing assertion relies on the cited one."""

    Relation = Relation
    Fidelity = Fidelity

    citing = models.ForeignKey(
        Assertion,
        verbose_name="citing assertion",
        on_delete=models.CASCADE,
        related_name="citations",
        help_text='The assertion that relies on another ("Caliber.Az, citing Axios").',
    )
    cited = models.ForeignKey(
        Assertion,
        verbose_name="cited assertion",
        on_delete=models.CASCADE,
        related_name="cited_by",
        help_text="The assertion relied on.",
    )
    relation = models.CharField(
        "relation",
        max_length=20,
        choices=Relation.choices,
        default=Relation.CITES,
        help_text="How the citing assertion uses the cited one.",
    )
    fidelity = models.CharField(
        "fidelity",
        max_length=20,
        choices=Fidelity.choices,
        default=Fidelity.UNCHECKED,
        help_text="Whether the hop holds, as checked by an editor.",
    )
    evidence = models.TextField(
        "evidence", blank=True, help_text="The sentence that shows the citation."
    )
    note = models.TextField("checker's note", blank=True, help_text="What the check found.")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="checked by",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who checked the link.",
    )
    checked_at = models.DateTimeField(
        "checked", null=True, blank=True, help_text="When the link was checked."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "citation"
        verbose_name_plural = "citations"
        ordering = ("citing", "id")
        constraints = (
            models.CheckConstraint(
                condition=~Q(citing=F("cited")),
                name="citation_not_self",
                violation_error_message="An assertion cannot cite itself.",
            ),
            models.CheckConstraint(
                condition=Q(relation__in=Relation.values), name="citation_relation_valid"
            ),
            models.CheckConstraint(
                condition=Q(fidelity__in=Fidelity.values), name="citation_fidelity_valid"
            ),
            models.CheckConstraint(
                condition=(Q(fidelity=Fidelity.UNCHECKED) & Q(checked_at__isnull=True))
                | (~Q(fidelity=Fidelity.UNCHECKED) & Q(checked_at__isnull=False)),
                name="citation_checked_when_judged",
                violation_error_message="A checked link needs a fidelity and a check time.",
            ),
            # Upstream traversal reads (citing -> cited); this index serves it.
            models.UniqueConstraint(
                fields=("citing", "cited", "relation"),
                name="citation_unique_edge",
                violation_error_message="This citation is already recorded.",
            ),
        )
        # Downstream traversal (what relies on this?) reads (cited -> citing).
        indexes = (models.Index(fields=("cited", "citing"), name="citation_downstream_idx"),)

    def __str__(self) -> str:
        # Named by its sources ("Caliber.Az cites Axios"): admin titles and messages read it.
        if self.citing_id is None or self.cited_id is None:
            return f"#{self.citing_id} {self.get_relation_display()} #{self.cited_id}"
        return f"{self.citing.source.name} {self.get_relation_display()} {self.cited.source.name}"
