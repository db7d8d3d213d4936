"""The verdict workflow: who may move a claim where, evidence, and a checked link first."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from provenance import services
from provenance.demo import demo_load
from provenance.models import Citation, Claim

pytestmark = pytest.mark.django_db

RATING_NEEDS_LINK = (
    "A claim can be rated only once a link to one of its origins has been checked: check the "
    "last hop of its chain first."
)


@pytest.fixture
def founding():
    demo_load(show_passwords=False)
    # The demo's claim quoting "a US official": no verdict yet, two unchecked hops.
    return Claim.objects.get(text="US trust in what the Israeli government says is very low.")


def record(claim, user, verdict, evidence="Axios article, read in full."):
    return services.review_record(
        claim=claim, verdict=verdict, rationale="Because.", evidence=evidence, reviewer=user
    )


def test_an_editor_sends_a_claim_to_review_and_back(founding, editor):
    record(founding, editor, "in_review", evidence="")
    record(founding, editor, "unverified", evidence="")
    founding.refresh_from_db()
    assert founding.status == "unverified"
    assert list(founding.reviews.values_list("verdict", flat=True)) == ["unverified", "in_review"]


@pytest.mark.parametrize("verdict", ["true", "false", "misleading", "unverifiable"])
def test_an_editor_cannot_give_a_verdict(founding, editor, verdict):
    with pytest.raises(PermissionDenied, match="Only reviewers can record a verdict."):
        record(founding, editor, verdict)


def test_an_editor_cannot_undo_a_reviewers_verdict(founding, editor, reviewer):
    record(founding, reviewer, "unverifiable")
    with pytest.raises(
        PermissionDenied, match="Only reviewers can change a claim's verdict once it has one."
    ):
        record(founding, editor, "in_review", evidence="")


def test_a_verdict_needs_evidence(founding, reviewer):
    with pytest.raises(ValidationError) as error:
        record(founding, reviewer, "unverifiable", evidence=" ")
    assert error.value.message_dict == {
        "evidence": ["A verdict needs its evidence: links or references that support it."]
    }


def test_a_rating_needs_a_checked_link_into_an_origin(founding, reviewer, editor):
    with pytest.raises(ValidationError) as error:
        record(founding, reviewer, "true")
    assert error.value.message_dict == {"verdict": [RATING_NEEDS_LINK]}

    # Checking the first hop (Caliber.Az -> Axios) is not enough: it does not reach the origin.
    first_hop = Citation.objects.get(citing__claim=founding, cited__source__name="Axios")
    services.citation_check(citation=first_hop, fidelity="faithful", checked_by=editor)
    with pytest.raises(ValidationError):
        record(founding, reviewer, "mostly_true")

    last_hop = Citation.objects.get(citing__claim=founding, cited__source__name="a US official")
    services.citation_check(citation=last_hop, fidelity="faithful", checked_by=editor)
    record(founding, reviewer, "mostly_true")
    founding.refresh_from_db()
    assert founding.status == "mostly_true"


def test_the_setting_relaxes_the_checked_link_rule(founding, reviewer, settings):
    settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK = False
    record(founding, reviewer, "false")
    founding.refresh_from_db()
    assert founding.status == "false"


def test_a_circular_claim_cannot_be_rated_but_can_be_called_unverifiable(reviewer, editor):
    demo_load(show_passwords=False)
    claim = Claim.objects.get(text="Mayor Anton Reyes will step down in April.")
    for citation in Citation.objects.filter(citing__claim=claim):
        services.citation_check(citation=citation, fidelity="faithful", checked_by=editor)
    with pytest.raises(ValidationError) as error:
        record(claim, reviewer, "false")
    assert error.value.message_dict == {"verdict": [RATING_NEEDS_LINK]}
    record(claim, reviewer, "unverifiable")


def test_a_claim_with_no_chain_rests_on_the_verdicts_evidence(reviewer):
    claim = services.claim_create(text="Shares fell 8%.", created_by=reviewer)
    record(claim, reviewer, "true", evidence="Exchange data, 11 February.")
    claim.refresh_from_db()
    assert claim.status == "true"


def test_allowed_verdicts_per_role(founding, editor, reviewer):
    from provenance.services.reviews import review_allowed_verdicts

    assert review_allowed_verdicts(editor, founding) == ["unverified", "in_review"]
    assert len(review_allowed_verdicts(reviewer, founding)) == 9
    record(founding, reviewer, "unverifiable")
    founding.refresh_from_db()
    assert review_allowed_verdicts(editor, founding) == []
