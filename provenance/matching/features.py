"""What the matcher measures about a pair of claims: lexical overlap, vectors, numbers, polarity.

Each pair gives the same numeric features, in the order of `PAIR_FEATURES`; the fitted weights
(provenance/matching/weights.py, written by bench/fit_matcher.py) turn them into a score. The
features are computed on the claims' matching keys, so case, quote marks and punctuation never
count as a difference.

The "residual" features embed only the words that one claim has and the other lacks: two
paraphrases differ by synonyms ("resigned" / "stepped down"), whose vectors are close, while
two different claims differ by unrelated words.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from provenance.matching.keys import words
from provenance.matching.numbers import claim_numbers
from provenance.matching.polarity import polarity_agree
from provenance.matching.vectors import cosine, decode, embed

PAIR_FEATURES = (
    "vector_cosine",
    "word_dice",
    "token_set_ratio",
    "token_sort_ratio",
    "edit_ratio",
    "length_ratio",
    "numbers_agree",
    "polarity_agree",
    "residual_cosine",
    "residual_fewer",
    "residual_more",
    "contained_least",
    "contained_most",
    "bigram_dice",
    "trigram_dice",
    "numbers_differ",
    "length_gap",
    # Curvature: logistic regression is linear in its features; these let the score bend
    # (chosen by 5-fold cross-validation on MSRP train, bench/fit_matcher.py).
    "vector_cosine_squared",
    "word_dice_squared",
    "token_set_ratio_squared",
    "token_sort_ratio_squared",
    "edit_ratio_squared",
    "residual_fewer_log",
    "residual_more_log",
    "vector_cosine_by_word_dice",
    "vector_cosine_by_residual_cosine",
)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two claims to compare: their matching keys and stored vectors."""

    key_a: str
    key_b: str
    vector_a: bytes
    vector_b: bytes


def pair_features(pairs: Sequence[Pair]) -> np.ndarray:
    """One row of `PAIR_FEATURES` for each pair (the residual words embedded in one batch)."""
    if not pairs:
        return np.zeros((0, len(PAIR_FEATURES)))
    residuals: list[str] = []
    partial = []
    for pair in pairs:
        wa, wb = words(pair.key_a), words(pair.key_b)
        sa, sb = set(wa), set(wb)
        ra = [w for w in wa if w not in sb]
        rb = [w for w in wb if w not in sa]
        residuals += [" ".join(ra) or ".", " ".join(rb) or "."]
        partial.append((pair, wa, wb, sa, sb, ra, rb))
    # One claim's own words are its residual against most of its candidates: each distinct
    # text is embedded once (a text's vector does not depend on the others in the batch).
    distinct = list(dict.fromkeys(residuals))
    by_text = dict(zip(distinct, embed(distinct), strict=True))
    residual_vectors = [by_text[text] for text in residuals]
    rows = []
    for index, (pair, wa, wb, sa, sb, ra, rb) in enumerate(partial):
        ka, kb = pair.key_a, pair.key_b
        shared = len(sa & sb)
        la, lb = max(len(sa), 1), max(len(sb), 1)
        na, nb = set(claim_numbers(ka)), set(claim_numbers(kb))
        residual = (
            cosine(residual_vectors[2 * index], residual_vectors[2 * index + 1])
            if ra and rb
            else 1.0
        )
        rows.append(
            (
                float(decode(pair.vector_a) @ decode(pair.vector_b)),
                _dice(sa, sb),
                fuzz.token_set_ratio(ka, kb) / 100,
                fuzz.token_sort_ratio(ka, kb) / 100,
                fuzz.ratio(ka, kb) / 100,
                min(len(wa), len(wb)) / max(len(wa), len(wb), 1),
                float(na == nb),
                float(polarity_agree(ka, kb)),
                residual,
                min(len(set(ra)), len(set(rb))),
                max(len(set(ra)), len(set(rb))),
                min(shared / la, shared / lb),
                max(shared / la, shared / lb),
                _dice(set(zip(wa, wa[1:], strict=False)), set(zip(wb, wb[1:], strict=False))),
                _dice(_trigrams(ka), _trigrams(kb)),
                len(na ^ nb) / max(len(na | nb), 1),
                abs(len(wa) - len(wb)) / max(len(wa), len(wb), 1),
            )
        )
    base = np.asarray(rows, dtype=np.float64)
    return np.column_stack(
        [
            base,
            base[:, :5] ** 2,
            np.log1p(base[:, 9]),
            np.log1p(base[:, 10]),
            base[:, 0] * base[:, 1],
            base[:, 0] * base[:, 8],
        ]
    )


def _dice(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _trigrams(key: str) -> set[str]:
    return {key[i : i + 3] for i in range(len(key) - 2)}
