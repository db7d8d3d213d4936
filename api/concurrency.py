"""ETag / If-Match: no client overwrites a change it has not seen.

Every record has a `version` (see provenance.models.recording). Reads answer with
`ETag: "v<version>"` (claims add their graph version: `"v<version>-g<graph_version>"`, since the
analysis shown with them changes with the graph). PUT and PATCH must send that ETag back in
`If-Match` (428 Precondition Required otherwise); the service compares the version under a row
lock and a stale one gets 412 Precondition Failed. DELETE and the POST actions on a record honour
`If-Match` when sent. `If-Match: *` matches any version.

If-Match compares strongly (RFC 9110, 13.1.1): a weak tag (`W/"v3"`) never matches, and a tag
must equal the current one whole: a claim's `"v1-g0"` no longer matches once its graph is at
`"v1-g9"`, since the analysis the client read has changed. A bare `"v1"` on a claim names the
claim's own version alone, for clients that edit its wording without reading the analysis.
"""

import re

from rest_framework import status
from rest_framework.exceptions import APIException

# ASCII digits, at most 18 (a version is a 64-bit integer): `\d` takes other scripts' digits, and
# int() refuses thousands of them.
_ETAG = re.compile(r'^"v([0-9]{1,18})(?:-g[0-9]{1,18})?"$')


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "Send If-Match with the ETag of your last read of this record, so that a change made "
        "since by someone else is not overwritten."
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since you read it. Read it again, then retry."
    default_code = "precondition_failed"


def etag(instance) -> str:
    graph = getattr(instance, "graph_version", None)
    suffix = f"-g{graph}" if graph is not None else ""
    return f'"v{instance.version}{suffix}"'


def expected_version(request, *, required: bool, current=None) -> int | None:
    """The version the client last read, from If-Match; None when any version will do.

    With `current` (the record as it is now), a tag that names its version but not its current
    graph version fails at once.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            raise PreconditionRequired()
        return None
    if header == "*":
        return None
    tags = [tag.strip() for tag in header.split(",")]
    if any(tag.startswith("W/") for tag in tags):
        raise PreconditionFailed(
            "If-Match compares strongly: send the ETag as read, without W/ (RFC 9110)."
        )
    versions = {int(m.group(1)) for tag in tags if (m := _ETAG.match(tag))}
    if len(versions) != 1:
        raise PreconditionFailed(
            f'If-Match must hold one ETag as this API sends it (like "v3"), not {header!r}.'
        )
    version = next(iter(versions))
    # A stale version is the service's to refuse (under its row lock, with its message); here,
    # a current version with a stale graph version.
    with_graph = [tag for tag in tags if "-g" in tag]
    if getattr(current, "graph_version", None) is not None and version == current.version:
        if with_graph and etag(current) not in with_graph:
            raise PreconditionFailed(
                f"The record is now at {etag(current)}, not {header}: its provenance changed "
                "since you read it. Read it again, then retry."
            )
    return version
