"""`manage.py watch_sources`: fetch the due documents' addresses again and record what they say."""

from django.core.management.base import BaseCommand, CommandError

from provenance.services.watching import watch_run


class Command(BaseCommand):
    help = (
        "One watch run: start watching new documents with an address, then fetch the due ones "
        "again (at most one per host, none from a host fetched in the last minute) and record "
        "each result: live, moved, gone, changed or failed. Gone and changed flag the claims "
        "that rely on the document. Run it from cron where no Celery beat runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="At most this many documents (default: PROVENANCE_WATCH_BATCH).",
        )

    def handle(self, *args, limit, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be at least 1.")
        run = watch_run(limit=limit)
        for check in run.checks:
            line = f"document {check.document_id}: {check.result}"
            self.stdout.write(f"{line} — {check.note}" if check.note else line)
        counts = ", ".join(f"{n} {result}" for result, n in run.counts().items() if n)
        self.stdout.write(
            f"Checked {len(run.checks)} documents ({counts or 'none due'}); "
            f"{run.enrolled} newly watched; {run.deferred} left for their host's next turn."
        )
