"""The database indexes that claim matching reads: exact keys, and words to find candidates by.

- PostgreSQL: a hash index on `match_key` (equality only, with no length limit as a B-tree
  has) and a GIN full-text index on `to_tsvector('english', match_key)`.
- SQLite: a B-tree index on `match_key` and an FTS5 table over the keys (Porter stemming),
  kept current by triggers. SQLite drops a table's triggers whenever a migration rebuilds the
  table (its way to alter a column or add a constraint), so `match_index_ensure` runs after
  every `migrate` too and rebuilds the FTS table when a trigger was missing. Without FTS5 in
  the SQLite build, retrieval falls back to exact keys only.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

_PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS provenance_claim_match_key_hash "
    "ON provenance_claim USING hash (match_key)",
    "CREATE INDEX IF NOT EXISTS provenance_claim_match_fts "
    "ON provenance_claim USING gin (to_tsvector('english'::regconfig, match_key))",
)
_PG_DROP = (
    "DROP INDEX IF EXISTS provenance_claim_match_key_hash",
    "DROP INDEX IF EXISTS provenance_claim_match_fts",
)
_SQLITE_KEY_INDEX = (
    "CREATE INDEX IF NOT EXISTS provenance_claim_match_key ON provenance_claim (match_key)"
)
_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS provenance_claim_match_fts USING fts5("
    "match_key, content='provenance_claim', content_rowid='id', tokenize='porter unicode61')"
)
_SQLITE_TRIGGERS = {
    "provenance_claim_match_fts_ai": "AFTER INSERT ON provenance_claim BEGIN "
    "INSERT INTO provenance_claim_match_fts(rowid, match_key) VALUES (new.id, new.match_key); "
    "END",
    "provenance_claim_match_fts_ad": "AFTER DELETE ON provenance_claim BEGIN "
    "INSERT INTO provenance_claim_match_fts(provenance_claim_match_fts, rowid, match_key) "
    "VALUES ('delete', old.id, old.match_key); END",
    "provenance_claim_match_fts_au": "AFTER UPDATE OF match_key ON provenance_claim BEGIN "
    "INSERT INTO provenance_claim_match_fts(provenance_claim_match_fts, rowid, match_key) "
    "VALUES ('delete', old.id, old.match_key); "
    "INSERT INTO provenance_claim_match_fts(rowid, match_key) VALUES (new.id, new.match_key); "
    "END",
}


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
        missing = [name for name in _SQLITE_TRIGGERS if name not in present]
        if not missing:
            return
        cursor.execute(_SQLITE_FTS)
        for name in missing:
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {_SQLITE_TRIGGERS[name]}")
        # Rows written while a trigger was missing are unknown to the FTS table: reindex all.
        cursor.execute(
            "INSERT INTO provenance_claim_match_fts(provenance_claim_match_fts) VALUES ('rebuild')"
        )


def match_index_drop(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in _PG_DROP:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute("DROP TABLE IF EXISTS provenance_claim_match_fts")
            cursor.execute("DROP INDEX IF EXISTS provenance_claim_match_key")
