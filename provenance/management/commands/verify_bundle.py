"""`manage.py verify_bundle FILE`: check a claim's evidence bundle offline."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from provenance.evidence.bundle import MAX_MEMBER_BYTES, MAX_MEMBERS, bundle_verify

MAX_BUNDLE_BYTES = MAX_MEMBERS * 1024 + 4 * MAX_MEMBER_BYTES


class Command(BaseCommand):
    help = (
        "Check an evidence bundle (GET /api/claims/{id}/bundle/) without the database or the "
        "network: every file's SHA-256 against the manifest, every capture's WARC and body "
        "hash, and every quote at its TextQuoteSelector in its document's captured text. "
        "Prints each problem and fails when there is one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The bundle (.zip).")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            if path.stat().st_size > MAX_BUNDLE_BYTES:
                raise CommandError(f"{file}: larger than {MAX_BUNDLE_BYTES:,} bytes.")
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file.") from None
        except IsADirectoryError:
            raise CommandError(f"{file}: it is a folder, not a file.") from None
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror or error}).") from None
        found = bundle_verify(data)
        for problem in found.problems:
            self.stderr.write(f"{file}: {problem}")
        if not found.ok:
            raise CommandError(
                f"{file}: {len(found.problems)} problem(s); the bundle does not verify."
            )
        self.stdout.write(
            f"{file}: verified — {found.files} files match the manifest, {found.captures} "
            f"captures read, {found.quotes} quotes found at their selectors."
        )
