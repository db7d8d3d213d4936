"""Undisclosed-copy detection at ingestion: milliseconds per article against N documents.

Fills a throwaway database (Django's test database beside the one DATABASE_URL names) with N
documents and their fingerprints (32 band values each, as provenance.reuse stores them), then
times `document_reuses_detect` on new articles of ~600 words: half are fresh text, half copy a
stored document with a paragraph changed (so the exact measurement of candidates is timed too).
Stored documents carry short texts and random band values: a band value is a 64-bit hash, so
random values stand for unrelated articles, and a copy's candidates are found by its real bands.
Reports p50, p95 and mean, and the statements per detection; checks the issue's budget of
20 ms per article at 100,000 documents.

Usage: `.venv/bin/python bench/reuse_detection.py [--documents 100000] [--articles 200]`; add
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/provenance_bench` for PostgreSQL.
Exits 1 when the p50 is above the budget.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from provenance import reuse  # noqa: E402
from provenance.models import Document, DocumentFingerprint, DocumentReuse, Source  # noqa: E402
from provenance.services.reuse import document_reuses_detect  # noqa: E402

BUDGET_MS = 20.0
WORDS = (
    "council ferry fares harbour budget minister port tariff steel officials plan report "
    "island vessel repair season ticket residents vote draft levy memo director trade "
    "ministry statement shipping executives dredging programme million crowns year spring "
    "autumn route commuters delays winter police court hearing school hospital road bridge "
    "election candidate party mayor press conference data survey percent increase decline"
).split()


def text(rng: random.Random, words: int = 600) -> str:
    paragraphs = []
    for _ in range(words // 60):
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(60)).capitalize() + ".")
    return "\n\n".join(paragraphs)


def fill(count: int, rng: random.Random) -> list[int]:
    """`count` documents with random fingerprints, and 50 with real text and bands to copy."""
    publisher = Source.objects.create(name="Bench Wire", kind="outlet")
    batch = 5000
    ids: list[int] = []
    for start in range(0, count, batch):
        size = min(batch, count - start)
        with transaction.atomic():
            documents = Document.objects.bulk_create(
                Document(title=f"Stored {start + n}", text="short", publisher=publisher)
                for n in range(size)
            )
            DocumentFingerprint.objects.bulk_create(
                (
                    DocumentFingerprint(
                        document=document, band=band, value=rng.getrandbits(64) - 2**63
                    )
                    for document in documents
                    for band in range(reuse.BANDS)
                ),
                batch_size=10000,
            )
        ids.extend(d.pk for d in documents)
        print(f"\r  {start + size:,} documents stored", end="", flush=True)
    print()
    originals = []
    for n in range(50):
        body = text(rng)
        original = Document.objects.create(title=f"Original {n}", text=body, publisher=publisher)
        values = reuse.fingerprint(body)
        DocumentFingerprint.objects.bulk_create(
            DocumentFingerprint(document=original, band=band, value=value)
            for band, value in enumerate(values)
        )
        originals.append(original)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return originals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    settings.DEBUG = False
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    original_name = database["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run(args.documents, args.articles)
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


def run(count: int, articles: int) -> int:
    rng = random.Random(12)  # noqa: S311 -- reproducible test text, not secrets
    print(
        f"database: {connection.vendor}; {count:,} documents + 50 originals; {articles} new "
        f"articles of ~600 words; Python {sys.version.split()[0]}"
    )
    started = time.perf_counter()
    originals = fill(count, rng)
    print(f"  filled in {time.perf_counter() - started:.0f} s")
    copier = Source.objects.create(name="Bench Copier", kind="outlet")
    new = []
    for n in range(articles):
        if n % 2:
            body = text(rng)
        else:
            paragraphs = originals[n % len(originals)].text.split("\n\n")
            paragraphs[0] = text(rng, 60)
            body = "\n\n".join(paragraphs)
        new.append(Document.objects.create(title=f"New {n}", text=body, publisher=copier))
    document_reuses_detect(document=new[0])  # warm: imports, permutations, plans
    timings, statements = [], []
    # Ingestion runs detection inside its own transaction, whose commit it pays anyway: one
    # outer transaction here, so that the figures are the detection's work, not the disk's.
    with transaction.atomic():
        for document in new[1:]:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                document_reuses_detect(document=document)
                timings.append(1000 * (time.perf_counter() - started))
            statements.append(len(queries.captured_queries))
    fresh, copies = timings[0::2], timings[1::2]  # new[1:] starts with a fresh article
    print(
        f"  fresh text p50 {statistics.median(fresh):.2f} ms; copies (measured against their "
        f"original) p50 {statistics.median(copies):.2f} ms"
    )
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    found = DocumentReuse.objects.filter(copy__publisher=copier).count()
    print(
        f"detection: p50 {p50:.2f} ms, p95 {p95:.2f} ms, mean {statistics.fmean(timings):.2f} ms "
        f"per article; {statistics.median(statements):.0f} "
        f"statements; {found} reuses suggested for {len(new) // 2} copies"
    )
    if p50 > BUDGET_MS:
        print(f"FAIL: p50 above {BUDGET_MS} ms per article")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
