"""The domain model (docs/architecture.md, "The model"), one module per concept."""

from provenance.models.assertions import Assertion, Citation, Fidelity, QuoteKind, Relation
from provenance.models.claims import BEST_RATING, WORST_RATING, Claim, ClaimVector, Review, Verdict
from provenance.models.documents import Document, DocumentStatus
from provenance.models.idempotency import IdempotencyKey
from provenance.models.matches import ClaimMatch, MatchStatus
from provenance.models.reuse import DocumentFingerprint, DocumentReuse
from provenance.models.sources import NAMED_KINDS, Source, SourceAlias, SourceKind

__all__ = [
    "BEST_RATING",
    "NAMED_KINDS",
    "WORST_RATING",
    "Assertion",
    "Citation",
    "Claim",
    "ClaimMatch",
    "ClaimVector",
    "Document",
    "DocumentFingerprint",
    "DocumentReuse",
    "DocumentStatus",
    "Fidelity",
    "IdempotencyKey",
    "MatchStatus",
    "QuoteKind",
    "Relation",
    "Review",
    "Source",
    "SourceAlias",
    "SourceKind",
    "Verdict",
]
