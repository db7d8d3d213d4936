"""Writes. Every change to the domain goes through one of these functions (docs/architecture.md).

Each validates its input (model validation, including the database constraints), runs in a
transaction and raises `django.core.exceptions.ValidationError` with per-field messages, or
`PermissionDenied`, so the admin, the API and the commands report the same clear errors.
"""

from provenance.services.chain_record import (
    ChainRecord,
    DocumentSpec,
    Hop,
    SourceSpec,
    chain_record,
)
from provenance.services.chains import (
    assertion_add,
    assertion_delete,
    assertion_update,
    citation_add,
    citation_check,
    citation_delete,
    citation_update,
    citations_check,
)
from provenance.services.claimreview_import import (
    claimreview_importer,
    claimreview_item_import,
)
from provenance.services.claims import (
    claim_create,
    claim_publish,
    claim_retract,
    claim_revert,
    claim_update,
)
from provenance.services.documents import document_create, document_update
from provenance.services.ingestion import (
    ingestion_apply,
    ingestion_content_type,
    ingestion_fetch,
    ingestion_preview,
    ingestion_text_content,
)
from provenance.services.reviews import review_check, review_record
from provenance.services.sources import (
    source_alias_add,
    source_aliases_set,
    source_create,
    source_get_or_create,
    source_merge,
    source_update,
)

__all__ = [
    "ChainRecord",
    "DocumentSpec",
    "Hop",
    "SourceSpec",
    "assertion_add",
    "assertion_delete",
    "assertion_update",
    "chain_record",
    "citation_add",
    "citation_check",
    "citation_delete",
    "citation_update",
    "citations_check",
    "claimreview_importer",
    "claimreview_item_import",
    "claim_create",
    "claim_publish",
    "claim_retract",
    "claim_revert",
    "claim_update",
    "document_create",
    "document_update",
    "ingestion_apply",
    "ingestion_content_type",
    "ingestion_fetch",
    "ingestion_preview",
    "ingestion_text_content",
    "review_check",
    "review_record",
    "source_alias_add",
    "source_aliases_set",
    "source_create",
    "source_get_or_create",
    "source_merge",
    "source_update",
]
