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
        post_migrate.connect(_roles_ensure, sender=self, dispatch_uid="provenance.roles")


def _roles_ensure(sender, using, **kwargs):
    # The editor and reviewer groups come from a data migration, so emptying the tables (a
    # `flush`, or the end of every transactional test) removed them for good; after any
    # migrate or flush they are put back as provenance/roles.py defines them.
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.recorder import MigrationRecorder

    if using != DEFAULT_DB_ALIAS:
        return
    applied = MigrationRecorder(connections[using]).applied_migrations()
    if ("provenance", "0002_editor_and_reviewer_groups") in applied:
        from provenance.roles import roles_sync

        roles_sync()


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
