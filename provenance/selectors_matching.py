"""Reads for claim matching: candidate claims for a wording, and their scores.

Candidates come from indexes only (provenance/match_index.py), never from a scan: claims with
the same matching key, then the best full-text hits on the key's words (PostgreSQL
`ts_rank` over the GIN index; SQLite FTS5's BM25). Each comes with its stored vector when it
has a current one, so scoring needs no further query.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connection

from provenance.match_index import sqlite_has_fts5
from provenance.matching import MODEL, Match, claim_key, compare, embed
from provenance.matching.keys import words
from provenance.models import Claim

MAX_QUERY_WORDS = 32
"""Words of a wording that retrieval looks up (a claim is a sentence; bounds a long one)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recorded claim that may state the same fact, with its stored vector if current."""

    claim_id: int
    text: str
    key: str
    vector: bytes | None


def claim_match_candidates(
    *, claim_id: int | None = None, text: str, limit: int = 20
) -> list[Candidate]:
    """Up to `limit` claims worded like `text` (exact keys first), leaving out `claim_id`.

    One query on either database.
    """
    key = claim_key(text)
    terms = _terms(key)
    exclude = claim_id if claim_id is not None else -1
    if connection.vendor == "postgresql":
        rows = _postgresql(key, terms, exclude, limit)
    else:
        rows = _sqlite(key, terms, exclude, limit)
    return [
        Candidate(
            claim_id=row[0],
            text=row[1],
            key=row[2],
            vector=bytes(row[3]) if row[3] is not None and row[4] == MODEL else None,
        )
        for row in rows
    ]


def claim_match_scores(*, claim_id: int) -> list[tuple[int, Match]]:
    """The claims that may state the same fact as claim `claim_id`: (id, Match), best first.

    Only candidates whose decision is "same" or "suggest" are returned. Two queries whatever
    the number of claims; vectors not computed yet are computed here (in memory, not stored).
    Thresholds: settings.PROVENANCE_MATCH_SUGGEST_AT and PROVENANCE_MATCH_SAME_AT.
    """
    row = (
        Claim.objects.filter(pk=claim_id)
        .values_list("text", "match_vector__vector", "match_vector__model", "match_vector__key")
        .first()
    )
    if row is None:
        return []
    text, vector, model, vector_key = row
    key = claim_key(text)
    vector = bytes(vector) if vector is not None and model == MODEL and vector_key == key else None
    candidates = claim_match_candidates(
        claim_id=claim_id, text=text, limit=settings.PROVENANCE_MATCH_CANDIDATES
    )
    missing = [c.text for c in candidates if c.vector is None]
    if vector is None:
        missing.insert(0, text)
    computed = iter(embed(missing))
    if vector is None:
        vector = next(computed)
    scored = []
    for candidate in candidates:
        match = compare(
            text,
            candidate.text,
            a_vector=vector,
            b_vector=candidate.vector if candidate.vector is not None else next(computed),
            suggest_at=settings.PROVENANCE_MATCH_SUGGEST_AT,
            same_at=settings.PROVENANCE_MATCH_SAME_AT,
        )
        if match.decision != "none":
            scored.append((candidate.claim_id, match))
    scored.sort(key=lambda pair: (-pair[1].score, pair[0]))
    return scored


def _terms(key: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in words(key):
        if word[0].isalnum():
            seen.setdefault(word, None)
    return list(seen)[:MAX_QUERY_WORDS]


_PG_EXACT = """
    (SELECT id, 2.0::float8 AS rank FROM provenance_claim
     WHERE match_key = %(key)s AND id <> %(exclude)s ORDER BY id LIMIT %(limit)s)
"""
_PG_WORDS = """
    UNION ALL
    (SELECT id, ts_rank(to_tsvector('english'::regconfig, match_key), query)::float8 AS rank
     FROM provenance_claim, to_tsquery('english'::regconfig, %(query)s) AS query
     WHERE to_tsvector('english'::regconfig, match_key) @@ query AND id <> %(exclude)s
     ORDER BY rank DESC, id LIMIT %(limit)s)
"""
_PG_ROWS = """
, best AS (
    SELECT id, max(rank) AS rank FROM hits GROUP BY id ORDER BY max(rank) DESC, id
    LIMIT %(limit)s
)
SELECT c.id, c.text, c.match_key, v.vector, v.model
FROM best JOIN provenance_claim c ON c.id = best.id
LEFT JOIN provenance_claimvector v ON v.claim_id = c.id AND v.key = c.match_key
ORDER BY best.rank DESC, c.id
"""


def _postgresql(key: str, terms: list[str], exclude: int, limit: int) -> list[tuple]:
    # Words joined by OR; each quoted so that no character of a word is read as an operator
    # (a stop word alone leaves an empty query, which matches nothing).
    query = " | ".join("'" + term.replace("'", "''").replace("\\", "") + "'" for term in terms)
    sql = "WITH hits AS (" + _PG_EXACT + (_PG_WORDS if query else "") + ")" + _PG_ROWS
    params = {"key": key, "exclude": exclude, "limit": limit, "query": query}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@cache
def _sqlite_fts5() -> bool:
    return sqlite_has_fts5(connection)


_SQLITE_EXACT = """
    SELECT id, 1e9 AS rank FROM provenance_claim WHERE match_key = %s AND id <> %s
"""
_SQLITE_WORDS = """
    UNION ALL SELECT id, rank FROM (
        SELECT rowid AS id, -bm25(provenance_claim_match_fts) AS rank
        FROM provenance_claim_match_fts WHERE provenance_claim_match_fts MATCH %s
        ORDER BY bm25(provenance_claim_match_fts) LIMIT %s
    )
"""
_SQLITE_ROWS = """
    ), best AS (
        SELECT id, max(rank) AS rank FROM hits WHERE id <> %s GROUP BY id
        ORDER BY max(rank) DESC, id LIMIT %s
    )
    SELECT c.id, c.text, c.match_key, v.vector, v.model
    FROM best JOIN provenance_claim c ON c.id = best.id
    LEFT JOIN provenance_claimvector v ON v.claim_id = c.id AND v.key = c.match_key
    ORDER BY best.rank DESC, c.id
"""


def _sqlite(key: str, terms: list[str], exclude: int, limit: int) -> list[tuple]:
    # FTS5 query syntax: each word a quoted string, joined by OR.
    query = " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
    use_fts = bool(query) and _sqlite_fts5()
    sql = "WITH hits AS (" + _SQLITE_EXACT + (_SQLITE_WORDS if use_fts else "") + _SQLITE_ROWS
    params: list = [key, exclude]
    if use_fts:
        params += [query, limit + 1]
    params += [exclude, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
