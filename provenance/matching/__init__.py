"""Claim matching: which recorded claims state the same fact. Pure: text in, plain data out.

- `claim_key(text)`: the normalised wording; equal keys are the same claim.
- `compare(a, b, a_vector=..., b_vector=...)`: a `Match` (score 0..1, decision "same",
  "suggest" or "none", whether numbers and polarity agree, reasons in words).
- `embed(texts)`: the vectors `compare` reads, stored once per claim.

The database side (stored keys and vectors, candidate retrieval) is
`provenance.selectors_matching` and `provenance.services.claim_vectors`.
"""

from provenance.matching.keys import claim_key
from provenance.matching.numbers import claim_numbers, numbers_agree
from provenance.matching.polarity import negations, polarity_agree
from provenance.matching.scoring import NONE, SAME, SAME_AT, SUGGEST, SUGGEST_AT, Match, compare
from provenance.matching.vectors import MODEL, cosine, embed

__all__ = [
    "MODEL",
    "NONE",
    "SAME",
    "SAME_AT",
    "SUGGEST",
    "SUGGEST_AT",
    "Match",
    "claim_key",
    "claim_numbers",
    "compare",
    "cosine",
    "embed",
    "negations",
    "numbers_agree",
    "polarity_agree",
]
