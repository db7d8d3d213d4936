"""How source names are compared: the one rule shared by de-duplication, ingestion and scoring.

Two names denote the same source when they match case-insensitively, ignoring surrounding and
repeated white space, typographic apostrophes and a leading article ("a", "an", "the").
"""

import re
import unicodedata

_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Return the comparison key of a source name: "The  Harbor Gazette" -> "harbor gazette"."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").strip()
    text = _SPACE.sub(" ", text)
    text = _ARTICLE.sub("", text)
    return text.casefold()
