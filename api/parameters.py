"""Whole numbers read from query strings, paths and headers, checked before int() sees them.

`str.isdigit()` accepts "²", which int() refuses, and int() refuses more than 4,300 digits;
SQLite cannot compare a column with an int beyond 64 bits. Each of these was a 500.
"""

# The largest id a 64-bit primary key holds; beyond it nothing can match.
MAX_ID = 2**63 - 1


def whole_number(raw: str | None, *, floor: int = 0, ceiling: int = MAX_ID) -> int | None:
    """`raw` as an int when it is ASCII digits from `floor` to `ceiling`, else None."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > len(str(ceiling)):
        return None
    value = int(raw)
    return value if floor <= value <= ceiling else None
