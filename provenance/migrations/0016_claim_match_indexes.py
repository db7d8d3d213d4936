"""Claim matching: existing claims get their matching key, then the indexes that read it.

The indexes are described in provenance/match_index.py (PostgreSQL hash and full-text GIN;
SQLite B-tree and FTS5), which also restores them after any later `migrate`.
"""

from django.db import migrations


def fill_keys(apps, schema_editor):
    from provenance.matching import claim_key

    Claim = apps.get_model("provenance", "Claim")
    batch = []
    for claim in Claim.objects.only("pk", "text").iterator(chunk_size=2000):
        claim.match_key = claim_key(claim.text)
        batch.append(claim)
        if len(batch) == 2000:
            Claim.objects.bulk_update(batch, ["match_key"])
            batch = []
    Claim.objects.bulk_update(batch, ["match_key"])


def create(apps, schema_editor):
    from provenance.match_index import match_index_ensure

    match_index_ensure(schema_editor.connection)


def drop(apps, schema_editor):
    from provenance.match_index import match_index_drop

    match_index_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("provenance", "0015_claim_match_key_and_vectors")]

    operations = [
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RunPython(create, drop),
    ]
