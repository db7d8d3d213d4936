"""The normalised wording of a claim: equal keys mean the same claim, worded the same way.

Case, quote marks, whitespace, punctuation and a leading "The" do not change what a claim says;
digits, signs and symbols do. A decimal point between digits is kept ("4.5" is not "45") and a
thousands separator is dropped ("1,500" is "1500"), so no two different numbers share a key.
"""

import re
import unicodedata
from functools import lru_cache

# Apostrophes and periods join ("don't" -> "dont", "U.S." -> "us"); other punctuation separates.
_JOINING = frozenset("'\u2018\u2019\u201b\u02bc\u0060\u00b4.")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_PERCENT = re.compile(r"\s*(%|\bper\s*cent\b)")
_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")
_POINT = "\u2219"  # a placeholder no punctuation rule touches: the decimal point


@lru_cache(maxsize=4096)
def claim_key(text: str) -> str:
    """The claim's wording normalised for exact matching (see the module's docstring).

    Cached: matching one claim keys each of its candidates three times (key, features,
    numbers), and an article's claims share most of their candidates."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _THOUSANDS.sub("", text)
    text = _DECIMAL.sub(_POINT, text)
    text = _PERCENT.sub(" percent", text)
    out = []
    for char in text:
        if char in _JOINING:
            continue
        category = unicodedata.category(char)
        if category[0] == "P" or category[0] == "C" or category == "Zs":
            out.append(" ")
        else:
            out.append(char)
    text = _SPACES.sub(" ", "".join(out)).strip().replace(_POINT, ".")
    return _LEADING_THE.sub("", text)


_LINK = re.compile(r"\b(?:https?://|www\.|pic\.twitter\.com/)\S*", re.IGNORECASE)


def without_links(text: str) -> str:
    """The text without web addresses: a link is no word of a claim (a post quoting a claim
    often carries one), and its pieces would count as words in retrieval and overlap."""
    return _LINK.sub(" ", text)


_WORD = re.compile(r"[^\W_]+(?:\.\d+)?|[^\w\s]", re.UNICODE)


def words(key: str) -> list[str]:
    """The tokens of a key: words and numbers (with their decimals), and single symbols."""
    return _WORD.findall(key)
