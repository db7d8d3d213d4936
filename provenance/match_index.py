"""The database indexes that claim matching reads: exact keys, and words to find candidates by.

- PostgreSQL: a hash index on `match_key` (equality only, with no length limit as a B-tree
  has) and a GIN full-text index on the key and the claim's context (`PG_MATCH_DOCUMENT`).
- SQLite: a B-tree index on `match_key` and an FTS5 table over the keys and contexts (Porter
  stemming), kept current by triggers.

The context (editors' notes on what exactly is claimed, or a fact-check's headline and summary)
is searched with the wording: it names the people and things a claim is about in other words,
which finds the claim from a differently worded statement of the same fact. Exact matching
reads the key alone. SQLite drops a table's triggers whenever a migration rebuilds the
  table (its way to alter a column or add a constraint), so `match_index_ensure` runs after
  every `migrate` too and rebuilds the FTS table when a trigger was missing. Without FTS5 in
  the SQLite build, retrieval falls back to exact keys only.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

PG_MATCH_DOCUMENT = "to_tsvector('english'::regconfig, match_key || ' ' || context)"
"""The indexed expression; a query must spell it the same way for the index to serve it."""
_PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS provenance_claim_match_key_hash "
    "ON provenance_claim USING hash (match_key)",
    # The index over the key alone, before the context was searched too.
    "DROP INDEX IF EXISTS provenance_claim_match_fts",
    "CREATE INDEX IF NOT EXISTS provenance_claim_match_text_fts "
    f"ON provenance_claim USING gin (({PG_MATCH_DOCUMENT}))",
)
_PG_DROP = (
    "DROP INDEX IF EXISTS provenance_claim_match_key_hash",
    "DROP INDEX IF EXISTS provenance_claim_match_fts",
    "DROP INDEX IF EXISTS provenance_claim_match_text_fts",
)
_SQLITE_KEY_INDEX = (
    "CREATE INDEX IF NOT EXISTS provenance_claim_match_key ON provenance_claim (match_key)"
)
SQLITE_MATCH_TABLE = "provenance_claim_match_text"
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS provenance_claim_match_text USING fts5(match_key, "
    "context, content='provenance_claim', content_rowid='id', tokenize='porter unicode61')"
)
_SQLITE_TRIGGERS = {
    "provenance_claim_match_text_ai": "AFTER INSERT ON provenance_claim BEGIN "
    "INSERT INTO provenance_claim_match_text(rowid, match_key, context) "
    "VALUES (new.id, new.match_key, new.context); END",
    "provenance_claim_match_text_ad": "AFTER DELETE ON provenance_claim BEGIN "
    "INSERT INTO provenance_claim_match_text(provenance_claim_match_text, rowid, match_key, "
    "context) VALUES ('delete', old.id, old.match_key, old.context); END",
    "provenance_claim_match_text_au": "AFTER UPDATE OF match_key, context ON provenance_claim "
    "BEGIN INSERT INTO provenance_claim_match_text(provenance_claim_match_text, rowid, "
    "match_key, context) VALUES ('delete', old.id, old.match_key, old.context); "
    "INSERT INTO provenance_claim_match_text(rowid, match_key, context) "
    "VALUES (new.id, new.match_key, new.context); END",
}
# The table and triggers over the key alone, before the context was searched too.
_SQLITE_OLD = (
    "DROP TRIGGER IF EXISTS provenance_claim_match_fts_ai",
    "DROP TRIGGER IF EXISTS provenance_claim_match_fts_ad",
    "DROP TRIGGER IF EXISTS provenance_claim_match_fts_au",
    "DROP TABLE IF EXISTS provenance_claim_match_fts",
)


def sqlite_has_fts5(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE VIRTUAL TABLE temp.provenance_fts5_probe USING fts5(x)")
            cursor.execute("DROP TABLE temp.provenance_fts5_probe")
        except Exception:  # noqa: BLE001 - whatever the error, this build has no FTS5
            return False
    return True


def match_index_ensure(connection: BaseDatabaseWrapper) -> None:
    """Create the matching indexes where missing (idempotent; cheap when all are there)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for statement in _PG_CREATE:
                cursor.execute(statement)
        return
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(_SQLITE_KEY_INDEX)
        if not sqlite_has_fts5(connection):
            return
        cursor.execute(
            "SELECT name FROM sqlite_master "
            "WHERE type = 'trigger' AND tbl_name = 'provenance_claim'"
        )
        present = {name for (name,) in cursor.fetchall()}
        if "provenance_claim_match_fts_ai" in present:
            for statement in _SQLITE_OLD:
                cursor.execute(statement)
        missing = [name for name in _SQLITE_TRIGGERS if name not in present]
        if not missing:
            return
        cursor.execute(_SQLITE_FTS)
        for name in missing:
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {_SQLITE_TRIGGERS[name]}")
        # Rows written while a trigger was missing are unknown to the FTS table: reindex all.
        cursor.execute(
            "INSERT INTO provenance_claim_match_text(provenance_claim_match_text) "
            "VALUES ('rebuild')"
        )


def match_index_drop(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in _PG_DROP:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS provenance_claim_match_text")
            for statement in _SQLITE_OLD:
                cursor.execute(statement)
            cursor.execute("DROP INDEX IF EXISTS provenance_claim_match_key")
