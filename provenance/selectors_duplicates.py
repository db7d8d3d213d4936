"""Records that would duplicate one being written: the same source under another row, the same
article recorded twice (another address, or other bytes of the same text)."""

from __future__ import annotations

from django.db.models import Q

from provenance.models import Document, Source, SourceAlias
from provenance.names import normalize_name
from provenance.reuse import overlap, shingles

# Share of word shingles two texts must have in common, each way, to be the same article
# (a paste and a saved page differ in boilerplate and whitespace, not in the article).
SAME_TEXT = 0.9
# Documents with the same title are few; a bound keeps a common title ("Live updates") cheap.
SAME_TITLE_COMPARED = 20


def source_duplicate(*, name: str, kind: str, exclude_pk: int | None = None) -> Source | None:
    """A recorded source of `kind` known by `name`, as its name or as an alias."""
    key = normalize_name(name)
    if not key:
        return None
    aliased = SourceAlias.objects.filter(normalized_name=key).values("source_id")
    found = Source.objects.filter(Q(normalized_name=key) | Q(pk__in=aliased), kind=kind)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("id").first()


def document_same_article(
    *,
    title: str,
    text: str,
    publisher_name: str | None,
    exclude_pk: int | None = None,
) -> Document | None:
    """A recorded document with this title, this publisher (when both are known) and nearly
    this text: the same article pasted or saved again, so other bytes and another SHA-256."""
    if not title.strip() or not text.strip():
        return None
    candidates = (
        Document.objects.filter(title__iexact=title.strip())
        .exclude(text="")
        .select_related("publisher")
        .order_by("id")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    mine = shingles(text)
    for document in candidates[:SAME_TITLE_COMPARED]:
        if publisher_name and document.publisher is not None:
            if normalize_name(document.publisher.name) != normalize_name(publisher_name):
                continue
        theirs = shingles(document.text)
        if min(overlap(mine, theirs), overlap(theirs, mine)) >= SAME_TEXT:
            return document
    return None
