"""How alike two claims are, and whether that makes them the same claim.

The score mixes the wording's overlap with the similarity of the claims' vectors. "same" also
needs the claims' own numbers and polarity to agree: embeddings rate "4 percent" against
"40 percent", or a sentence against its negation, above a true paraphrase, so a match that
changes a number or a negation is at most a suggestion for an editor.
"""

from dataclasses import dataclass

from provenance.matching.keys import claim_key, words
from provenance.matching.numbers import claim_numbers, numbers_agree
from provenance.matching.polarity import polarity_agree
from provenance.matching.vectors import cosine, embed

SUGGEST_AT = 0.55
"""Default score from which a pair is suggested (settings.PROVENANCE_MATCH_SUGGEST_AT)."""
SAME_AT = 0.9
"""Default score from which a pair is the same claim (settings.PROVENANCE_MATCH_SAME_AT)."""

SAME, SUGGEST, NONE = "same", "suggest", "none"


@dataclass(frozen=True, slots=True)
class Match:
    """The verdict on a pair of claims: a score in 0..1 and what it means."""

    score: float
    decision: str
    numbers_agree: bool
    polarity_agree: bool
    reasons: tuple[str, ...]


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
    key_a, key_b = claim_key(a), claim_key(b)
    numbers = numbers_agree(claim_numbers(key_a), claim_numbers(key_b))
    polarity = polarity_agree(key_a, key_b)
    if key_a == key_b:
        return Match(1.0, SAME, numbers, polarity, ("same wording",))
    if a_vector is None or b_vector is None:
        computed = embed([x for x, v in ((a, a_vector), (b, b_vector)) if v is None])
        a_vector = a_vector if a_vector is not None else computed.pop(0)
        b_vector = b_vector if b_vector is not None else computed.pop(0)
    lexical = _overlap(words(key_a), words(key_b))
    semantic = max(cosine(a_vector, b_vector), 0.0)
    score = round(0.5 * lexical + 0.5 * semantic, 4)
    reasons = [f"wording overlap {lexical:.2f}", f"vector similarity {semantic:.2f}"]
    if not numbers:
        reasons.append("numbers differ")
    if not polarity:
        reasons.append("negation differs")
    if score >= same_at and numbers and polarity:
        decision = SAME
    elif score >= suggest_at:
        decision = SUGGEST
    else:
        decision = NONE
    return Match(score, decision, numbers, polarity, tuple(reasons))


def _overlap(a: list[str], b: list[str]) -> float:
    """Dice coefficient of the two token sets."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))
