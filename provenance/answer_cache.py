"""Rendered answers about one claim, cached under the claim's versions (never stale).

The provenance endpoint already caches its body under the claim's version and graph version.
The claim's own page (`/api/claims/{id}/` and the public `/claims/{id}/`) shows more: the
cached analysis columns too, whose refresh changes `analysis_version` and `analysed_at` but not
the version. `claim_state` reads all of them in one indexed query, so a key built from it
changes whenever anything the page shows changes, and an answer cached under it needs no
deletion (it ages out after PROVENANCE_CACHE_SECONDS).

What the key does not follow: a user renamed after creating a claim (the claim's `created_by`)
shows under the old name until the entry ages out.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from provenance.roles import sees_drafts
from provenance.selectors import claim_state


def claim_answer_key(kind: str, *, claim_id: int, request: HttpRequest) -> tuple[str, tuple] | None:
    """(cache key, claim state), or None for an unknown claim, or a draft the requester may
    not see (the caller's own read then answers 404). A published claim costs no look-up of
    who is asking; a draft's answer is cached under its state, which says it is a draft, so
    it is only ever handed to those who may see drafts.

    The host and scheme are in the key because answers hold absolute addresses, and the API
    version (when the API negotiates one) because the shape may differ between versions."""
    state = claim_state(claim_id=claim_id)
    if state is None:
        return None
    if not state[-1] and not sees_drafts(request.user):
        return None
    version = getattr(request, "version", None) or ""
    origin = f"{request.scheme}://{request.get_host()}"
    return f"{kind}:{claim_id}:{origin}:{version}:{':'.join(map(str, state))}", state


def get(key: str):
    return cache.get(key)


def put(key: str, value) -> None:
    cache.set(key, value, settings.PROVENANCE_CACHE_SECONDS)
