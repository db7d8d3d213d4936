"""`manage.py backup FILE`: everything Provenance holds, as a portable XML fixture.

Claims, chains, reviews, documents with their snapshots, the change history, users, groups and
API tokens; records keep their ids, and permissions and content types are referred to by name,
so it restores into any freshly migrated database (`manage.py restore FILE`).
XML rather than JSON: Django's JSON encoder rounds times to the millisecond, XML keeps the
microseconds the history is ordered by.
On PostgreSQL, `pg_dump --format=custom` is the faster path (README: Operating in production).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

BACKED_UP = ("provenance", "auth", "authtoken")


class Command(BaseCommand):
    help = "Write a backup of all claims, chains, reviews, history, users and tokens."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup (.xml, or .xml.gz / .xml.xz).")

    def handle(self, *args, file, **options):
        call_command(
            "dumpdata",
            *BACKED_UP,
            # Permissions and content types are rebuilt by `migrate`; refer to them by name.
            "--exclude",
            "auth.permission",
            "--natural-foreign",
            "--format",
            "xml",
            "--output",
            file,
            stdout=self.stdout,
        )
        self.stdout.write(f"Backup written to {file}.")
