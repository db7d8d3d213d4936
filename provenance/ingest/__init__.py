"""Article extraction: HTML or plain text in, publisher, sources, citations, quotes and claims out.

Pure code: no Django models or settings. `extract` is the entry point; `fetch` gets a URL safely.
"""

from provenance.ingest.decoding import MAX_CONTENT_BYTES
from provenance.ingest.errors import (
    BinaryContent,
    BlockedAddress,
    ConnectionFailed,
    ContentTooLarge,
    EmptyContent,
    ExtractionError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    MalformedContent,
    ResponseTooLarge,
    TooManyRedirects,
    UnresolvedHost,
    UnsupportedContentType,
)
from provenance.ingest.extraction import extract
from provenance.ingest.fetch import Fetched, fetch
from provenance.ingest.results import (
    RELATIONS,
    SOURCE_KINDS,
    Citation,
    Claim,
    Extraction,
    Link,
    Quote,
    Source,
)

__all__ = [
    "MAX_CONTENT_BYTES",
    "RELATIONS",
    "SOURCE_KINDS",
    "BinaryContent",
    "BlockedAddress",
    "Citation",
    "Claim",
    "ConnectionFailed",
    "ContentTooLarge",
    "EmptyContent",
    "Extraction",
    "ExtractionError",
    "FetchError",
    "FetchTimeout",
    "Fetched",
    "HTTPStatusError",
    "UnresolvedHost",
    "InvalidURL",
    "Link",
    "MalformedContent",
    "Quote",
    "ResponseTooLarge",
    "Source",
    "TooManyRedirects",
    "UnsupportedContentType",
    "extract",
    "fetch",
]
