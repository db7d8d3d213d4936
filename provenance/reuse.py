"""Undisclosed copying: how much of one text is another's. Pure: text in, numbers out.

A text is cut into shingles (every run of SHINGLE_WORDS consecutive words, lower case, without
punctuation). Its MinHash signature (datasketch) estimates the Jaccard similarity of two shingle
sets; the signature is cut into BANDS bands of ROWS values, and two texts sharing any band's
value are candidates (locality-sensitive hashing: with 32 bands of 4 rows, a pair whose Jaccard
similarity is 0.5 is found 87% of the time, 0.6 99%, 0.3 23%). The database keeps each
document's band values under an index, so a new article finds its candidates without reading
every document; each candidate is then measured exactly (`overlap`).

`overlap(copy, original)` is the share of the copy's shingles found in the original: a copy that
takes the original whole and adds a paragraph of its own still overlaps almost fully, while
their Jaccard similarity would fall with every added word.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SHINGLE_WORDS = 5
BANDS = 32
ROWS = 4
PERMUTATIONS = BANDS * ROWS
SEED = 1
SCHEME = "affine32"
"""Seed and permutation scheme are fixed: stored band values must stay comparable across
processes, runs and datasketch releases (its default scheme changed in 2.0)."""
MIN_SHINGLES = 20
"""Texts shorter than this (about 25 words) are not compared: a shared sentence or two is
quoting, not copying."""

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    """The text's word shingles, case and punctuation ignored."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


@lru_cache(maxsize=1)
def _permutations():
    # Drawing datasketch's permutations costs more than hashing a whole article: draw once.
    return MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


def signature(shingle_set: set[bytes]) -> np.ndarray:
    """The MinHash signature (PERMUTATIONS unsigned 32-bit values) of a shingle set."""
    sketch = MinHash(num_perm=PERMUTATIONS, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    sketch.update_batch(list(shingle_set))
    return sketch.hashvalues


def bands(sig: np.ndarray) -> list[int]:
    """The signature's BANDS band values, each a signed 64-bit number (a database bigint)."""
    values = []
    for band in range(BANDS):
        chunk = np.ascontiguousarray(sig[band * ROWS : (band + 1) * ROWS], dtype="<u4")
        digest = hashlib.blake2b(chunk.tobytes(), digest_size=8, person=b"reuse-band").digest()
        values.append(int.from_bytes(digest, "little", signed=True))
    return values


def fingerprint(text: str) -> list[int] | None:
    """The band values of a text, or None when it is too short to compare."""
    shingle_set = shingles(text)
    if len(shingle_set) < MIN_SHINGLES:
        return None
    return bands(signature(shingle_set))


def overlap(copy: set[bytes], original: set[bytes]) -> float:
    """Share of the copy's shingles that the original holds, 0 to 1."""
    if not copy:
        return 0.0
    return len(copy & original) / len(copy)
