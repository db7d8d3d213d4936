"""`manage.py restore FILE`: load a `manage.py backup` into a migrated, empty database.

The history is restored as it was recorded, so recording new history is switched off while the
backup loads (loading a document's authors would otherwise add history entries of its own).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from provenance.models import Claim


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty, migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup to load.")

    def handle(self, *args, file, **options):
        if Claim.objects.exists():
            raise CommandError(
                "The database already holds claims; restore into an empty, migrated database "
                "(or run `manage.py flush` first)."
            )
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", file, stdout=self.stdout)
        self.stdout.write(f"Restored {file}.")
