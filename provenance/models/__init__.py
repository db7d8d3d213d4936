"""The domain model (DESIGN.md, "Vocabulary"), one module per concept."""

from provenance.models.assertions import Assertion, Citation, Fidelity, QuoteKind, Relation
from provenance.models.claims import Claim, Review, Verdict
from provenance.models.documents import Document, DocumentStatus
from provenance.models.sources import NAMED_KINDS, Source, SourceAlias, SourceKind

__all__ = [
    "NAMED_KINDS",
    "Assertion",
    "Citation",
    "Claim",
    "Document",
    "DocumentStatus",
    "Fidelity",
    "QuoteKind",
    "Relation",
    "Review",
    "Source",
    "SourceAlias",
    "SourceKind",
    "Verdict",
]
