"""The exceptions the ingest package raises: one base class, a human message on each."""


class ExtractionError(Exception):
    """Base of every error `provenance.ingest` raises; `str(error)` is a sentence for a person."""


class EmptyContent(ExtractionError):
    """The input holds no bytes, or only white space."""


class BinaryContent(ExtractionError):
    """The input is an image, a PDF, an archive or other non-text data."""


class UnsupportedContentType(ExtractionError):
    """The declared content type is neither HTML nor plain text."""


class ContentTooLarge(ExtractionError):
    """The input is larger than the size cap."""


class FetchError(ExtractionError):
    """Base of every error raised while fetching a URL."""


class InvalidURL(FetchError):
    """The URL is malformed or does not use http or https."""


class BlockedAddress(FetchError):
    """The host resolves to a private, loopback, link-local or otherwise non-public address."""


class TooManyRedirects(FetchError):
    """The server redirected more times than allowed."""


class FetchTimeout(FetchError):
    """The fetch did not finish within its time limit."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (`status`, for `url`; None when not known)."""

    def __init__(self, message: str, *, status: int | None = None, url: str | None = None):
        super().__init__(message)
        self.status = status
        self.url = url


class ConnectionFailed(FetchError):
    """The host could not be resolved or reached."""


class UnresolvedHost(ConnectionFailed):
    """The host name does not resolve (no such name, or the resolver failed)."""


class ResponseTooLarge(ContentTooLarge, FetchError):
    """The response body is larger than `max_bytes`; catchable as either parent."""


class MalformedContent(ExtractionError):
    """The markup could not be parsed."""
