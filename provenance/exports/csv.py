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


def claim_row(claim: Claim, figures: tuple[int, int, bool, int], url: str) -> list[str]:
    """One claim's row, in COLUMNS order; `figures` are (origins, depth, circular, unchecked)."""
    origins, depth, circular, unchecked = figures
    values = (
        claim.pk,
        claim.text,
        claim.status,
        origins,
        depth,
        circular,
        unchecked,
        claim.retracted_at is not None,
        url,
    )
    return [safe_cell(value) for value in values]


def _figures(claim: Claim) -> tuple[int, int, bool, int]:
    """The claim's cached analysis when it is current; otherwise computed now (3 queries)."""
    if claim.analysed_at is not None and claim.analysis_version == claim.graph_version:
        return (claim.independent_origins, claim.chain_depth, claim.circular, claim.unchecked_links)
    analysis: Analysis = analyze(claim_provenance(claim_id=claim.pk))
    return (
        analysis.independent_origins,
        analysis.depth,
        analysis.circular,
        analysis.unchecked_links,
    )


def claims_csv_rows(claims: Iterable[Claim], *, url_for: Callable[[Claim], str]) -> Iterator[list]:
    """The header, then a row per claim with its provenance analysis.

    No query per claim while the cached analysis is current (the usual case: it is refreshed
    when a change commits); a claim whose cache lags is analysed on the spot.
    """
    yield list(COLUMNS)
    for claim in claims:
        yield claim_row(claim, _figures(claim), url_for(claim))


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """Each row as one CSV line (for streaming responses)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
