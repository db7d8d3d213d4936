"""Fit the matcher's weights and thresholds on the public training splits; write them to
provenance/matching/weights.py.

- The pair score: a logistic regression over `PAIR_FEATURES` on MSRP train (4,076 pairs).
  "suggest" from the threshold with the best train accuracy; "same" from the lowest threshold
  whose train precision, over pairs whose numbers and polarity agree and which share nearly all
  their words (the other conditions of "same"), is at least 0.99: MSRP's
  "paraphrase" is loose, and an automatic merge must hold (the 0.95 goal is then measured on
  the test split); a paraphrase in other words stays a suggestion.
- The rank score: a logistic regression over `RANK_FEATURES` on CheckThat! 2A train (999
  tweet-claim pairs): each tweet's candidates as the project's retrieval returns them, labelled
  by whether they are the tweet's fact-checked claim.

Deterministic (Newton's method with a small L2 penalty on standardised features). Usage:
`.venv/bin/python bench/fit_matcher.py [--write]`; without --write it prints the weights only.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from django.conf import settings
from public_sets import ROOT, checkthat_claims, checkthat_queries, claims_database, msrp_pairs

from provenance.matching import embed, weights
from provenance.matching.features import PAIR_FEATURES, Pair, pair_features
from provenance.matching.keys import claim_key
from provenance.matching.scoring import (
    RANK_FEATURES,
    SAME_WORDS_AT,
    compare_many,
    pair_logits,
    rank_columns,
)

L2 = 1e-2
LIMITS = (20, 30, 50)
SAME_PRECISION = 0.99
WEIGHTS_FILE = ROOT / "provenance" / "matching" / "weights.py"


def logistic_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, tuple[float, ...]]:
    """Bias and weights on the features' own scale."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.column_stack([np.ones(len(x)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + L2 * w
        hessian = z.T @ (z * (p * (1 - p))[:, None]) + L2 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    raw = w[1:] / scale
    return float(w[0] - (raw * mean).sum()), tuple(float(v) for v in raw)


def msrp_features(split: str) -> tuple[np.ndarray, np.ndarray]:
    pairs = msrp_pairs(split)
    vectors = embed([a for _, a, _ in pairs] + [b for _, _, b in pairs])
    n = len(pairs)
    features = pair_features(
        [
            Pair(claim_key(a), claim_key(b), vectors[i], vectors[n + i])
            for i, (_, a, b) in enumerate(pairs)
        ]
    )
    return features, np.array([label for label, _, _ in pairs], dtype=np.float64)


def thresholds(scores: np.ndarray, labels: np.ndarray, agree: np.ndarray) -> tuple[float, float]:
    grid = np.round(np.arange(0.05, 1.0, 0.005), 3)
    accuracy = [((scores >= t) == labels).mean() for t in grid]
    suggest_at = float(grid[int(np.argmax(accuracy))])
    same_at = 0.995
    for t in grid:
        chosen = (scores >= t) & agree
        if chosen.sum() >= 50 and labels[chosen].mean() >= SAME_PRECISION:
            same_at = float(t)
            break
    return suggest_at, max(same_at, suggest_at)


def checkthat_rank_rows(split: str, limit: int) -> list[tuple[np.ndarray, np.ndarray, int]]:
    """For each tweet: its candidates' rank columns, whether each is its claim, how many it has."""
    from provenance.selectors_matching import claim_match_candidates

    claims = checkthat_claims()
    queries = []
    with claims_database(claims) as vclaim_of:
        for _, tweet, gold in checkthat_queries(split):
            found = claim_match_candidates(text=tweet, limit=limit)
            if not found:
                queries.append((np.zeros((0, len(RANK_FEATURES))), np.zeros(0), len(gold)))
                continue
            vector = embed([tweet])[0]
            _, features = compare_many(tweet, vector, [(c.text, c.vector) for c in found])
            labels = np.array([float(vclaim_of[c.claim_id] in gold) for c in found])
            columns = rank_columns(features, range(len(found)), [c.retrieval for c in found])
            queries.append((columns, labels, len(gold)))
    return queries


def mean_average_precision_at_5(queries, bias: float, weights_: tuple[float, ...]) -> float:
    total = 0.0
    for columns, labels, gold in queries:
        order = np.argsort(-(columns @ np.asarray(weights_) + bias), kind="stable")
        hits, ap = 0, 0.0
        for position, index in enumerate(order[:5]):
            if labels[index]:
                hits += 1
                ap += hits / (position + 1)
        total += ap / gold
    return total / len(queries)


def rank_fit(queries, limit: int) -> tuple[float, tuple[float, ...], float]:
    """The rank weights fitted on each tweet's first `limit` candidates, and the train MAP@5."""
    cut = [(c[:limit], lab[:limit], g) for c, lab, g in queries]
    x = np.vstack([c for c, _, _ in cut if len(c)])
    y = np.concatenate([lab for _, lab, _ in cut])
    bias, weights_ = logistic_fit(x, y)
    return bias, weights_, mean_average_precision_at_5(cut, bias, weights_)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="Write weights.py.")
    args = parser.parse_args()
    started = time.perf_counter()
    x, y = msrp_features("train")
    pair_bias, pair_weights = logistic_fit(x, y)
    weights.PAIR_BIAS, weights.PAIR_WEIGHTS = pair_bias, pair_weights
    scores = 1.0 / (1.0 + np.exp(-pair_logits(x)))
    agree = (
        (x[:, PAIR_FEATURES.index("numbers_agree")] > 0)
        & (x[:, PAIR_FEATURES.index("polarity_agree")] > 0)
        & (x[:, PAIR_FEATURES.index("contained_least")] >= SAME_WORDS_AT)
    )
    suggest_at, same_at = thresholds(scores, y, agree)
    print(f"pair: MSRP train accuracy {((scores >= suggest_at) == y).mean():.3f}")
    print(f"  suggest_at {suggest_at}, same_at {same_at}")
    queries = checkthat_rank_rows("train", max(LIMITS))
    for limit in LIMITS:
        _, _, train_map = rank_fit(queries, limit)
        print(f"rank: {limit} candidates a tweet, CheckThat! train MAP@5 {train_map:.3f}")
    rank_bias, rank_weights, _ = rank_fit(queries, settings.PROVENANCE_MATCH_CANDIDATES)
    text = render(pair_bias, pair_weights, rank_bias, rank_weights, suggest_at, same_at)
    print(text)
    if args.write:
        WEIGHTS_FILE.write_text(text, encoding="utf-8")
        print(f"written to {WEIGHTS_FILE.relative_to(ROOT)}")
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


def render(pair_bias, pair_weights, rank_bias, rank_weights, suggest_at, same_at) -> str:
    def block(names, values):
        return "\n".join(f"    {v!r},  # {n}" for n, v in zip(names, values, strict=True))

    return (
        '"""Fitted weights of the matcher: written by bench/fit_matcher.py, not by hand.\n\n'
        "Pair score: logistic regression on MSRP train; rank score: logistic regression on\n"
        "CheckThat! 2022 2A train. Reproduce:\n"
        '`.venv/bin/python bench/fit_matcher.py --write`.\n"""\n\n'
        f"PAIR_BIAS = {pair_bias!r}\nPAIR_WEIGHTS = (\n{block(PAIR_FEATURES, pair_weights)}\n)\n"
        f"RANK_BIAS = {rank_bias!r}\nRANK_WEIGHTS = (\n{block(RANK_FEATURES, rank_weights)}\n)\n"
        f"SUGGEST_AT = {suggest_at!r}\n"
        f'"""Pairs scored from here are suggested (best accuracy on MSRP train)."""\n'
        f"SAME_AT = {same_at!r}\n"
        f'"""Pairs scored from here, numbers, polarity and words agreeing, are merged\n'
        f'(precision {SAME_PRECISION} on MSRP train)."""\n'
    )


if __name__ == "__main__":
    raise SystemExit(main())
