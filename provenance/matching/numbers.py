"""The numbers a claim states, in digits or in words, as comparable values.

"4 percent" and "four per cent" state the same number; "4 percent" and "40 percent" do not.
Scales apply ("1.5 million" and "1,500,000" are one value), so the same quantity matches
however it is written.
"""

import re
from decimal import Decimal
from functools import lru_cache

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Written straight after the digits only ("5m", "3bn", "20k"): "5 m" is five metres.
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
_TOKEN = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)([a-z]+)?|([a-z]+)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def claim_numbers(text: str) -> tuple[Decimal, ...]:
    """The distinct numeric values stated in `text`, sorted (cached, as `claim_key`: the
    matcher reads each candidate's numbers twice for every claim it is compared with)."""
    values: set[Decimal] = set()
    current: Decimal | None = None
    for match in _TOKEN.finditer(text):
        digits, suffix, word = match.groups()
        if digits is not None:
            if current is not None:
                values.add(current)
            current = Decimal(digits.replace(",", ""))
            scale = _SUFFIXES.get((suffix or "").lower()) or _SCALES.get((suffix or "").lower())
            if scale:
                current *= scale
            continue
        word = word.lower()
        if word in _UNITS:
            value = Decimal(_UNITS[word])
            if current is not None and 20 <= current <= 90 and current % 10 == 0 and value < 10:
                current += value  # "twenty four"
                continue
            if current is not None:
                values.add(current)
            current = value
        elif word in _SCALES:
            current = (current if current is not None else Decimal(1)) * _SCALES[word]
        elif current is not None:
            values.add(current)
            current = None
    if current is not None:
        values.add(current)
    return tuple(sorted(values))


def numbers_agree(a: tuple[Decimal, ...], b: tuple[Decimal, ...]) -> bool:
    """Both claims state the same numbers (or neither states any)."""
    return set(a) == set(b)
