from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "provenance"
    verbose_name = "Provenance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from provenance import signals  # noqa: F401 -- connects the receivers

        post_migrate.connect(
            _match_index_ensure, sender=self, dispatch_uid="provenance.match_index"
        )


def _match_index_ensure(sender, using, plan=None, **kwargs):
    # SQLite drops a table's triggers when a migration rebuilds it: restore them after any
    # migrate that reached the matching migration (provenance/match_index.py).
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("provenance", "0016_claim_match_indexes") in applied:
        from provenance.match_index import match_index_ensure

        match_index_ensure(connection)
