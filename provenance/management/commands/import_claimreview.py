"""`manage.py import_claimreview FILE_OR_URL... [--dry-run] [--publish]`: ClaimReview feeds."""

from __future__ import annotations

import contextlib
import json
import sys
import urllib.request
from collections import Counter
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from tqdm import tqdm

from provenance import services
from provenance.claimreview_feed import FeedError, FeedItem, feed_items

FETCH_TIMEOUT = 30  # seconds


class DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


class Command(BaseCommand):
    help = (
        "Import fact checks from ClaimReview JSON-LD feeds (a ClaimReview, a list of them, or a "
        "@graph): claims, sources, documents for the appearances, assertions and verdicts. "
        "Importing the same feed again changes nothing. Bad items are reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("feeds", nargs="+", metavar="FILE_OR_URL", help="Feed file or URL.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report what would be created, write nothing.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the new claims at once (they are drafts otherwise: not public until "
            "an editor publishes them).",
        )

    def handle(self, *args, feeds: list[str], dry_run: bool, publish: bool, **options):
        items: list[tuple[str, FeedItem | FeedError]] = []
        unreadable = []
        for feed in feeds:
            try:
                data = self._read(feed)
            except CommandError as error:
                if len(feeds) == 1:
                    raise
                unreadable.append(str(error))
                self.stderr.write(str(error))
                continue
            items += [(feed, item) for item in feed_items(data)]
        if len(unreadable) == len(feeds):
            raise CommandError("No feed could be read:\n" + "\n".join(unreadable))

        totals: Counter = Counter()
        imported = unchanged = 0
        skipped: list[str] = []
        try:
            # Each item commits on its own (the service is atomic), so an interrupted import keeps
            # what it finished; a dry run wraps them all in one transaction and rolls it back.
            with transaction.atomic() if dry_run else contextlib.nullcontext():
                importer = services.claimreview_importer()
                progress = tqdm(
                    items, desc="ClaimReviews", unit="item", file=sys.stderr, disable=None
                )
                for feed, item in progress:
                    if isinstance(item, FeedError):
                        skipped.append(f"{feed} item {item.index}: {item.reason}")
                        continue
                    try:
                        outcome = services.claimreview_item_import(
                            item=item, importer=importer, publish=publish
                        )
                    except (ValidationError, PermissionDenied, DatabaseError) as error:
                        reason = "; ".join(getattr(error, "messages", None) or [str(error)])
                        skipped.append(f"{feed} item {item.index}: {reason}")
                        continue
                    totals.update(outcome.created)
                    imported += outcome.changed
                    unchanged += not outcome.changed
                progress.close()
                if dry_run:
                    raise DryRun
        except DryRun:
            pass

        for line in skipped:
            self.stderr.write(f"skipped {line}")
        created = ", ".join(f"{totals[k]} {k}" for k in sorted(totals) if totals[k]) or "nothing"
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            f"{len(items)} item(s): {imported} imported, {unchanged} already there, "
            f"{len(skipped)} skipped. {verb}: {created}."
            + (" Dry run: nothing was written." if dry_run else "")
        )

    def _read(self, feed: str) -> object:
        try:
            if feed.startswith(("http://", "https://")):
                # Only http(s): the scheme is checked above, so file:// and others never open.
                with urllib.request.urlopen(feed, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
                    raw = response.read()
            else:
                raw = Path(feed).read_bytes()
        except OSError as error:
            raise CommandError(f"{feed}: cannot read it ({error.strerror or error}).") from None
        try:
            return json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{feed}: not JSON ({error}).") from None
