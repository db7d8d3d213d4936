"""The domain model (docs/architecture.md, "The model"), one module per concept."""

from provenance.models.assertions import Assertion, Citation, Fidelity, QuoteKind, Relation
from provenance.models.claims import (
    BEST_RATING,
    REVIEWED_VERDICTS,
    WORST_RATING,
    Claim,
    ClaimVector,
    Review,
    Verdict,
)
from provenance.models.documents import Document, DocumentStatus
from provenance.models.evidence import (
    ArchiveLink,
    ArchiveService,
    Capture,
    CheckResult,
    SourceCheck,
    SourceState,
    SourceWatch,
)
from provenance.models.idempotency import IdempotencyKey
from provenance.models.matches import ClaimMatch, MatchStatus
from provenance.models.reuse import DocumentFingerprint, DocumentReuse
from provenance.models.sources import NAMED_KINDS, Source, SourceAlias, SourceKind

__all__ = [
    "BEST_RATING",
    "NAMED_KINDS",
    "WORST_RATING",
    "ArchiveLink",
    "ArchiveService",
    "Assertion",
    "Capture",
    "CheckResult",
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
    "SourceCheck",
    "SourceKind",
    "REVIEWED_VERDICTS",
    "SourceState",
    "SourceWatch",
    "Verdict",
]
