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

from provenance.match_index import PG_MATCH_DOCUMENT, SQLITE_MATCH_TABLE, sqlite_has_fts5
from provenance.matching import MODEL, NONE, Match, claim_key, embed
from provenance.matching.keys import without_links, words
from provenance.matching.scoring import compare_many, rank_scores
from provenance.models import Claim

EXACT = 1e9
"""The retrieval score of a claim with the same key (above any full-text score)."""
MAX_QUERY_WORDS = 32
"""Words of a wording that retrieval looks up (a claim is a sentence; bounds a long one)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recorded claim that may state the same fact, with its stored vector if current."""

    claim_id: int
    text: str
    key: str
    vector: bytes | None
    retrieval: float = 0.0
    """The index's own score (PostgreSQL ts_rank, SQLite BM25); EXACT for the same key."""


def claim_match_candidates(
    *, claim_id: int | None = None, text: str, limit: int = 20
) -> list[Candidate]:
    """Up to `limit` claims worded like `text` (exact keys first), leaving out `claim_id`.

    One query on either database.
    """
    key = claim_key(text)
    terms = _terms(claim_key(without_links(text)))
    exclude = claim_id if claim_id is not None else -1
    if connection.vendor == "postgresql":
        rows = _postgresql(key, terms, exclude, limit)
    else:
        rows = _sqlite(key, terms, exclude, limit)
    return _candidates(rows)


def claims_match_candidates(*, texts: dict[int, str], limit: int = 20) -> dict[int, list]:
    """`claim_match_candidates` of each claim (id: wording), leaving out the claim itself.

    On PostgreSQL one statement for all of them (an ingested article's claims: one round trip
    and one plan instead of one a claim); on SQLite, in process, one query a claim.
    """
    if connection.vendor != "postgresql" or len(texts) < 2:
        return {
            claim_id: claim_match_candidates(claim_id=claim_id, text=text, limit=limit)
            for claim_id, text in texts.items()
        }
    ids = list(texts)
    keys = [claim_key(texts[claim_id]) for claim_id in ids]
    words = [" ".join(_terms(claim_key(without_links(texts[claim_id])))) for claim_id in ids]
    params = {
        "ids": ids,
        "keys": keys,
        "words": words,
        "limit": limit,
        "common_rows": COMMON_ROWS,
        "always": ALWAYS_KEPT,
        "ranked": RANKED,
    }
    found: dict[int, list[tuple]] = {claim_id: [] for claim_id in ids}
    with connection.cursor() as cursor:
        cursor.execute(_PG_MANY, params)
        for row in cursor.fetchall():
            found[row[0]].append(row[1:])
    return {claim_id: _candidates(rows) for claim_id, rows in found.items()}


def _candidates(rows: list[tuple]) -> list[Candidate]:
    return [
        Candidate(
            claim_id=row[0],
            text=row[1],
            key=row[2],
            vector=bytes(row[3]) if row[3] is not None and row[4] == MODEL else None,
            retrieval=float(row[5]),
        )
        for row in rows
    ]


def claim_match_scores(*, claim_id: int) -> list[tuple[int, Match]]:
    """The claims that may state the same fact as claim `claim_id`: (id, Match), best first.

    Only candidates whose decision is "same" or "suggest" are returned. Two queries whatever
    the number of claims; vectors not computed yet are computed here (in memory, not stored).
    Thresholds: settings.PROVENANCE_MATCH_SUGGEST_AT and PROVENANCE_MATCH_SAME_AT.
    """
    return claims_match_scores(claim_ids=[claim_id]).get(claim_id, [])


def claims_match_scores(*, claim_ids: list[int]) -> dict[int, list[tuple[int, Match]]]:
    """`claim_match_scores` of each of these claims (a claim not found has no entry): one
    query for their wordings and vectors, and their candidates (`claims_match_candidates`)."""
    rows = Claim.objects.filter(pk__in=claim_ids).values_list(
        "pk", "text", "match_vector__vector", "match_vector__model", "match_vector__key"
    )
    rows = list(rows)
    candidates = claims_match_candidates(
        texts={claim_id: text for claim_id, text, *_ in rows},
        limit=settings.PROVENANCE_MATCH_CANDIDATES,
    )
    found = {}
    for claim_id, text, vector, model, vector_key in rows:
        current = vector is not None and model == MODEL and vector_key == claim_key(text)
        ranked = claim_match_ranked(
            text=text,
            claim_id=claim_id,
            vector=bytes(vector) if current else None,
            candidates=candidates[claim_id],
        )
        found[claim_id] = [
            (other_id, match) for other_id, match, _ in ranked if match.decision != NONE
        ]
    return found


def claim_match_ranked(
    *,
    text: str,
    claim_id: int | None = None,
    vector: bytes | None = None,
    candidates: list[Candidate] | None = None,
) -> list[tuple[int, Match, float]]:
    """Every candidate for `text` (leaving out `claim_id`) with its Match and rank score, best
    first: the order suggestions are shown in. One query, none when the `candidates` are
    given (read already); vectors missing are computed here."""
    if candidates is None:
        candidates = claim_match_candidates(
            claim_id=claim_id, text=text, limit=settings.PROVENANCE_MATCH_CANDIDATES
        )
    if not candidates:
        return []
    missing = [c.text for c in candidates if c.vector is None]
    if vector is None:
        missing.insert(0, text)
    computed = iter(embed(missing))
    if vector is None:
        vector = next(computed)
    others = [(c.text, c.vector if c.vector is not None else next(computed)) for c in candidates]
    matches, features = compare_many(
        text,
        vector,
        others,
        suggest_at=settings.PROVENANCE_MATCH_SUGGEST_AT,
        same_at=settings.PROVENANCE_MATCH_SAME_AT,
    )
    ranks = rank_scores(features, range(len(candidates)), [c.retrieval for c in candidates])
    ranked = [
        (candidate.claim_id, match, float(rank))
        for candidate, match, rank in zip(candidates, matches, ranks, strict=True)
    ]
    ranked.sort(key=lambda item: (-item[2], item[0]))
    return ranked


def _terms(key: str) -> list[str]:
    seen: dict[str, None] = {}
    for word in words(key):
        if word[0].isalnum():
            seen.setdefault(word, None)
    return list(seen)[:MAX_QUERY_WORDS]


_PG_EXACT = """
    (SELECT id, 1e9::float8 AS rank FROM provenance_claim
     WHERE match_key = %(key)s AND id <> %(exclude)s ORDER BY id LIMIT %(limit)s)
"""
# Words common across the claims (PostgreSQL's own statistics of the indexed expression, which
# ANALYZE and so autovacuum keep: its most common lexemes and their shares of rows) are left out
# of the query, so that ranking reads the rows of rarer words only: a word in 2% of a million
# claims alone would hand ts_rank 20,000 rows. Common words weigh little in a rank anyway. The
# ALWAYS_KEPT rarest words are kept whatever their share, so that a claim of common words
# still finds candidates.
_PG_QUERY = """
, common AS (
    SELECT e.lexeme, e.share
    FROM pg_stats s,
         unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, share)
    WHERE s.schemaname = current_schema() AND s.tablename = 'provenance_claim_match_text_fts'
), lexemes AS (
    SELECT t.lexeme, coalesce(max(c.share), 0) AS share
    FROM unnest(to_tsvector('english'::regconfig, %(words)s)) AS t
    LEFT JOIN common c ON c.lexeme = t.lexeme
    GROUP BY t.lexeme
), kept AS (
    SELECT lexeme FROM (
        SELECT lexeme, share, row_number() OVER (ORDER BY share, lexeme) AS n FROM lexemes
    ) AS ranked
    WHERE share * (SELECT reltuples FROM pg_class WHERE relname = 'provenance_claim')
          <= %(common_rows)s
       OR n <= %(always)s
), query AS (
    SELECT to_tsquery('simple'::regconfig, coalesce(string_agg(quote_literal(lexeme), ' | '), ''))
        AS q
    FROM kept
)
"""
# ts_rank reads each matching row from the table; at most RANKED rows are ranked, so that a
# claim of only common words costs a bounded number of reads (its rarest words' rows first
# found, which for rare words is all of them).
_PG_WORDS = """
    UNION ALL
    (SELECT id, ts_rank(document, q)::float8 AS rank FROM (
        SELECT id, MATCH_DOCUMENT AS document, query.q FROM provenance_claim, query
        WHERE MATCH_DOCUMENT @@ query.q AND id <> %(exclude)s LIMIT %(ranked)s
     ) AS matched
     ORDER BY rank DESC, id LIMIT %(limit)s)
""".replace("MATCH_DOCUMENT", PG_MATCH_DOCUMENT)
_PG_ROWS = """
, best AS (
    SELECT id, max(rank) AS rank FROM hits GROUP BY id ORDER BY max(rank) DESC, id
    LIMIT %(limit)s
)
SELECT c.id, c.text, c.match_key, v.vector, v.model, best.rank
FROM best JOIN provenance_claim c ON c.id = best.id
LEFT JOIN provenance_claimvector v ON v.claim_id = c.id AND v.key = c.match_key
ORDER BY best.rank DESC, c.id
"""
# `_PG_QUERY` to `_PG_ROWS` for many claims in one statement: the same retrieval, written once
# per claim inside a LATERAL subquery over the batch (claim id, key, words), the claim itself
# left out. The statistics of common words are read once for all.
_PG_MANY = """
WITH common AS MATERIALIZED (
    SELECT e.lexeme, e.share
    FROM pg_stats s,
         unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(lexeme, share)
    WHERE s.schemaname = current_schema() AND s.tablename = 'provenance_claim_match_text_fts'
), batch AS (
    SELECT * FROM unnest(%(ids)s::bigint[], %(keys)s::text[], %(words)s::text[])
        WITH ORDINALITY AS b(claim_id, key, words, n)
)
SELECT batch.claim_id, found.* FROM batch CROSS JOIN LATERAL (
    WITH lexemes AS (
        SELECT t.lexeme, coalesce(max(c.share), 0) AS share
        FROM unnest(to_tsvector('english'::regconfig, batch.words)) AS t
        LEFT JOIN common c ON c.lexeme = t.lexeme
        GROUP BY t.lexeme
    ), kept AS (
        SELECT lexeme FROM (
            SELECT lexeme, share, row_number() OVER (ORDER BY share, lexeme) AS n FROM lexemes
        ) AS ranked
        WHERE share * (SELECT reltuples FROM pg_class WHERE relname = 'provenance_claim')
              <= %(common_rows)s
           OR n <= %(always)s
    ), query AS (
        SELECT to_tsquery(
            'simple'::regconfig, coalesce(string_agg(quote_literal(lexeme), ' | '), '')
        ) AS q
        FROM kept
    ), hits AS (
        (SELECT id, 1e9::float8 AS rank FROM provenance_claim
         WHERE match_key = batch.key AND id <> batch.claim_id ORDER BY id LIMIT %(limit)s)
        UNION ALL
        (SELECT id, ts_rank(document, q)::float8 AS rank FROM (
            SELECT id, MATCH_DOCUMENT AS document, query.q FROM provenance_claim, query
            WHERE batch.words <> '' AND MATCH_DOCUMENT @@ query.q AND id <> batch.claim_id
            LIMIT %(ranked)s
         ) AS matched
         ORDER BY rank DESC, id LIMIT %(limit)s)
    ), best AS (
        SELECT id, max(rank) AS rank FROM hits GROUP BY id ORDER BY max(rank) DESC, id
        LIMIT %(limit)s
    )
    SELECT c.id, c.text, c.match_key, v.vector, v.model, best.rank
    FROM best JOIN provenance_claim c ON c.id = best.id
    LEFT JOIN provenance_claimvector v ON v.claim_id = c.id AND v.key = c.match_key
) AS found
ORDER BY batch.n, found.rank DESC, found.id
""".replace("MATCH_DOCUMENT", PG_MATCH_DOCUMENT)
COMMON_ROWS = 2000
"""Words in more than this many claims are left out of retrieval (PostgreSQL)."""
ALWAYS_KEPT = 3
"""The rarest words of a claim that retrieval keeps however common (PostgreSQL)."""
RANKED = 500
"""Rows matching the words that are ranked at most (PostgreSQL)."""


def _postgresql(key: str, terms: list[str], exclude: int, limit: int) -> list[tuple]:
    # The words are parsed by PostgreSQL itself (to_tsvector), so that no character of a word
    # is read as an operator; stop words alone leave an empty query, which matches nothing.
    words = " ".join(terms)
    sql = (
        "WITH hits AS (" + _PG_EXACT + (_PG_WORDS if words else "") + ")" + _PG_ROWS
        if not words
        else "WITH "
        + _PG_QUERY.lstrip().lstrip(",")
        + ", hits AS ("
        + _PG_EXACT
        + _PG_WORDS
        + ")"
        + _PG_ROWS
    )
    params = {
        "key": key,
        "exclude": exclude,
        "limit": limit,
        "words": words,
        "common_rows": COMMON_ROWS,
        "always": ALWAYS_KEPT,
        "ranked": RANKED,
    }
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
        SELECT rowid AS id, -bm25(FTS) AS rank FROM FTS WHERE FTS MATCH %s
        ORDER BY bm25(FTS) LIMIT %s
    )
""".replace("FTS", SQLITE_MATCH_TABLE)
_SQLITE_ROWS = """
    ), best AS (
        SELECT id, max(rank) AS rank FROM hits WHERE id <> %s GROUP BY id
        ORDER BY max(rank) DESC, id LIMIT %s
    )
    SELECT c.id, c.text, c.match_key, v.vector, v.model, best.rank
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
