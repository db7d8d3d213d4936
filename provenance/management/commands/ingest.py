"""`manage.py ingest PATH... [--url URL] [--dry-run] [--json] [--background]`.

Each PATH is an article file (HTML or text) or an http(s) URL to fetch. A file that cannot be
read or ingested gets one line on stderr naming it and the problem; the command goes on with the
next one and exits 1 at the end if any failed. Never a traceback (unless --traceback).
"""

from __future__ import annotations

import base64
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

from celery.result import AsyncResult, EagerResult
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from provenance.ingest import MAX_CONTENT_BYTES, ExtractionError, Fetched, extract
from provenance.services import (
    ingestion_apply,
    ingestion_content_type,
    ingestion_fetch,
    ingestion_preview,
)
from provenance.services.ingestion import IngestCounts, IngestPreview
from provenance.tasks import ingest_article

_URL = re.compile(r"^https?://", re.IGNORECASE)


class FileProblem(Exception):
    """A file that cannot be read; the message is a sentence for a person."""


class Command(BaseCommand):
    help = (
        "Ingest articles (HTML or text files, or http(s) URLs): extract who cites whom and record "
        "the document, its sources, draft claims, assertions and unchecked citations. Re-ingesting "
        "the same content or URL changes nothing. --dry-run --json prints the extraction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Article files, or http(s) URLs to fetch."
        )
        parser.add_argument(
            "--url", help="The article's canonical URL when it gives none (one PATH only)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and show what would be written."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="One JSON object per PATH on stdout: the extraction (the ingest output of "
            'docs/architecture.md) with "file" and an "ingest" summary. The summary goes to '
            "stderr.",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue each article as a Celery task (run in-process when no broker is set).",
        )
        parser.add_argument("--user", help="Record this username as the creator.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the new claims at once (the --user needs the permission to publish); "
            "they are drafts otherwise.",
        )

    def handle(self, *args, paths, url, dry_run, as_json, background, user, publish, **options):
        if url and len(paths) != 1:
            raise CommandError("--url is the canonical URL of one article: give one PATH.")
        if background and dry_run:
            raise CommandError("--background queues writes; it cannot be combined with --dry-run.")
        if background and publish:
            raise CommandError("--publish is for ingesting here; publish queued claims afterwards.")
        self.publish = publish
        creator = self._user(user)
        self.as_json = as_json
        self.summary = self.stderr if as_json else self.stdout
        tally: Counter[str] = Counter()
        progress = tqdm(
            paths, unit="file", file=sys.stderr, disable=None if len(paths) > 1 else True
        )
        for path in progress:
            try:
                self._one(path, url, dry_run, background, creator, tally)
            except (FileProblem, ExtractionError) as error:
                self._fail(path, str(error), tally)
            except ValidationError as error:
                self._fail(path, _messages(error), tally)
            except Exception as error:
                if options.get("traceback"):
                    raise
                self._fail(
                    path,
                    f"Unexpected error ({type(error).__name__}: {error}); "
                    "run with --traceback to see where.",
                    tally,
                )
        progress.close()
        self._summary(tally, dry_run)
        if tally["failures"]:
            raise CommandError(f"{tally['failures']} of {len(paths)} files failed.", returncode=1)

    def _user(self, username: str | None) -> AbstractBaseUser | None:
        if username is None:
            return None
        user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username})
        if not user.exists():
            raise CommandError(f"No user called {username!r}.")
        return user.get()

    def _one(
        self,
        path: str,
        url: str | None,
        dry_run: bool,
        background: bool,
        creator: AbstractBaseUser | None,
        tally: Counter[str],
    ) -> None:
        if background and _URL.match(path):
            # The worker fetches: slow fetches are what batch ingestion moves off the command.
            queued = _queue(fetch_url=path, url=url, user_id=_pk(creator))
            tally["read"] += 1
            self._queued(path, queued, tally)
            return
        content, url, content_type, fetched = self._read(path, url)
        tally["read"] += 1
        if dry_run:
            preview = ingestion_preview(content=content, url=url, content_type=content_type)
            data = preview.as_dict()
            extraction = data.pop("extraction")
            tally["present" if preview.already_ingested else "documents"] += 1
            tally.update({k: v for k, v in data["would_create"].items() if k != "documents"})
            if self.as_json:
                self._json({"file": path, **extraction, "ingest": {"dry_run": True, **data}})
            else:
                self._show_preview(path, preview)
            return
        if background:
            queued = _queue(
                content_b64=base64.b64encode(content).decode("ascii"),
                url=url,
                content_type=content_type,
                user_id=_pk(creator),
            )
            self._queued(path, queued, tally)
            return
        result = ingestion_apply(
            content=content,
            url=url,
            content_type=content_type,
            created_by=creator,
            fetched=fetched,
            publish=self.publish,
        )
        extraction = result.extraction or extract(content, url=url, content_type=content_type)
        self._report(path, result.as_dict(), extraction.as_dict(), tally)

    def _read(
        self, path: str, url: str | None
    ) -> tuple[bytes, str | None, str | None, Fetched | None]:
        """The bytes, URL and content type, and the fetch (kept as a capture) for a URL."""
        if _URL.match(path):
            fetched = ingestion_fetch(url=path)
            kind = ingestion_content_type(declared=fetched.content_type)
            return fetched.content, url or fetched.final_url, kind, fetched
        file = Path(path)
        try:
            if file.is_dir():
                raise FileProblem("It is a folder, not a file.")
            size = file.stat().st_size
            if not file.is_file():
                raise FileProblem("It is not a regular file.")
            if size > MAX_CONTENT_BYTES:
                raise FileProblem(
                    f"The file is {size:,} bytes; the limit is {MAX_CONTENT_BYTES:,}."
                )
            with file.open("rb") as handle:
                # The size can change between stat and read: never read past the limit.
                content = handle.read(MAX_CONTENT_BYTES + 1)
        except FileNotFoundError:
            raise FileProblem("No such file.") from None
        except PermissionError:
            raise FileProblem("Permission denied.") from None
        except OSError as error:
            raise FileProblem(f"It cannot be read ({error.strerror or error}).") from None
        return content, url, ingestion_content_type(filename=file.name), None

    def _queued(self, path: str, queued: AsyncResult, tally: Counter[str]) -> None:
        if isinstance(queued, EagerResult):  # no broker: it already ran, here
            self._report(path, queued.get(), None, tally)
            return
        tally["queued"] += 1
        if self.as_json:
            self._json({"file": path, "ingest": {"queued": True, "task": queued.id}})
        else:
            self.stdout.write(f"{path}: queued as task {queued.id}")

    def _report(
        self, path: str, result: dict, extraction: dict | None, tally: Counter[str]
    ) -> None:
        document = result["document"]
        if result["already_ingested"]:
            tally["present"] += 1
            line = f"already ingested as document #{document['id']} (same {result['matched_by']})"
        else:
            tally["documents"] += 1
            tally.update({k: v for k, v in result["created"].items() if k != "documents"})
            counts = IngestCounts(**result["created"]).describe_graph()
            line = f"document #{document['id']} “{document['title']}”: created {counts}"
        if self.as_json:
            self._json({"file": path, **(extraction or {}), "ingest": result})
        else:
            self.stdout.write(f"{path}: {line}")

    def _show_preview(self, path: str, preview: IngestPreview) -> None:
        extraction = preview.extraction
        who = extraction.publisher or "unknown publisher"
        if preview.already_ingested:
            document = preview.existing_document
            self.stdout.write(f"{path}: already ingested as document #{document.pk} “{document}”")
            return
        self.stdout.write(f"{path}: {who}, “{extraction.title or 'untitled'}”")
        for claim in preview.plan.claims:
            for chain in claim.chains:
                self.stdout.write(f"  {' → '.join(chain)}: {claim.text}")
        for warning in preview.warnings:
            self.stdout.write(f"  warning: {warning}")
        self.stdout.write(f"  would create {preview.counts}")

    def _json(self, data: dict) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False))

    def _fail(self, path: str, message: str, tally: Counter[str]) -> None:
        tally["failures"] += 1
        with tqdm.external_write_mode(file=sys.stderr):
            self.stderr.write(f"error: {path}: {message}")

    def _summary(self, tally: Counter[str], dry_run: bool) -> None:
        verb = "would be created" if dry_run else "created"
        lines = [
            f"Files read: {tally['read']}",
            f"documents {verb}: {tally['documents']}",
            f"already present: {tally['present']}",
            f"claims: {tally['claims']}, assertions: {tally['assertions']}, "
            f"citations: {tally['citations']}, new sources: {tally['sources']}",
        ]
        if tally["queued"]:
            lines.append(f"queued: {tally['queued']}")
        lines.append(f"failures: {tally['failures']}")
        self.summary.write(
            "; ".join(lines) + ("." if not dry_run else " (dry run: nothing written).")
        )


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {message}" if field != "__all__" else message
            for field, messages in error.message_dict.items()
            for message in messages
        )
    return " ".join(error.messages)


def _queue(**kwargs) -> AsyncResult:
    """Queue the task; without a broker run it here (as `delay` would, minus its warning about
    a missing broker host, and its log line that repeats what this command prints)."""
    if not ingest_article.app.conf.task_always_eager:
        return ingest_article.delay(**kwargs)
    trace = logging.getLogger("celery.app.trace")
    level = trace.level
    trace.setLevel(logging.WARNING)
    try:
        return ingest_article.apply(kwargs=kwargs, throw=True)
    finally:
        trace.setLevel(level)


def _pk(user: AbstractBaseUser | None) -> int | None:
    return user.pk if user is not None else None
