"""The editors' workbench (docs/architecture.md, "Interfaces"). One module per concept."""

from provenance.admin.citations import AssertionAdmin, CitationAdmin
from provenance.admin.claims import ClaimAdmin
from provenance.admin.documents import DocumentAdmin
from provenance.admin.matches import ClaimMatchAdmin, DocumentReuseAdmin
from provenance.admin.reviews import ReviewAdmin
from provenance.admin.sources import SourceAdmin

__all__ = [
    "AssertionAdmin",
    "CitationAdmin",
    "ClaimAdmin",
    "ClaimMatchAdmin",
    "DocumentAdmin",
    "DocumentReuseAdmin",
    "ReviewAdmin",
    "SourceAdmin",
]
