"""Trigram indexes so that `?search=` (case-insensitive "contains") uses an index on PostgreSQL.

Django spells icontains as UPPER(column) LIKE UPPER(pattern), so the indexes are on UPPER(...).
PostgreSQL only (pg_trgm is a trusted extension from PostgreSQL 13); other databases scan.
"""

from django.db import migrations

INDEXES = (
    ("provenance_claim_text_trgm", "provenance_claim", "text"),
    ("provenance_assertion_quote_trgm", "provenance_assertion", "quote"),
    ("provenance_source_name_trgm", "provenance_source", "name"),
    ("provenance_sourcealias_name_trgm", "provenance_sourcealias", "name"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("provenance", "0004_flag_for_review_permission")]

    operations = [migrations.RunPython(create, drop)]
