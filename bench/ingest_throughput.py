"""Ingestion throughput and memory: ~50 KB articles through the whole service.

Measures, per process (one core): extraction alone, the preview (extraction + the read queries
that resolve sources), and the full write path (`ingestion_apply`: extraction, sources,
document with its snapshot, draft claims, assertions, citations, their history rows, and the
cached analysis refreshed on commit). Peak memory: tracemalloc over one ingestion, and the
process's peak RSS.

Runs against a throwaway database created beside the one DATABASE_URL names (Django's test
database: `test_<name>` on PostgreSQL, a temporary file for SQLite), so it never writes to real
data. Usage: `.venv/bin/python bench/ingest_throughput.py [--articles 200]`; add
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/provenance` for PostgreSQL.
Exits 1 when extraction is below 20 articles/s.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from extraction_speed import build_page  # noqa: E402

from provenance.ingest import extract  # noqa: E402
from provenance.services import ingestion_apply, ingestion_preview  # noqa: E402

EXTRACTION_TARGET = 20  # articles/s per core


# Words of the page's claims, and the words each article puts in their place: every article
# then has its own headline and claims (the same page would be recognised as the same article,
# and its claims merged into the first one's), while its sources are the ones met before.
_TOPICS = (
    "restraint position partners prices trading investors conflict systems region calendar "
    "error distrustful military diplomatic plans strain answer missile trust mood clarity "
    "transparency retaliation room level crowded strike war government losing"
).split()
_VOCABULARY = (
    "harbour tariffs pensions rail fisheries vaccines housing wages tunnels bridges ferries "
    "schools orchards grain copper lithium textiles pastures forests dams clinics libraries "
    "museums stadiums canals airports mines quarries vineyards reservoirs turbines satellites "
    "archives lighthouses glaciers wetlands bakeries courts prisons markets"
).split()
_TOPIC = re.compile(r"\b(" + "|".join(_TOPICS) + r")\b", re.IGNORECASE)


def _varied(page: str, n: int) -> str:
    """The page with its claims' topic words replaced, distinctly for each n."""
    size = len(_VOCABULARY)

    def word(match: re.Match) -> str:
        i = _TOPICS.index(match.group(0).lower())
        # The number keeps the matcher from taking two articles' claims for one ("same" needs
        # the numbers to agree): these are new claims, not the merge path.
        return f"{_VOCABULARY[(i + n) % size]} {n}"

    return _TOPIC.sub(word, page)


def articles(count: int) -> list[bytes]:
    """Distinct ~50 KB articles (distinct hashes, headlines and claims) citing the same
    sources, each with one source of its own."""
    page = build_page()
    return [
        _varied(page, n)
        .replace(
            "</article>",
            f"<p>The council approved budget line {n}, treasurer Mira Holm{n:04d} said.</p>"
            "</article>",
            1,
        )
        .encode("utf-8")
        for n in range(count)
    ]


def rate(label: str, count: int, seconds: float) -> float:
    per_second = count / seconds
    print(f"{label:<34} {per_second:8.1f} articles/s  {1000 * seconds / count:8.2f} ms/article")
    return per_second


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="Articles to ingest.")
    parser.add_argument(
        "--stages",
        action="store_true",
        help="Also print the write path's ms per article by stage (timers around them; the "
        "stages nest: matching holds retrieval and scoring).",
    )
    options = parser.parse_args()
    count = options.articles
    settings.DEBUG = False  # no query log growing with every statement
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        # A file, as in production, rather than the in-memory test default.
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    original = database["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run(count, stages=options.stages)
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)


def run(count: int, *, stages: bool = False) -> int:
    pages = articles(count)
    print(
        f"{count} articles of ~{len(pages[0]) // 1000} KB; database: {connection.vendor} "
        f"({connection.settings_dict['NAME']}); Python {sys.version.split()[0]}"
    )
    extract(pages[0])  # warm imports and caches

    started = time.perf_counter()
    for page in pages:
        extract(page)
    extraction = rate("extraction only", count, time.perf_counter() - started)

    started = time.perf_counter()
    for page in pages:
        ingestion_preview(content=page)
    rate("preview (extraction + reads)", count, time.perf_counter() - started)

    with CaptureQueriesContext(connection) as first_queries:
        first = ingestion_apply(content=pages[0], created_by=None)
    timed = _stage_timers() if stages else None
    started = time.perf_counter()
    for page in pages[1:-1]:
        ingestion_apply(content=page, created_by=None)
    if timed is not None:
        timed.restore()
    with CaptureQueriesContext(connection) as last_queries:
        last = ingestion_apply(content=pages[-1], created_by=None)
    rate("full write path (ingestion_apply)", count - 1, time.perf_counter() - started)
    print(f"  first article: {first.counts}; {len(first_queries.captured_queries)} statements")
    print(f"  last article:  {last.counts}; {len(last_queries.captured_queries)} statements")

    if timed is not None:
        for label, seconds in timed.totals.most_common():
            print(f"  {1000 * seconds / (count - 2):8.1f} ms/article  {label}")

    started = time.perf_counter()
    for page in pages[:50]:
        ingestion_apply(content=page, created_by=None)
    rate("re-ingest (idempotent, by hash)", min(50, count), time.perf_counter() - started)

    tracemalloc.start()
    ingestion_apply(content=articles(count + 1)[-1], created_by=None)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak memory: {peak / 2**20:.1f} MiB traced for one ingestion; {rss:.0f} MiB peak RSS")
    if extraction < EXTRACTION_TARGET:
        print(f"FAIL: extraction below {EXTRACTION_TARGET} articles/s")
        return 1
    return 0


class _Timers:
    """Timers wrapped around named functions of the write path, and how to take them off."""

    def __init__(self) -> None:
        self.totals: Counter[str] = Counter()
        self.wrapped: list[tuple[object, str, object]] = []

    def wrap(self, module: object, name: str, label: str) -> None:
        original = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.totals[label] += time.perf_counter() - started

        self.wrapped.append((module, name, original))
        setattr(module, name, timed)

    def restore(self) -> None:
        for module, name, original in reversed(self.wrapped):
            setattr(module, name, original)


def _stage_timers() -> _Timers:
    from provenance import selectors_matching
    from provenance.services import analysis_cache, ingestion
    from provenance.services.ingestion import records

    timers = _Timers()
    for module, name, label in (
        (ingestion, "_extraction", "extraction (with the corrections' checks)"),
        (ingestion, "_existing_document", "idempotency look-ups (hash, URL)"),
        (ingestion, "_same_article", "same-article look-up"),
        (ingestion, "SourceResolver", "sources resolved"),
        (ingestion, "document_create", "document with snapshot and authors"),
        (ingestion, "claims_write", "claims, assertions, citations, history, vectors"),
        (records, "claim_vectors_store", "  of which: vectors stored"),
        (ingestion, "claims_matches_find", "claims matched"),
        (selectors_matching, "claims_match_candidates", "  of which: candidates retrieved"),
        (selectors_matching, "compare_many", "  of which: pairs scored"),
        (ingestion, "document_reuses_detect", "reuse detection"),
        (analysis_cache, "analyses_refresh", "cached analyses refreshed on commit"),
    ):
        timers.wrap(module, name, label)
    return timers


if __name__ == "__main__":
    sys.exit(main())
