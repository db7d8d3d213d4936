"""Importing ClaimReview feeds: parsing (pure), the service (idempotent), the command."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from provenance.claimreview_feed import FeedError, FeedItem, feed_items
from provenance.models import Assertion, Claim, Document, Review, Source
from provenance.services.claimreview_import import IMPORTER_USERNAME

CHEESE = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example/reviews/cheese",
    "claimReviewed": "The moon is  made of cheese.",
    "datePublished": "2026-03-01",
    "author": {"@type": "Organization", "name": "Fact Desk", "url": "https://factcheck.example/"},
    "reviewBody": "Lunar samples are rock.",
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Pants on Fire",
    },
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Dairy Dan"},
        "datePublished": "2026-02-20T10:00:00Z",
        "appearance": [
            {
                "@type": "CreativeWork",
                "url": "https://blog.example/cheese",
                "headline": "The cheese moon",
                "author": {"@type": "NewsMediaOrganization", "name": "Cheese Blog"},
            },
            "https://social.example/p/2",
        ],
        "firstAppearance": "https://social.example/p/2",
    },
}


def item(**changes) -> dict:
    return {**CHEESE, **changes}


# Parsing (no database) -------------------------------------------------------------------------


def test_a_full_item():
    (parsed,) = feed_items(CHEESE)
    assert isinstance(parsed, FeedItem)
    assert (parsed.claim_text, parsed.verdict, parsed.rating_name) == (
        "The moon is made of cheese.",
        "false",
        "Pants on Fire",
    )
    assert parsed.reviewed_at == datetime(2026, 3, 1, tzinfo=UTC)
    assert parsed.claim_date == datetime(2026, 2, 20, 10, tzinfo=UTC)
    assert (parsed.reviewer.name, parsed.reviewer.type) == ("Fact Desk", "Organization")
    assert (parsed.claim_author.name, parsed.claim_author.type) == ("Dairy Dan", "Person")
    assert [(a.url, a.title) for a in parsed.appearances] == [
        ("https://blog.example/cheese", "The cheese moon"),
        ("https://social.example/p/2", ""),
    ]


def test_feed_shapes():
    assert len(feed_items([CHEESE, CHEESE])) == 2
    assert len(feed_items({"@context": "https://schema.org", "@graph": [CHEESE]})) == 1
    assert feed_items("nonsense") == [
        FeedError(0, "the feed is neither a ClaimReview, a list nor a @graph")
    ]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("text", "not a JSON object but str"),
        ({"@type": "Article"}, "not a ClaimReview but Article"),
        (item(claimReviewed="  "), "no claimReviewed (the claim's wording)"),
        (item(reviewRating=None), "no reviewRating"),
        (item(datePublished="last week"), "datePublished 'last week' is not an ISO 8601 date"),
        (item(datePublished="2026-02-30"), "datePublished '2026-02-30' is not an ISO 8601 date"),
        (item(reviewRating={"alternateName": "Sort of"}), "unknown rating 'Sort of'"),
        (item(reviewRating={}), "no rating name or value"),
        (item(reviewRating={"ratingValue": "high"}), "ratingValue 'high' is not a number"),
        (item(reviewRating={"ratingValue": 7}), "ratingValue 7 is not between 1 and 5"),
    ],
)
def test_bad_items_are_explained(raw, reason):
    assert feed_items([CHEESE, raw]) == [feed_items(CHEESE)[0], FeedError(1, reason)]


@pytest.mark.parametrize(
    ("rating", "verdict"),
    [
        ({"alternateName": "Half-True"}, "mixed"),
        ({"alternateName": "MISSING CONTEXT"}, "misleading"),
        ({"alternateName": "Mostly true"}, "mostly_true"),
        ({"alternateName": "Unverifiable"}, "unverifiable"),
        # A name that is not a known verdict word: the number decides.
        ({"alternateName": "Spicy", "ratingValue": 5}, "true"),
        ({"ratingValue": 3}, "mixed"),
        ({"ratingValue": "0", "worstRating": "0", "bestRating": "10"}, "false"),
        ({"ratingValue": 9, "worstRating": 0, "bestRating": 10}, "true"),
        ({"ratingValue": 7, "worstRating": 0, "bestRating": 10}, "mostly_true"),
        ({"ratingValue": 2, "worstRating": 1, "bestRating": 7}, "mostly_false"),
    ],
)
def test_rating_mapping(rating, verdict):
    (parsed,) = feed_items(item(reviewRating=rating))
    assert parsed.verdict == verdict


# Writing -----------------------------------------------------------------------------------------


@pytest.fixture
def feed(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(
        json.dumps(
            {
                "@graph": [
                    CHEESE,
                    "not an object",
                    item(claimReviewed=""),
                    item(claimReviewed="Water is wet.", url="https://factcheck.example/wet",
                         reviewRating={"ratingValue": 5}, itemReviewed={}),
                    item(datePublished="yesterday"),
                ]
            }
        )
    )  # fmt: skip
    return path


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_claimreview", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Claim, Source, Document, Assertion, Review))


@pytest.mark.django_db
def test_import_creates_the_records_and_reports_bad_items(feed):
    out, err = run(feed)
    assert out == (
        "5 item(s): 2 imported, 0 already there, 3 skipped. "
        "Created: 2 assertions, 2 claims, 2 documents, 2 reviews, 3 sources.\n"
    )
    assert err.splitlines() == [
        f"skipped {feed} item 1: not a JSON object but str",
        f"skipped {feed} item 2: no claimReviewed (the claim's wording)",
        f"skipped {feed} item 4: datePublished 'yesterday' is not an ISO 8601 date",
    ]
    claim = Claim.objects.get(text="The moon is made of cheese.")
    assert claim.status == "false"
    review = claim.reviews.get()
    assert review.reviewer.username == IMPORTER_USERNAME
    assert review.rationale == "Lunar samples are rock."
    assert review.evidence == (
        "ClaimReview by Fact Desk, 2026-03-01: “Pants on Fire” — "
        "https://factcheck.example/reviews/cheese"
    )
    assertions = {
        (a.source.name, a.source.kind, a.document.url)
        for a in claim.assertions.select_related("source", "document")
    }
    assert assertions == {
        ("Cheese Blog", "outlet", "https://blog.example/cheese"),
        ("Dairy Dan", "person", "https://social.example/p/2"),
    }
    assert Source.objects.get(name="Fact Desk").kind == "organization"
    assert Claim.objects.get(text="Water is wet.").status == "true"


@pytest.mark.django_db
def test_imported_claims_are_drafts_unless_published(feed):
    run(feed)
    assert set(Claim.objects.values_list("published_at", flat=True)) == {None}
    Claim.objects.all().delete()
    run(feed, "--publish")
    published = Claim.objects.values_list("published_at", "published_by__username")
    assert len(published) == 2
    assert all(when is not None and who == IMPORTER_USERNAME for when, who in published)


@pytest.mark.django_db
def test_a_second_import_changes_nothing(feed):
    run(feed)
    before = counts()
    out, _ = run(feed)
    assert out.startswith("5 item(s): 0 imported, 2 already there, 3 skipped. Created: nothing.")
    assert counts() == before


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(feed):
    before = counts()
    out, _ = run(feed, "--dry-run")
    assert out.endswith(
        "Would create: 2 assertions, 2 claims, 2 documents, 2 reviews, 3 sources. "
        "Dry run: nothing was written.\n"
    )
    assert counts() == before


@pytest.mark.django_db
def test_an_item_the_database_refuses_writes_nothing(tmp_path):
    path = tmp_path / "feed.json"
    # A reviewer name longer than a source name may be: refused after the claim was created.
    path.write_text(json.dumps([item(author={"@type": "Organization", "name": "x" * 400})]))
    out, err = run(path)
    assert out.startswith("1 item(s): 0 imported, 0 already there, 1 skipped.")
    assert "item 0: Ensure this value has at most 300 characters (it has 400)." in err
    assert Claim.objects.count() == 0


@pytest.mark.django_db
def test_unreadable_feeds(tmp_path, feed):
    missing = tmp_path / "missing.json"
    with pytest.raises(CommandError, match=r"missing\.json: cannot read it \(No such file"):
        run(missing)
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(CommandError, match=r"broken\.json: not JSON \(Expecting"):
        run(broken)
    # One unreadable feed among readable ones is reported, not fatal.
    out, err = run(broken, feed)
    assert "broken.json: not JSON" in err
    assert out.startswith("5 item(s): 2 imported")
    with pytest.raises(CommandError, match="No feed could be read"):
        run(broken, missing)
