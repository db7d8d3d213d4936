"""Watching sources: fetch each document's address again, on a schedule, and record what it says.

A check is live, moved (redirected elsewhere), gone (404 or 410; or a host that does not
resolve `PROVENANCE_WATCH_GONE_AFTER` times in a row), changed (the extracted article text
differs, word by word: see `provenance.evidence.drift`) or failed (any other error, tried again
later). A new body is kept as a capture; the same body is not stored twice.

Gone and changed set the document's source state, which flags every claim downstream as a
retraction does (the analysis lists the document; the claim shows as flagged in the editors'
lists), with a note naming what changed.

The schedule: a document is first checked `PROVENANCE_WATCH_FIRST_HOURS` after it is enrolled,
at an offset within that interval taken from its id, so documents recorded together spread over
the day; each unchanged check doubles its interval up to `PROVENANCE_WATCH_MAX_HOURS`, so old,
stable pages are fetched rarely; a change starts it again. A run fetches at most one document
per host, and none from a host fetched less than `PROVENANCE_WATCH_HOST_SPACING_SECONDS` ago.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from provenance.evidence.drift import day, drift, drift_note, removed_quotes
from provenance.ingest import Fetched, FetchError, HTTPStatusError, UnresolvedHost
from provenance.models import Assertion, Capture, Document, SourceCheck, SourceWatch
from provenance.services.captures import capture_record, capture_text
from provenance.services.documents import document_update

logger = logging.getLogger(__name__)

GONE_STATUSES = frozenset({404, 410})
_FLAGGING = ("gone", "changed")


@dataclass(frozen=True)
class WatchRun:
    """What one run did."""

    enrolled: int
    checks: tuple[SourceCheck, ...]
    deferred: int  # due, but their host was fetched too recently

    def counts(self) -> dict[str, int]:
        counts = {result: 0 for result in SourceCheck.Result.values}
        for check in self.checks:
            counts[check.result] += 1
        return counts


def watch_host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def watch_first_due(*, document_id: int, now: datetime) -> datetime:
    """The first check: one interval after enrolment, offset by the id across that interval."""
    hours = settings.PROVENANCE_WATCH_FIRST_HOURS
    # Knuth's multiplicative hash spreads consecutive ids evenly over the interval.
    offset = (document_id * 2654435761) % (hours * 3600)
    return now + timedelta(seconds=offset)


def watches_enroll(*, now: datetime | None = None) -> int:
    """Start watching every document with an address that is not watched yet."""
    now = now or timezone.now()
    missing = Document.objects.filter(url__isnull=False, watch__isnull=True).values_list(
        "pk", "url"
    )
    rows = [
        SourceWatch(
            document_id=pk,
            host=watch_host(url)[:255],
            next_check_at=watch_first_due(document_id=pk, now=now),
            interval_hours=settings.PROVENANCE_WATCH_FIRST_HOURS,
        )
        for pk, url in missing.iterator()
    ]
    SourceWatch.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def watch_due(*, now: datetime, limit: int) -> tuple[list[SourceWatch], int]:
    """The watches to check now: due, at most one per host, no host fetched too recently.

    Returns them and how many due ones were left for a later run because of their host. The
    earliest due document of each host is picked in the database (a window per host), so a
    host with a long backlog does not hold the other hosts back.
    """
    spacing = timedelta(seconds=settings.PROVENANCE_WATCH_HOST_SPACING_SECONDS)
    recent = SourceWatch.objects.filter(last_checked_at__gt=now - spacing).values("host")
    due = SourceWatch.objects.filter(active=True, next_check_at__lte=now)
    first_per_host = (
        due.exclude(host__in=recent)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("host"),
                order_by=(F("next_check_at").asc(), F("id").asc()),
            )
        )
        .filter(rank=1)
        .select_related("document")
        .defer("document__snapshot")
        .order_by("next_check_at", "id")
    )
    chosen = list(first_per_host[:limit])
    return chosen, due.count() - len(chosen)


def watch_run(*, now: datetime | None = None, limit: int | None = None) -> WatchRun:
    """Enrol new documents, then check the due ones (see the module's docstring)."""
    now = now or timezone.now()
    enrolled = watches_enroll(now=now)
    chosen, deferred = watch_due(now=now, limit=limit or settings.PROVENANCE_WATCH_BATCH)
    checks = []
    for watch in chosen:
        try:
            checks.append(source_check(watch=watch))
        except Exception:  # one page's failure must not stop the others
            logger.exception("Checking document %s failed", watch.document_id)
    return WatchRun(enrolled, tuple(checks), deferred)


def source_check(*, watch: SourceWatch) -> SourceCheck:
    """Fetch the watched document's address again, record the result and reschedule."""
    from provenance.services.ingestion import ingestion_fetch

    document = watch.document
    url = document.url
    now = timezone.now()
    try:
        fetched = ingestion_fetch(url=url)
    except HTTPStatusError as error:
        if error.status in GONE_STATUSES:
            return _record(watch, now, "gone", status=error.status, note=_gone_note(error, now))
        return _record(watch, now, "failed", status=error.status, note=str(error), failed=True)
    except UnresolvedHost as error:
        failures = watch.failures + 1
        if failures >= settings.PROVENANCE_WATCH_GONE_AFTER:
            note = (
                f"The host {watch_host(url)} no longer resolves ({failures} failed checks in a "
                f"row); the page was gone on {_day(now)}."
            )
            return _record(watch, now, "gone", note=note, failed=True)
        return _record(watch, now, "failed", note=str(error), failed=True)
    except FetchError as error:
        return _record(watch, now, "failed", note=str(error), failed=True)
    return _compare(watch, document, fetched, now)


def _compare(watch: SourceWatch, document: Document, fetched: Fetched, now: datetime):
    # The text last seen: that of the last check's capture (a page that went back to an
    # earlier body gets that earlier capture), else the newest capture's, else the document's.
    last_seen = (
        SourceCheck.objects.filter(document=document, capture__isnull=False)
        .values_list("capture__text", flat=True)
        .first()
    )
    if last_seen is None:
        last_seen = Capture.objects.filter(document=document).values_list("text", flat=True).first()
    baseline = document.text if last_seen is None else last_seen
    text = capture_text(fetched=fetched)
    capture = capture_record(document=document, fetched=fetched, text=text)
    moved = fetched.final_url != document.url
    found = drift(baseline, text)
    if found.changed:
        quotes = list(
            Assertion.objects.filter(document=document)
            .exclude(selector_exact="", quote="")
            .values_list("selector_exact", "quote")
        )
        quoted = [exact or quote for exact, quote in quotes]
        note = drift_note(
            found=found, quotes_removed=removed_quotes(quoted, baseline, text), on=now
        )
        if moved:
            note = f"Moved to {fetched.final_url}. {note}"
        return _record(
            watch,
            now,
            "changed",
            status=fetched.status,
            final_url=fetched.final_url,
            capture=capture,
            note=note,
            diff=found.as_list(),
        )
    if moved:
        note = f"Redirects to {fetched.final_url}; the article text is the same."
        return _record(
            watch,
            now,
            "moved",
            status=fetched.status,
            final_url=fetched.final_url,
            capture=capture,
            note=note,
            stable=True,
        )
    return _record(
        watch,
        now,
        "live",
        status=fetched.status,
        final_url=fetched.final_url,
        capture=capture,
        stable=True,
    )


@transaction.atomic
def _record(
    watch: SourceWatch,
    now: datetime,
    result: str,
    *,
    status: int | None = None,
    final_url: str = "",
    capture: Capture | None = None,
    note: str = "",
    diff: list | None = None,
    failed: bool = False,
    stable: bool = False,
) -> SourceCheck:
    check = SourceCheck.objects.create(
        document=watch.document,
        checked_at=now,
        result=result,
        status=status,
        final_url=final_url[:2000],
        capture=capture,
        note=note,
        diff=diff or [],
    )
    first = settings.PROVENANCE_WATCH_FIRST_HOURS
    if failed:
        watch.failures += 1
    if result == "gone":
        watch.active = False
    elif failed:
        # Passing errors are retried within hours, not after the stable interval.
        watch.next_check_at = now + timedelta(hours=min(watch.failures, first))
    else:
        watch.failures = 0
        if stable:
            watch.interval_hours = min(
                watch.interval_hours * 2, settings.PROVENANCE_WATCH_MAX_HOURS
            )
        else:
            watch.interval_hours = first
        watch.next_check_at = now + timedelta(hours=watch.interval_hours)
    watch.last_checked_at = now
    watch.save()
    _set_state(watch.document, result, note)
    return check


def _set_state(document: Document, result: str, note: str) -> None:
    """Gone and changed flag the claims downstream; moved and live only fill an empty state."""
    if result in _FLAGGING:
        document_update(document=document, source_state=result, source_note=note)
    elif result in ("live", "moved") and document.source_state in ("", "live", "moved"):
        if document.source_state != result:
            document_update(document=document, source_state=result, source_note=note)


def _gone_note(error: HTTPStatusError, now: datetime) -> str:
    return f"The page answered {error.status} (gone) on {_day(now)}."


def _day(now: datetime) -> str:
    return day(now.date())
