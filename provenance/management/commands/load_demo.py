"""`manage.py load_demo`: the founding article and the corpus chains, idempotently."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from provenance.demo import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo claims, sources, documents and citation chains (the founding Caliber.Az "
        "article and the corpus articles) plus the demo users 'editor' and 'reviewer'. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--corpus",
            type=Path,
            default=None,
            help="Folder of corpus articles to keep as document snapshots "
            "(default: the CORPUS_DIR setting). Missing files are skipped.",
        )

    def handle(self, *args, corpus: Path | None, **options):
        if corpus is not None and not corpus.is_dir():
            raise CommandError(f"{corpus}: no such folder.")
        corpus = corpus or Path(settings.CORPUS_DIR)
        report = demo_load(corpus=corpus if corpus.is_dir() else None)
        created = ", ".join(f"{count} {what}" for what, count in report.created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded (new: {created})."))
        if not corpus.is_dir():
            self.stdout.write(f"No corpus at {corpus}: documents have no snapshots.")
        if report.passwords:
            self.stdout.write("Demo users (DEBUG is on; never use these passwords in production):")
            for username, password in report.passwords.items():
                self.stdout.write(f"  {username} / {password}")
        else:
            self.stdout.write(
                "Demo users have no password (DEBUG is off): "
                "set one with `manage.py changepassword editor`."
            )
