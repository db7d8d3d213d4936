"""Sentence vectors from WordLlama's bundled static token embeddings.

The weights and tokenizer ship inside the `wordllama` package (its authors' own release), so
nothing is downloaded: the model is loaded with `cache_dir` set to the package's folder and
downloads disabled. A vector is the mean of its tokens' embeddings, L2-normalised and stored
as little-endian float16 (512 bytes a claim).
"""

import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

MODEL = "wordllama-l2_supercat-256"
"""Names the vectors' model: vectors made by another model are recomputed, never compared."""
DIMENSIONS = 256
_DTYPE = np.dtype("<f2")
_lock = threading.Lock()


@cache
def _model():
    import wordllama
    from wordllama import WordLlama

    with _lock:
        return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: Sequence[str]) -> list[bytes]:
    """One vector (bytes) for each text, in order."""
    texts = [text if text.strip() else "." for text in texts]
    if not texts:
        return []
    matrix = _model().embed(texts, norm=True)
    return [row.astype(_DTYPE).tobytes() for row in matrix]


def decode(vector: bytes) -> np.ndarray:
    """A stored vector back as float32."""
    return np.frombuffer(vector, dtype=_DTYPE).astype(np.float32)


def cosine(a: bytes, b: bytes) -> float:
    """Cosine similarity of two stored (normalised) vectors."""
    u, v = decode(a), decode(b)
    if u.shape != v.shape:
        raise ValueError(f"Vectors of different sizes: {u.shape[0]} and {v.shape[0]}.")
    return float(np.clip(u @ v, -1.0, 1.0))
