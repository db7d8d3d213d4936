"""chain_record: a claim and its hops in one transaction, found or created, all or nothing."""

import sys
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from provenance.analysis import analyze
from provenance.models import Assertion, Citation, Claim, Document, Source, SourceAlias
from provenance.selectors import claim_provenance
from provenance.services import DocumentSpec, Hop, SourceSpec, chain_record
from provenance.services.validation import DuplicateRecord
from tests.factories import (
    AnonymousSourceFactory,
    AssertionFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

MODULE = sys.modules["provenance.services.chain_record"]
CLAIM = "US officials distrust what the Israeli government says about its plans."


def founding_hops(url: str | None = None) -> list[Hop]:
    return [
        Hop(
            source=SourceSpec("Caliber.Az", "outlet"),
            document=DocumentSpec(
                url=url,
                title="Axios: US losing trust in Israel",
                publisher=SourceSpec("Caliber.Az", "outlet"),
            ),
            quote="The Biden administration has become increasingly distrustful, four US "
            "officials said.",
            quote_kind="summary",
            relation="cites",
            evidence="Caliber.Az, citing Axios, reports.",
        ),
        Hop(source=SourceSpec("Axios", "outlet"), relation="paraphrases"),
        Hop(
            source=SourceSpec(
                "four US officials", "anonymous", descriptor="US officials", anonymous_count=4
            )
        ),
    ]


def row_counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Claim, Source, Document, Assertion, Citation))


def test_records_the_founding_chain_from_nothing(editor):
    result = chain_record(claim=CLAIM, hops=founding_hops(), created_by=editor)

    claim = result.claim
    assert (claim.text, claim.created_by, result.claim_created) == (CLAIM, editor, True)
    assert [a.source.name for a in result.assertions] == [
        "Caliber.Az",
        "Axios",
        "four US officials",
    ]
    caliber, axios, officials = result.assertions
    assert (caliber.quote_kind, caliber.document.title, caliber.document.publisher) == (
        "summary",
        "Axios: US losing trust in Israel",
        caliber.source,
    )
    assert (axios.document, officials.document) == (None, None)
    assert officials.source.descriptor == "US officials"
    assert officials.source.anonymous_count == 4
    assert [(c.citing, c.cited, c.relation, c.evidence) for c in result.citations] == [
        (caliber, axios, "cites", "Caliber.Az, citing Axios, reports."),
        (axios, officials, "paraphrases", ""),
    ]
    assert {c.created_by for c in result.citations} == {editor}
    # Caliber.Az is the first hop's source and its document's publisher: one source.
    assert result.created.counts() == {
        "claims": 1,
        "sources": 3,
        "documents": 1,
        "assertions": 3,
        "citations": 2,
    }
    assert result.reused.counts() == dict.fromkeys(result.reused.counts(), 0)
    assert row_counts() == (1, 3, 1, 3, 2)

    analysis = analyze(claim_provenance(claim_id=claim.pk))
    assert (analysis.origins, analysis.depth, analysis.independent_origins) == (
        (officials.pk,),
        2,
        1,
    )


def test_a_second_recording_reuses_every_record(editor):
    url = "https://caliber.example/trust"
    first = chain_record(claim=CLAIM, hops=founding_hops(url), created_by=editor)
    counts = row_counts()

    again = chain_record(claim=first.claim, hops=founding_hops(url), created_by=editor)

    assert row_counts() == counts
    assert again.created.counts() == dict.fromkeys(again.created.counts(), 0)
    assert again.reused.counts() == {
        "claims": 1,
        "sources": 3,
        "documents": 1,
        "assertions": 3,
        "citations": 2,
    }
    assert (again.assertions, again.citations) == (first.assertions, first.citations)


def test_a_document_without_a_url_cannot_be_recognised_so_it_is_new_each_time(editor):
    first = chain_record(claim=CLAIM, hops=founding_hops(), created_by=editor)
    again = chain_record(claim=first.claim, hops=founding_hops(), created_by=editor)

    assert again.created.counts() == {
        "claims": 0,
        "sources": 0,
        "documents": 1,
        "assertions": 1,
        "citations": 1,
    }
    assert again.assertions[1:] == first.assertions[1:]
    assert again.assertions[0].document != first.assertions[0].document


def test_sources_are_found_by_alias_and_documents_by_url(editor):
    axios = SourceFactory(name="Axios Media", kind="outlet")
    SourceAlias.objects.create(source=axios, name="Axios")
    report = DocumentFactory(url="https://axios.example/trust", title="Trust", publisher=axios)
    claim = ClaimFactory(text=CLAIM)

    result = chain_record(
        claim=claim,
        hops=[
            Hop(
                source=SourceSpec("the axios", "outlet"),
                document=DocumentSpec(
                    url="https://axios.example/trust", title="Another title, ignored"
                ),
            ),
        ],
        created_by=editor,
    )

    (assertion,) = result.assertions
    assert (assertion.source, assertion.document) == (axios, report)
    assert report.title == Document.objects.get().title == "Trust"
    assert result.created.counts() == {
        "claims": 0,
        "sources": 0,
        "documents": 0,
        "assertions": 1,
        "citations": 0,
    }
    assert result.reused.sources == (axios,)
    assert result.reused.documents == (report,)


def test_an_existing_assertion_is_reused_with_its_own_quote(editor):
    claim = ClaimFactory(text=CLAIM)
    outlet = SourceFactory(name="Harbor Gazette")
    existing = AssertionFactory(claim=claim, source=outlet, quote="Old words.")

    result = chain_record(
        claim=claim,
        hops=[Hop(source=outlet, quote="New words.", quote_kind="paraphrase")],
        created_by=editor,
    )

    assert result.assertions == (existing,)
    assert Assertion.objects.get().quote == "Old words."
    assert result.reused.assertions == (existing,)


def test_anonymous_sources_are_reused_only_when_their_description_agrees(editor):
    same = AnonymousSourceFactory(name="officials", descriptor="US officials", anonymous_count=2)
    israeli = AnonymousSourceFactory(name="two officials", descriptor="Israeli officials")

    def record(last_name):
        return chain_record(
            claim=CLAIM,
            hops=[
                Hop(source=SourceSpec("Valley Courier", "outlet"), relation="quotes"),
                Hop(
                    source=SourceSpec("officials", "anonymous", descriptor="us officials"),
                    relation="cites",
                ),
                Hop(source=SourceSpec(last_name, "anonymous", descriptor="US officials")),
            ],
            created_by=editor,
        )

    # Other people under a name already recorded: refused with a link to the record, as the
    # admin refuses it (a name that tells them apart is asked for), and nothing is written.
    with pytest.raises(DuplicateRecord) as refused:
        record("two officials")
    assert refused.value.existing == israeli
    assert refused.value.message_dict == {
        "hops[2].source.name": [
            "Already recorded: two officials (Anonymous source). Use it, or merge the two; if "
            "these are different people, give a name that tells them apart."
        ]
    }
    assert not Claim.objects.exists()

    result = record("two US officials")
    courier, officials, new = (a.source for a in result.assertions)
    assert officials == same
    assert (new.name, new.descriptor) == ("two US officials", "US officials")
    assert new.pk not in {same.pk, israeli.pk} and new in result.created.sources


def test_a_loop_is_recorded_and_flagged(editor):
    result = chain_record(
        claim="The mayor will resign next month.",
        hops=[
            Hop(source=SourceSpec("Valley Courier", "outlet"), relation="cites"),
            Hop(source=SourceSpec("Eastside Daily", "outlet"), relation="cites"),
            Hop(source=SourceSpec("valley courier", "outlet")),
        ],
        created_by=editor,
    )

    courier, eastside, courier_again = result.assertions
    assert courier == courier_again
    assert [(c.citing, c.cited) for c in result.citations] == [
        (courier, eastside),
        (eastside, courier),
    ]
    assert result.created.counts()["assertions"] == 2
    analysis = analyze(claim_provenance(claim_id=result.claim.pk))
    assert (analysis.circular, analysis.independent_origins) == (True, 0)


def test_every_problem_is_reported_at_once_and_nothing_is_written(editor):
    hops = [
        Hop(
            source=SourceSpec("Caliber.Az", "newspaper"),
            document=DocumentSpec(url="not a url", title="T"),
            quote_kind="direct",
        ),
        Hop(
            source=SourceSpec("Axios", "outlet", descriptor="US officials"),
            relation="relays",
        ),
        Hop(source=SourceSpec(" ", "person"), relation="cites", evidence="Said so."),
    ]
    with pytest.raises(ValidationError) as error:
        chain_record(claim="  ", hops=hops, created_by=editor)

    assert error.value.message_dict == {
        "hops[0].source.kind": [
            '"newspaper" is not a kind of source; choose one of outlet, person, organization, '
            "anonymous, document."
        ],
        "hops[0].quote": ["A direct quote needs its words."],
        "hops[1].source": [
            "Only anonymous sources have a descriptor, a number of people or a reason for "
            "anonymity."
        ],
        "hops[1].relation": [
            '"relays" is not a relation; choose one of cites, quotes, paraphrases, links_to, '
            "translates, confirms, denies, reuses."
        ],
        "hops[2].source.name": ["This field cannot be blank."],
        "hops[2].relation": ["The last hop cites nothing, so it has no relation: leave it empty."],
        "hops[2].evidence": ["The last hop cites nothing, so it has no evidence of a citation."],
        "claim.text": ["This field cannot be blank."],
        "hops[0].document.url": ["Enter a valid URL."],
    }
    assert row_counts() == (0, 0, 0, 0, 0)


def test_a_refusal_late_in_the_chain_rolls_back_the_hops_before_it(editor):
    hops = [
        Hop(source=SourceSpec("Northport Herald", "outlet"), relation="cites"),
        Hop(
            source=SourceSpec("Harbor Gazette", "outlet"),
            document=DocumentSpec(
                title="x" * 501, publisher=SourceSpec("Gazette Group", "organization")
            ),
        ),
    ]
    with pytest.raises(ValidationError) as error:
        chain_record(claim="Steel levies rise.", hops=hops, created_by=editor)

    assert error.value.message_dict == {
        "hops[1].document.title": ["Ensure this value has at most 500 characters (it has 501)."]
    }
    assert row_counts() == (0, 0, 0, 0, 0)


def test_a_hop_that_repeats_the_one_before_cannot_cite_itself(editor):
    outlet = SourceFactory(name="Meridian News Agency")
    with pytest.raises(ValidationError) as error:
        chain_record(
            claim="The trial was halted.",
            hops=[
                Hop(source=outlet, relation="cites"),
                Hop(source=SourceSpec("meridian news agency", "outlet")),
            ],
            created_by=editor,
        )
    assert error.value.message_dict == {
        "hops[1]": [
            "Hop 1 is hop 0 again (the same source in the same document): an assertion cannot "
            "cite itself."
        ]
    }
    assert row_counts() == (0, 1, 0, 0, 0)


def test_a_chain_needs_hops_and_has_a_bound(editor):
    with pytest.raises(ValidationError) as error:
        chain_record(claim=CLAIM, hops=[], created_by=editor)
    assert error.value.message_dict == {
        "hops": ["A chain needs at least one hop: the source that asserts the claim."]
    }
    many = [Hop(source=SourceSpec(f"Outlet {n}", "outlet")) for n in range(51)]
    with pytest.raises(ValidationError) as error:
        chain_record(claim=CLAIM, hops=many, created_by=editor)
    assert error.value.message_dict == {"hops": ["A chain has at most 50 hops; this one has 51."]}
    assert row_counts() == (0, 0, 0, 0, 0)


def test_a_duplicate_refused_by_a_service_keeps_the_existing_record(editor, monkeypatch):
    existing = ClaimFactory(text=CLAIM)

    def refuse(**kwargs):
        raise DuplicateRecord("This claim is recorded already.", existing=existing, field="text")

    monkeypatch.setattr(MODULE, "claim_create", refuse)
    with pytest.raises(DuplicateRecord) as error:
        chain_record(claim=CLAIM, hops=founding_hops(), created_by=editor)

    assert error.value.existing == existing
    assert error.value.message_dict == {"claim.text": ["This claim is recorded already."]}
    assert row_counts() == (1, 0, 0, 0, 0)


def test_dates_and_affiliations_are_kept(editor):
    white_house = SourceFactory(name="White House", kind="organization")
    published = datetime(2026, 2, 11, 9, 30, tzinfo=UTC)
    result = chain_record(
        claim=CLAIM,
        hops=[
            Hop(
                source=SourceSpec("Meridian", "outlet"),
                document=DocumentSpec(
                    url="https://meridian.example/a", title="A", published_at=published
                ),
                relation="quotes",
            ),
            Hop(source=SourceSpec("Jake Sullivan", "person", affiliation=white_house)),
        ],
        created_by=editor,
    )
    meridian, sullivan = result.assertions
    assert meridian.document.published_at == published
    assert sullivan.source.affiliation == white_house
