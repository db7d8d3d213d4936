"""How alike two claims are, and whether that makes them the same claim.

The score is a logistic combination of the pair's features (provenance.matching.features):
overlap of words and characters, the similarity of the claims' vectors and of the words that
differ, and whether numbers and polarity agree. Its weights and the default thresholds were
fitted on public training sets by bench/fit_matcher.py (provenance/matching/weights.py).

"same" also needs the claims' own numbers and polarity to agree, and nearly the same words
(`SAME_WORDS_AT`): embeddings rate "4 percent" against "40 percent", or a sentence against its
negation, above a true paraphrase, so a match that changes a number or a negation, or says the
same in other words, is at most a suggestion for an editor.

Ranking candidates for one claim (`rank_scores`) adds where the index's own ranking placed
each candidate: the full-text rank weighs rare words, which a pair on its own cannot know.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from provenance.matching import weights
from provenance.matching.features import PAIR_FEATURES, Pair, pair_features
from provenance.matching.keys import claim_key, without_links
from provenance.matching.numbers import claim_numbers, numbers_agree
from provenance.matching.polarity import polarity_agree
from provenance.matching.vectors import embed

SUGGEST_AT = weights.SUGGEST_AT
"""Default score from which a pair is suggested (settings.PROVENANCE_MATCH_SUGGEST_AT)."""
SAME_AT = weights.SAME_AT
"""Default score from which a pair is the same claim (settings.PROVENANCE_MATCH_SAME_AT)."""

SAME_WORDS_AT = 0.8
"""Share of each claim's words the other must have for an automatic match: a paraphrase in
other words ("resigned" / "stepped down") stays a suggestion for an editor, however sure the
score."""

SAME, SUGGEST, NONE = "same", "suggest", "none"
RANK_FEATURES = (
    "reciprocal_rank",
    "retrieval_relative",
    "pair_logit",
    "vector_cosine",
    "word_dice",
    "token_set_ratio",
)
_EXACT = 1e8  # retrieval scores from here are exact keys (selectors_matching.EXACT)
_COLUMN = {name: index for index, name in enumerate(PAIR_FEATURES)}


@dataclass(frozen=True, slots=True)
class Match:
    """The verdict on a pair of claims: a score in 0..1 and what it means."""

    score: float
    decision: str
    numbers_agree: bool
    polarity_agree: bool
    reasons: tuple[str, ...]


def pair_logits(features: np.ndarray) -> np.ndarray:
    """The fitted combination of each row of pair features (before the logistic)."""
    return features @ np.asarray(weights.PAIR_WEIGHTS) + weights.PAIR_BIAS


def rank_scores(
    features: np.ndarray, positions: Sequence[int], retrieval: Sequence[float]
) -> np.ndarray:
    """Scores to order one claim's candidates by: the pair's features, the index's rank (0 for
    its best hit) and its own score."""
    if len(features) == 0:
        return np.zeros(0)
    columns = rank_columns(features, positions, retrieval)
    return columns @ np.asarray(weights.RANK_WEIGHTS) + weights.RANK_BIAS


def rank_columns(
    features: np.ndarray, positions: Sequence[int], retrieval: Sequence[float]
) -> np.ndarray:
    """The `RANK_FEATURES` of each candidate. The index's score counts relative to its best
    full-text hit, so that the scale of the database's ranking function drops out."""
    scores = np.asarray(retrieval, dtype=np.float64)
    text_scores = scores[scores < _EXACT]
    best = text_scores.max() if len(text_scores) and text_scores.max() > 0 else 1.0
    relative = np.where(scores >= _EXACT, 1.0, np.clip(scores / best, 0.0, 1.0))
    return np.column_stack(
        [
            1.0 / (np.asarray(positions, dtype=np.float64) + 1.0),
            relative,
            pair_logits(features),
            features[:, _COLUMN["vector_cosine"]],
            features[:, _COLUMN["word_dice"]],
            features[:, _COLUMN["token_set_ratio"]],
        ]
    )


def compare(
    a: str,
    b: str,
    *,
    a_vector: bytes | None = None,
    b_vector: bytes | None = None,
    suggest_at: float = SUGGEST_AT,
    same_at: float = SAME_AT,
) -> Match:
    """Compare two claims' wordings (and their stored vectors, computed when not given)."""
    if a_vector is None or b_vector is None:
        computed = embed([x for x, v in ((a, a_vector), (b, b_vector)) if v is None])
        a_vector = a_vector if a_vector is not None else computed.pop(0)
        b_vector = b_vector if b_vector is not None else computed.pop(0)
    return compare_many(a, a_vector, [(b, b_vector)], suggest_at=suggest_at, same_at=same_at)[0][0]


def compare_many(
    text: str,
    vector: bytes,
    others: Sequence[tuple[str, bytes]],
    *,
    suggest_at: float = SUGGEST_AT,
    same_at: float = SAME_AT,
) -> tuple[list[Match], np.ndarray]:
    """Compare one claim with several (wording, vector) at once: a Match for each, and the
    rows of pair features (for `rank_scores`)."""
    key = claim_key(text)
    keys = [claim_key(other) for other, _ in others]
    # Features read the words without links; "same wording" reads the keys as stored.
    bare = claim_key(without_links(text))
    features = pair_features(
        [Pair(bare, claim_key(without_links(other)), vector, v) for other, v in others]
    )
    probabilities = 1.0 / (1.0 + np.exp(-pair_logits(features))) if len(features) else []
    numbers = claim_numbers(key)
    matches = []
    for other_key, row, probability in zip(keys, features, probabilities, strict=True):
        numbers_ok = numbers_agree(numbers, claim_numbers(other_key))
        polarity_ok = polarity_agree(key, other_key)
        if other_key == key:
            matches.append(Match(1.0, SAME, numbers_ok, polarity_ok, ("same wording",)))
            continue
        score = round(float(probability), 4)
        reasons = [
            f"wording overlap {row[_COLUMN['word_dice']]:.2f}",
            f"vector similarity {max(row[_COLUMN['vector_cosine']], 0.0):.2f}",
        ]
        if not numbers_ok:
            reasons.append("numbers differ")
        if not polarity_ok:
            reasons.append("negation differs")
        same_words = row[_COLUMN["contained_least"]] >= SAME_WORDS_AT
        if not same_words:
            reasons.append("worded differently")
        if score >= same_at and numbers_ok and polarity_ok and same_words:
            decision = SAME
        elif score >= suggest_at:
            decision = SUGGEST
        else:
            decision = NONE
        matches.append(Match(score, decision, numbers_ok, polarity_ok, tuple(reasons)))
    return matches, features
