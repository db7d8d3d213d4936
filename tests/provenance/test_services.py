"""Services validate input and answer with exact, per-field messages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from provenance import services
from provenance.models import Assertion, Citation, Claim, Review, Source, SourceAlias
from provenance.services.validation import DuplicateRecord
from tests.factories import (
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def messages(error: ValidationError):
    return error.message_dict if hasattr(error, "error_dict") else error.messages


def test_claim_create_strips_and_starts_unverified(editor):
    claim = services.claim_create(text="  Trust is low.  ", created_by=editor)
    assert (claim.text, claim.status, claim.created_by) == ("Trust is low.", "unverified", editor)


def test_claim_create_refuses_blank_text(editor):
    with pytest.raises(ValidationError) as error:
        services.claim_create(text="   ", created_by=editor)
    assert messages(error.value) == {"text": ["This field cannot be blank."]}
    assert Claim.objects.count() == 0


def test_claim_update_records_history(editor):
    claim = services.claim_create(text="First wording.", created_by=editor)
    services.claim_update(claim=claim, text="Second wording.")
    assert list(claim.history.order_by("history_id").values_list("text", flat=True)) == [
        "First wording.",
        "Second wording.",
    ]


def test_claim_update_refuses_the_verdict():
    with pytest.raises(TypeError, match="Cannot update status through this service."):
        services.claim_update(claim=ClaimFactory(), status="true")


def test_claim_retract_needs_a_reason_and_happens_once():
    claim = ClaimFactory()
    with pytest.raises(ValidationError) as error:
        services.claim_retract(claim=claim, note=" ")
    assert messages(error.value) == {"retraction_note": ["Say why the claim is retracted."]}
    services.claim_retract(claim=claim, note="Wrongly attributed.")
    with pytest.raises(ValidationError) as error:
        services.claim_retract(claim=claim, note="Again.")
    assert messages(error.value) == ["This claim is already retracted."]


def test_source_create_refuses_a_duplicate_named_source():
    axios = services.source_create(name="Axios", kind="outlet")
    with pytest.raises(DuplicateRecord) as error:
        services.source_create(name="the axios", kind="outlet")
    assert messages(error.value) == {
        "__all__": ["A source of this kind with this name already exists."]
    }
    assert error.value.existing == axios


def test_source_create_refuses_an_unknown_kind():
    with pytest.raises(ValidationError) as error:
        services.source_create(name="Someone", kind="celebrity")
    assert messages(error.value) == {"kind": ["Value 'celebrity' is not a valid choice."]}


def test_source_create_refuses_anonymous_fields_on_a_person():
    with pytest.raises(ValidationError) as error:
        services.source_create(name="Jake Sullivan", kind="person", anonymous_count=2)
    assert messages(error.value) == {
        "__all__": [
            "Only anonymous sources have a descriptor, a number of people or a reason for "
            "anonymity."
        ]
    }


def test_source_create_refuses_zero_anonymous_people():
    with pytest.raises(ValidationError) as error:
        services.source_create(name="officials", kind="anonymous", anonymous_count=0)
    assert messages(error.value) == {
        "anonymous_count": ["Ensure this value is greater than or equal to 1."]
    }


def test_source_update_refuses_an_affiliation_loop():
    white_house = services.source_create(name="White House", kind="organization")
    nsc = services.source_create(name="NSC", kind="organization", affiliation=white_house)
    with pytest.raises(ValidationError) as error:
        services.source_update(source=white_house, affiliation=nsc)
    assert messages(error.value) == {"affiliation": ["Affiliations cannot go round in a circle."]}


def test_source_get_or_create_finds_by_name_or_alias():
    axios = services.source_create(name="Axios", kind="outlet", aliases=["Axios Media"])
    assert services.source_get_or_create(name="AXIOS", kind="outlet") == (axios, False)
    assert services.source_get_or_create(name="axios media", kind="outlet") == (axios, False)
    other, created = services.source_get_or_create(name="Axios", kind="person")
    assert created and other != axios


def test_source_alias_add_refuses_a_name_of_another_source():
    services.source_create(name="Reuters", kind="outlet")
    axios = services.source_create(name="Axios", kind="outlet")
    with pytest.raises(ValidationError) as error:
        services.source_alias_add(source=axios, name="Reuters")
    assert messages(error.value) == {"name": ['"Reuters" is already the name of another Outlet.']}
    with pytest.raises(ValidationError) as error:
        services.source_alias_add(source=axios, name="The Axios")
    assert messages(error.value) == {"name": ["The alias is the source's own name."]}


def test_source_merge_repoints_everything_and_keeps_the_names(editor):
    target = services.source_create(name="Associated Press", kind="outlet")
    duplicate = services.source_create(name="AP", kind="outlet", aliases=["A.P."])
    assertion = AssertionFactory(source=duplicate)
    document = DocumentFactory(publisher=duplicate)
    document.authors.add(duplicate)
    reporter = SourceFactory(kind="person", affiliation=duplicate)

    services.source_merge(target=target, duplicates=[duplicate])

    assertion.refresh_from_db()
    document.refresh_from_db()
    reporter.refresh_from_db()
    assert assertion.source == target
    assert document.publisher == target
    assert list(document.authors.all()) == [target]
    assert reporter.affiliation == target
    assert not Source.objects.filter(pk=duplicate.pk).exists()
    assert sorted(SourceAlias.objects.values_list("name", flat=True)) == ["A.P.", "AP"]
    assert assertion.history.count() == 2


def test_source_merge_refuses_two_assertions_that_would_collapse():
    target, duplicate = SourceFactory(), SourceFactory()
    claim = ClaimFactory()
    AssertionFactory(claim=claim, source=target)
    AssertionFactory(claim=claim, source=duplicate)
    with pytest.raises(ValidationError) as error:
        services.source_merge(target=target, duplicates=[duplicate])
    assert messages(error.value) == [
        f"Cannot merge: {target.name} and a duplicate both assert claim #{claim.id} in the same "
        "place. Delete one of the two assertions first."
    ]
    assert Source.objects.filter(pk=duplicate.pk).exists()


def test_source_merge_needs_another_source():
    target = SourceFactory()
    with pytest.raises(ValidationError) as error:
        services.source_merge(target=target, duplicates=[target])
    assert messages(error.value) == ["Choose at least one other source to merge into the target."]


def test_document_create_hashes_the_snapshot_and_sets_authors():
    author = SourceFactory(kind="person", name="Khagan Isayev")
    document = services.document_create(
        title="Trust", url="", snapshot=b"abc", snapshot_type="text/plain", authors=[author]
    )
    assert document.url is None
    assert document.snapshot_sha256.startswith("ba7816bf")
    assert list(document.authors.all()) == [author]


def test_document_create_refuses_a_bad_url():
    with pytest.raises(ValidationError) as error:
        services.document_create(title="Trust", url="not a url")
    assert messages(error.value) == {"url": ["Enter a valid URL."]}


def test_assertion_add_refuses_a_second_assertion_in_the_same_document(editor):
    existing = AssertionFactory(document=DocumentFactory())
    with pytest.raises(ValidationError) as error:
        services.assertion_add(
            claim=existing.claim,
            source=existing.source,
            document=existing.document,
            created_by=editor,
        )
    assert messages(error.value) == {
        "__all__": ["This source already asserts this claim in this document."]
    }
    assert isinstance(error.value, DuplicateRecord)
    assert error.value.existing == existing


def test_assertion_add_refuses_a_direct_quote_without_words(editor):
    with pytest.raises(ValidationError) as error:
        services.assertion_add(
            claim=ClaimFactory(), source=SourceFactory(), quote_kind="direct", created_by=editor
        )
    assert messages(error.value) == {"__all__": ["A direct quote needs its words."]}
    assert Assertion.objects.count() == 0


def test_citation_add_refuses_self_citation(editor):
    assertion = AssertionFactory()
    with pytest.raises(ValidationError) as error:
        services.citation_add(citing=assertion, cited=assertion, created_by=editor)
    assert messages(error.value) == {"cited": ["An assertion cannot cite itself."]}


def test_citation_add_refuses_a_duplicate_edge(editor):
    existing = CitationFactory()
    with pytest.raises(ValidationError) as error:
        services.citation_add(citing=existing.citing, cited=existing.cited, created_by=editor)
    assert messages(error.value) == {"__all__": ["This citation is already recorded."]}
    assert isinstance(error.value, DuplicateRecord)
    assert error.value.existing == existing
    assert Citation.objects.count() == 1


def test_citation_add_refuses_an_unknown_relation(editor):
    with pytest.raises(ValidationError) as error:
        services.citation_add(
            citing=AssertionFactory(),
            cited=AssertionFactory(),
            relation="retweets",
            created_by=editor,
        )
    assert messages(error.value) == {"relation": ["Value 'retweets' is not a valid choice."]}


def test_citation_add_records_a_loop(editor):
    existing = CitationFactory()
    loop = services.citation_add(citing=existing.cited, cited=existing.citing, created_by=editor)
    assert (loop.fidelity, loop.created_by) == ("unchecked", editor)


def test_citation_check_records_who_and_when(editor):
    citation = CitationFactory()
    checked = services.citation_check(
        citation=citation, fidelity="faithful", note="Matches Axios.", checked_by=editor
    )
    assert (checked.fidelity, checked.checked_by, checked.note) == (
        "faithful",
        editor,
        "Matches Axios.",
    )
    assert checked.checked_at is not None
    reset = services.citation_check(citation=citation, fidelity="unchecked", checked_by=editor)
    assert (reset.checked_by, reset.checked_at) == (None, None)


def test_citation_check_refuses_an_unknown_fidelity(editor):
    with pytest.raises(ValidationError) as error:
        services.citation_check(citation=CitationFactory(), fidelity="great", checked_by=editor)
    assert messages(error.value) == {
        "fidelity": [
            '"great" is not a fidelity; choose one of unchecked, faithful, distorted, unsupported.'
        ]
    }


def test_citations_check_records_each_link_in_history(editor):
    citations = [CitationFactory(), CitationFactory()]
    assert (
        services.citations_check(citations=citations, fidelity="faithful", checked_by=editor) == 2
    )
    for citation in citations:
        assert citation.history.count() == 2


def test_an_editor_cannot_record_a_verdict(editor):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied, match="Only reviewers can record a verdict."):
        services.review_record(
            claim=claim, verdict="true", rationale="Looks right.", reviewer=editor
        )
    assert Review.objects.count() == 0


def test_a_reviewer_records_verdicts_and_the_newest_wins(reviewer):
    claim = ClaimFactory()
    services.review_record(
        claim=claim, verdict="in_review", rationale="Checking.", reviewer=reviewer
    )
    services.review_record(
        claim=claim, verdict="false", rationale="Denied.", evidence="Statement.", reviewer=reviewer
    )
    claim.refresh_from_db()
    assert claim.status == "false"
    assert list(claim.reviews.values_list("verdict", flat=True)) == ["false", "in_review"]


def test_review_record_needs_a_rationale_and_a_known_verdict(reviewer):
    with pytest.raises(ValidationError) as error:
        services.review_record(
            claim=ClaimFactory(), verdict="plausible", rationale=" ", reviewer=reviewer
        )
    assert messages(error.value) == {
        "verdict": ["Value 'plausible' is not a valid choice."],
        "rationale": ["This field cannot be blank."],
    }
