"""The database itself refuses bad rows, whatever path writes them (no model validation here)."""

import pytest
from django.db import IntegrityError, transaction

from provenance.models import Assertion, Citation, Claim, Document, Review, Source, SourceAlias
from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_an_assertion_cannot_cite_itself():
    assertion = AssertionFactory()
    refused(lambda: Citation.objects.create(citing=assertion, cited=assertion))


def test_one_edge_per_pair_and_relation():
    citation = CitationFactory()
    refused(lambda: Citation.objects.create(citing=citation.citing, cited=citation.cited))
    Citation.objects.create(citing=citation.citing, cited=citation.cited, relation="quotes")
    assert Citation.objects.count() == 2


def test_a_loop_between_two_assertions_can_be_recorded():
    citation = CitationFactory()
    Citation.objects.create(citing=citation.cited, cited=citation.citing)
    assert Citation.objects.count() == 2


@pytest.mark.parametrize(
    ("field", "value"), [("relation", "retweets"), ("fidelity", "probably"), ("relation", "")]
)
def test_citation_choices(field, value):
    citing, cited = AssertionFactory(), AssertionFactory()
    refused(lambda: Citation.objects.create(citing=citing, cited=cited, **{field: value}))


def test_a_checked_link_has_a_check_time_and_an_unchecked_one_has_none():
    from django.utils import timezone

    citing, cited = AssertionFactory(), AssertionFactory()
    refused(lambda: Citation.objects.create(citing=citing, cited=cited, fidelity="faithful"))
    refused(
        lambda: Citation.objects.create(
            citing=citing, cited=cited, fidelity="unchecked", checked_at=timezone.now()
        )
    )


def test_source_kind_must_be_known():
    refused(lambda: Source.objects.create(name="Someone", kind="celebrity"))


def test_only_anonymous_sources_have_anonymous_fields():
    refused(lambda: Source.objects.create(name="Axios", kind="outlet", anonymous_count=4))
    refused(lambda: Source.objects.create(name="Axios", kind="outlet", descriptor="officials"))
    Source.objects.create(
        name="four US officials", kind="anonymous", descriptor="US officials", anonymous_count=4
    )


def test_anonymous_count_is_at_least_one():
    refused(lambda: Source.objects.create(name="officials", kind="anonymous", anonymous_count=0))


def test_a_source_is_not_its_own_affiliation():
    source = SourceFactory(kind="organization")
    source.affiliation_id = source.id
    refused(lambda: source.save())


def test_named_sources_are_unique_by_normalised_name_and_kind():
    SourceFactory(name="The Axios", kind="outlet")
    refused(lambda: Source.objects.create(name="axios", kind="outlet"))
    Source.objects.create(name="Axios", kind="person")


def test_anonymous_descriptors_may_repeat():
    Source.objects.create(name="US officials", kind="anonymous", descriptor="US officials")
    Source.objects.create(name="US officials", kind="anonymous", descriptor="US officials")
    assert Source.objects.count() == 2


def test_an_alias_names_one_source():
    SourceAlias.objects.create(source=SourceFactory(), name="AP")
    refused(lambda: SourceAlias.objects.create(source=SourceFactory(), name="ap"))


def test_a_source_asserts_a_claim_once_per_document():
    assertion = AssertionFactory(document=DocumentFactory())
    refused(
        lambda: Assertion.objects.create(
            claim=assertion.claim, source=assertion.source, document=assertion.document
        )
    )
    Assertion.objects.create(claim=assertion.claim, source=assertion.source)
    refused(lambda: Assertion.objects.create(claim=assertion.claim, source=assertion.source))


def test_a_direct_quote_has_words():
    claim, source = ClaimFactory(), SourceFactory()
    refused(lambda: Assertion.objects.create(claim=claim, source=source, quote_kind="direct"))
    refused(lambda: Assertion.objects.create(claim=claim, source=source, quote_kind="rumour"))


def test_a_selector_prefix_needs_its_exact_text():
    claim, source = ClaimFactory(), SourceFactory()
    refused(lambda: Assertion.objects.create(claim=claim, source=source, selector_prefix="said "))


def test_one_document_per_url_and_per_snapshot():
    DocumentFactory(url="https://news.example/a", snapshot=b"<html>same</html>")
    refused(lambda: Document.objects.create(title="again", url="https://news.example/a"))
    refused(lambda: Document.objects.create(title="copy", snapshot=b"<html>same</html>"))
    Document.objects.create(title="no url 1")
    Document.objects.create(title="no url 2", url="")
    assert Document.objects.filter(url__isnull=True).count() == 2


def test_document_status_must_be_known():
    refused(lambda: Document.objects.create(title="x", status="deleted"))


def test_claims_and_reviews_need_words_and_known_verdicts():
    refused(lambda: Claim.objects.create(text=""))
    refused(lambda: Claim.objects.create(text="x", status="plausible"))
    claim, user = ClaimFactory(), UserFactory()
    refused(lambda: Review.objects.create(claim=claim, verdict="true", rationale="", reviewer=user))
    refused(lambda: Review.objects.create(claim=claim, verdict="yes", rationale="r", reviewer=user))


def test_the_snapshot_hash_follows_the_snapshot():
    document = DocumentFactory(snapshot=b"abc")
    assert document.snapshot_sha256 == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    document.snapshot = b""
    document.save()
    assert document.snapshot_sha256 == ""


def test_reviews_are_append_only():
    review = Review.objects.create(
        claim=ClaimFactory(), verdict="true", rationale="r", reviewer=UserFactory()
    )
    review.verdict = "false"
    with pytest.raises(ValueError, match="Reviews are append-only: record a new review instead."):
        review.save()
