"""CSV export of claims: columns, values from the analysis, formula injection neutralised."""

import csv
import io

import pytest
from django.utils import timezone

from provenance.exports.csv import COLUMNS, claims_csv_rows, csv_lines, safe_cell
from tests.factories import AnonymousSourceFactory, AssertionFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("A plain claim = fine", "A plain claim = fine"),
        (3, "3"),
        (True, "true"),
        (None, ""),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


def test_rows_carry_the_analysis(build_chain):
    claim, assertions = build_chain(2)
    assertions[-1].source = AnonymousSourceFactory()
    assertions[-1].source.save()
    assertions[-1].save()
    loop = ClaimFactory(text="=cmd|' /C calc'!A0")
    a, b = AssertionFactory(claim=loop), AssertionFactory(claim=loop)
    a.citations.create(cited=b)
    b.citations.create(cited=a)
    loop.retracted_at = timezone.now()
    loop.save()
    rows = list(claims_csv_rows([claim, loop], url_for=lambda c: f"https://x.example/{c.pk}/"))
    assert rows == [
        list(COLUMNS),
        [str(claim.pk), claim.text, "unverified", "1", "2", "false", "2", "false",
         f"https://x.example/{claim.pk}/"],
        [str(loop.pk), "'=cmd|' /C calc'!A0", "unverified", "0", "1", "true", "2", "true",
         f"https://x.example/{loop.pk}/"],
    ]  # fmt: skip


def test_current_analyses_cost_no_query_and_stale_ones_are_computed(
    build_chain, django_assert_num_queries
):
    from provenance.models import Claim
    from provenance.services.analysis_cache import analyses_refresh

    claims = [build_chain(1)[0] for _ in range(3)]
    # In a test transaction nothing commits, so the caches lag: each claim is analysed (2
    # queries: the traversal, then its rows and edges as one statement; was 3).
    with django_assert_num_queries(6):
        stale = list(claims_csv_rows(claims, url_for=str))
    analyses_refresh(claim_ids=[c.pk for c in claims])
    fresh_claims = list(Claim.objects.filter(pk__in=[c.pk for c in claims]).order_by("-id"))
    with django_assert_num_queries(0):
        fresh = list(claims_csv_rows(fresh_claims, url_for=str))
    assert sorted(fresh) == sorted(stale)


def test_lines_parse_back():
    text = "".join(csv_lines([["id", "claim"], ["1", 'says "hi",\nthen leaves']]))
    assert list(csv.reader(io.StringIO(text))) == [
        ["id", "claim"],
        ["1", 'says "hi",\nthen leaves'],
    ]
