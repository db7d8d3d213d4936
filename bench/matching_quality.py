"""The claim matcher on public sets: CheckThat! 2022 2A MAP@5, MSRP accuracy, precision of
automatic matches, speed. Runs the project's own matcher: nothing here scores or ranks.

- CheckThat! 2A English: the 14,231 fact-checked claims are recorded as claims in a throwaway
  database (text = the claim, context = the fact-check's title and subtitle; vectors stored),
  and each tweet of the split goes through `claim_match_ranked` (index retrieval, the fitted
  pair score, the fitted rank score) as the text of a new claim. MAP@5 over the ranked ids.
- MSRP: each test pair through `compare_many` with the thresholds in settings (fitted on
  train by bench/fit_matcher.py). Accuracy: a pair is predicted a paraphrase when its decision
  is "suggest" or "same".
- Automatic matches: of the pairs decided "same", how many are true (MSRP paraphrases; on
  CheckThat!, the tweet's own fact-checked claim). An exact wording never counts here: only
  pairs scored by the model.

Usage: `.venv/bin/python bench/matching_quality.py [--split test]` (SQLite by default; set
DATABASE_URL to run the retrieval on PostgreSQL). The sets must be exported first (see
bench/public_sets.py). Exits 1 when a goal is missed (MAP@5 0.90, accuracy 0.76, precision 0.95).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from public_sets import (
    average_precision_at_5,
    checkthat_claims,
    checkthat_queries,
    claims_database,
    msrp_pairs,
)

from provenance.matching import SAME, SUGGEST, embed  # noqa: E402
from provenance.matching.scoring import compare_many  # noqa: E402

GOALS = {"map5": 0.90, "accuracy": 0.76, "precision": 0.95}


def checkthat(split: str) -> dict:
    from provenance.selectors_matching import claim_match_ranked

    claims = checkthat_claims()
    queries = checkthat_queries(split)
    precisions, timings = [], []
    same_true = same_all = found = 0
    with claims_database(claims) as vclaim_of:
        claim_match_ranked(text="warm-up")
        for _, tweet, gold in queries:
            started = time.perf_counter()
            ranked = claim_match_ranked(text=tweet)
            timings.append((time.perf_counter() - started) * 1000)
            ids = [vclaim_of[claim_id] for claim_id, _, _ in ranked]
            precisions.append(average_precision_at_5(ids, gold))
            found += len(gold & set(ids)) / len(gold)
            for claim_id, match, _ in ranked:
                if match.decision == SAME and match.reasons != ("same wording",):
                    same_all += 1
                    same_true += vclaim_of[claim_id] in gold
    return {
        "queries": len(queries),
        "claims": len(claims),
        "map5": statistics.fmean(precisions),
        "recall": found / len(queries),
        "same": (same_true, same_all),
        "p50_ms": statistics.median(timings),
        "p95_ms": statistics.quantiles(timings, n=20)[-1],
    }


def msrp() -> dict:
    pairs = msrp_pairs("test")
    started = time.perf_counter()
    vectors = embed([a for _, a, _ in pairs] + [b for _, _, b in pairs])
    n = len(pairs)
    correct = same_true = same_all = 0
    for i, (label, a, b) in enumerate(pairs):
        (match,), _ = compare_many(
            a,
            vectors[i],
            [(b, vectors[n + i])],
            suggest_at=settings.PROVENANCE_MATCH_SUGGEST_AT,
            same_at=settings.PROVENANCE_MATCH_SAME_AT,
        )
        correct += int(match.decision in (SAME, SUGGEST)) == label
        if match.decision == SAME:
            same_all += 1
            same_true += label
    elapsed = time.perf_counter() - started
    return {
        "pairs": n,
        "accuracy": correct / n,
        "same": (same_true, same_all),
        "pairs_per_s": n / elapsed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=("train", "dev", "devtest", "test"))
    parser.add_argument("--skip-msrp", action="store_true")
    args = parser.parse_args()
    print(f"python bench/matching_quality.py --split {args.split}   ({' '.join(sys.argv[1:])})")
    print(
        f"thresholds: suggest {settings.PROVENANCE_MATCH_SUGGEST_AT}, same "
        f"{settings.PROVENANCE_MATCH_SAME_AT}; candidates {settings.PROVENANCE_MATCH_CANDIDATES}"
    )
    ok = True
    if not args.skip_msrp:
        m = msrp()
        precision = m["same"][0] / m["same"][1] if m["same"][1] else float("nan")
        print(
            f"MSRP test: {m['pairs']} pairs, accuracy {m['accuracy']:.3f}; 'same' {m['same'][1]} "
            f"pairs, precision {precision:.3f}; {m['pairs_per_s']:.0f} pairs/s (vectors included)"
        )
        ok &= m["accuracy"] >= GOALS["accuracy"] and precision >= GOALS["precision"]
    c = checkthat(args.split)
    precision = c["same"][0] / c["same"][1] if c["same"][1] else float("nan")
    print(
        f"CheckThat! 2A {args.split} ({connection.vendor}): {c['queries']} tweets against "
        f"{c['claims']:,} claims, MAP@5 {c['map5']:.3f}, recall in the candidates "
        f"{c['recall']:.3f}; 'same' {c['same'][1]} pairs, {c['same'][0]} true; ranking a tweet "
        f"p50 {c['p50_ms']:.1f} ms, p95 {c['p95_ms']:.1f} ms"
    )
    ok &= c["map5"] >= GOALS["map5"]
    if c["same"][1]:
        ok &= precision >= GOALS["precision"]
    print("goals met" if ok else "a goal is missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
