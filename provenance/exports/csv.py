"""CSV export of claims: verdict, independent origins and chain depth, one row per claim.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, or a tab or carriage
return that hides one) get a leading apostrophe: a claim's wording comes from the outside world
and must not become `=HYPERLINK(...)` in an editor's spreadsheet (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from provenance.analysis import Analysis, analyze
from provenance.models import Claim
from provenance.selectors import claim_provenance

COLUMNS = (
    "id",
    "claim",
    "status",
    "independent_origins",
    "depth",
    "circular",
    "unchecked_links",
    "retracted",
    "url",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell as text, neutralised when a spreadsheet would read it as a formula."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def claim_row(claim: Claim, analysis: Analysis, url: str) -> list[str]:
    """One claim's row, in COLUMNS order."""
    values = (
        claim.pk,
        claim.text,
        claim.status,
        analysis.independent_origins,
        analysis.depth,
        analysis.circular,
        analysis.unchecked_links,
        claim.retracted_at is not None,
        url,
    )
    return [safe_cell(value) for value in values]


def claims_csv_rows(claims: Iterable[Claim], *, url_for: Callable[[Claim], str]) -> Iterator[list]:
    """The header, then a row per claim with its provenance analysis.

    Two queries per claim (the provenance selector); the one place to switch to stored analysis
    columns when claims carry them.
    """
    yield list(COLUMNS)
    for claim in claims:
        analysis = analyze(claim_provenance(claim_id=claim.pk))
        yield claim_row(claim, analysis, url_for(claim))


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """Each row as one CSV line (for streaming responses)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
