"""A trigram index on the claim's context, beside the one on its wording (0005).

`?search=` matches the wording OR the context; with only the wording indexed, PostgreSQL
cannot answer the OR from indexes and scanned every claim (0.9 s for a phrase found nowhere at
1M claims). With both, it ORs two bitmap index scans. PostgreSQL only, as 0005.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS provenance_claim_context_trgm ON provenance_claim "
        "USING gin (UPPER(context::text) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS provenance_claim_context_trgm")


class Migration(migrations.Migration):
    dependencies = [("provenance", "0041_evidence_permissions")]

    operations = [migrations.RunPython(create, drop)]
