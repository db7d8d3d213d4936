"""Suggestions for one claim on a large database: p50 and p95 of `claim_match_scores`.

Reads the database DATABASE_URL names (filled by `manage.py generate_corpus --wording varied`,
then `manage.py migrate` so that the matching indexes exist), picks claims at random and times
the whole read: the claim, index retrieval of candidates, vectors computed for those that have
none stored, the fitted scores. Prints the retrieval's plan, to show that it reads the GIN index
and never scans the table, and the time of a trivial `SELECT 1` in the same run for scale.

Usage: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/provenance_i12m_1m
.venv/bin/python bench/matching_latency.py [--claims 300]`. Exits 1 when the p50 is above 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from provenance.match_index import PG_MATCH_DOCUMENT  # noqa: E402
from provenance.matching import claim_key  # noqa: E402
from provenance.selectors_matching import _terms, claim_match_scores  # noqa: E402

BUDGET_MS = 50.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=300, help="Claims timed.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    settings.DEBUG = False
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM provenance_claim")
        low, high = cursor.fetchone()
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'provenance_claim'"
            if connection.vendor == "postgresql"
            else "SELECT count(*) FROM provenance_claim"
        )
        (rows,) = cursor.fetchone()
    rng = random.Random(args.seed)  # noqa: S311 -- a sample, not a secret
    sample = [rng.randint(low, high) for _ in range(args.claims)]
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}, ~{rows:,} claims; "
        f"{args.claims} claims timed; candidates {settings.PROVENANCE_MATCH_CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM provenance_claim WHERE id = %s", [sample[0]])
        (text,) = cursor.fetchone()
    if connection.vendor == "postgresql":
        query = " | ".join("'" + t.replace("'", "''") + "'" for t in _terms(claim_key(text)))
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN SELECT id FROM provenance_claim, to_tsquery('english', %s) AS q "  # noqa: S608
                f"WHERE {PG_MATCH_DOCUMENT} @@ q",
                [query],
            )
            plan = [row[0] for row in cursor.fetchall()]
        print("retrieval plan:\n  " + "\n  ".join(plan))
        if any("Seq Scan on provenance_claim" in line for line in plan):
            print("the retrieval scans the table")
            return 1
    for claim_id in sample[:5]:
        claim_match_scores(claim_id=claim_id)  # warm-up: model loaded, caches primed
    timings, found = [], 0
    for claim_id in sample:
        started = time.perf_counter()
        found += len(claim_match_scores(claim_id=claim_id))
        timings.append((time.perf_counter() - started) * 1000)
    trivial = []
    with connection.cursor() as cursor:
        for _ in range(200):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            trivial.append((time.perf_counter() - started) * 1000)
    p50 = statistics.median(timings)
    print(
        f"suggestions for one claim: p50 {p50:.1f} ms, p95 "
        f"{statistics.quantiles(timings, n=20)[-1]:.1f} ms, mean {statistics.fmean(timings):.1f} "
        f"ms; {found / len(sample):.1f} suggestions a claim; SELECT 1 p50 "
        f"{statistics.median(trivial):.2f} ms"
    )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0 if p50 <= BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
