"""Whether a claim is stated or denied: the parity of its negations.

Embeddings place a sentence and its negation closer than two honest paraphrases, so an
automatic match also needs both claims to agree here. Counting cues is crude ("not only",
double negatives) but errs on the safe side: a disagreement only downgrades a match to a
suggestion for an editor.
"""

import re

_CUES = frozenset(
    {
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere",
        "without", "cannot", "cant", "wont", "dont", "doesnt", "didnt", "isnt", "arent",
        "wasnt", "werent", "hasnt", "havent", "hadnt", "wouldnt", "shouldnt", "couldnt",
        "mustnt", "neednt", "aint", "deny", "denies", "denied", "false", "untrue",
    }
)  # fmt: skip
_NOT_A_NEGATION = frozenset({("not", "only"), ("no", "sooner"), ("no", "doubt")})
_WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")


def negations(text: str) -> int:
    """How many negation cues the text holds ("n't" counts as one)."""
    tokens = [token.replace("'", "").replace("\u2019", "") for token in _WORD.findall(text.lower())]
    count = 0
    for index, token in enumerate(tokens):
        if token in _CUES:
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if (token, following) in _NOT_A_NEGATION:
                continue
            count += 1
    return count


def polarity_agree(a: str, b: str) -> bool:
    """Both claims affirm, or both deny (an even or odd number of negations on each side)."""
    return negations(a) % 2 == negations(b) % 2
