"""The "Record a chain" admin page: one form, one save through `chain_record`, nothing
half-written, errors shown on the hop they belong to, and a drawing of the chain as typed."""

import pytest
from django.urls import reverse

from provenance.models import Assertion, Citation, Claim, Document, Source
from provenance.services import source_create
from tests.factories import ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:provenance_claim_record_chain")
PREVIEW = reverse("admin:provenance_claim_record_chain_preview")
LOOKUP = reverse("admin:provenance_claim_record_chain_lookup")
WORDING = "The Biden administration has become increasingly distrustful of Israel's plans."
QUOTE = "increasingly distrustful of what the Israeli government says, four US officials said"


def founding(**changes):
    data = {
        "claim_text": WORDING,
        "hop-0-source_name": "Caliber.Az",
        "hop-0-source_kind": "outlet",
        "hop-0-quote": QUOTE,
        "hop-0-quote_kind": "direct",
        "hop-0-relation": "cites",
        "hop-1-source_name": "Axios",
        "hop-1-source_kind": "outlet",
        "hop-1-relation": "paraphrases",
        "hop-2-source_name": "four US officials",
        "hop-2-source_kind": "anonymous",
        "hop-2-descriptor": "US officials",
        "hop-2-anonymous_count": "4",
        "hop-2-relation": "cites",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def test_one_save_records_the_founding_chain_and_names_it(as_editor):
    response = as_editor.post(URL, founding(), follow=True)

    claim = Claim.objects.get(text=WORDING)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:provenance_claim_change", args=[claim.pk]
    )
    hops = [
        (c.citing.source.name, c.relation, c.cited.source.name)
        for c in Citation.objects.filter(citing__claim=claim).order_by("id")
    ]
    assert hops == [
        ("Caliber.Az", "cites", "Axios"),
        ("Axios", "paraphrases", "four US officials"),
    ]
    officials = Source.objects.get(name="four US officials")
    assert (officials.kind, officials.descriptor, officials.anonymous_count) == (
        "anonymous",
        "US officials",
        4,
    )
    assert claim.assertions.get(source__name="Caliber.Az").quote == QUOTE
    assert claim.created_by.username == "ed"
    message = str(list(response.context["messages"])[0])
    assert message == (
        "Recorded the chain: Caliber.Az cites Axios, which paraphrases four US officials. "
        "Created 1 claim, 3 sources, 3 assertions, 2 citations. "
        "The claim is a draft: not public until an editor publishes it."
    )
    assert claim.published_at is None


def test_recorded_sources_are_found_by_alias_not_created_again(as_editor):
    axios = source_create(name="Axios", kind="outlet", aliases=["Axios Media"])
    as_editor.post(URL, founding(**{"hop-1-source_name": "axios media"}))
    assert Source.objects.filter(kind="outlet", name__iexact="axios").count() == 1
    assert Assertion.objects.filter(source=axios).count() == 1


def test_a_bad_hop_is_reported_on_that_hop_and_nothing_is_written(as_editor):
    before = (Claim.objects.count(), Source.objects.count(), Assertion.objects.count())

    response = as_editor.post(
        URL,
        founding(**{"hop-1-document_url": "not an address", "hop-1-document_title": "Trust"}),
    )

    assert response.status_code == 400
    assert (Claim.objects.count(), Source.objects.count(), Assertion.objects.count()) == before
    rows = response.context["form"].rows
    assert rows[0].errors == []
    assert rows[1].errors == ["Document URL: Enter a valid URL."]
    assert rows[2].errors == []
    # What the editor typed is still there to correct.
    assert rows[2]["descriptor"] == "US officials"
    assert "Nothing was saved" in response.text


def test_a_number_of_people_that_is_not_a_number_is_refused_on_its_hop(as_editor):
    response = as_editor.post(URL, founding(**{"hop-2-anonymous_count": "four"}))
    assert response.status_code == 400
    assert response.context["form"].rows[2].errors == [
        "Number of people: give a whole number, such as 4."
    ]
    assert not Claim.objects.filter(text=WORDING).exists()


def test_no_wording_and_no_hop_are_both_explained(as_editor):
    response = as_editor.post(URL, {"claim_text": "", "hop-0-source_name": ""})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.claim_errors == ["Write the claim's wording: the statement the chain carries."]
    assert form.errors == ["Add at least one hop: the source that asserts the claim."]


def test_from_a_claim_the_hops_are_added_to_that_claim(as_editor):
    claim = ClaimFactory(text="The port will close in May.")
    page = as_editor.get(reverse("admin:provenance_claim_change", args=[claim.pk]))
    assert f'href="{URL}?claim={claim.pk}"' in page.text

    data = founding(claim_text=None, claim=str(claim.pk))
    as_editor.post(URL, data)

    assert Claim.objects.count() == 1
    assert claim.assertions.count() == 3


def test_the_preview_draws_the_chain_as_typed_and_writes_nothing(as_editor):
    loop = founding(
        **{
            "hop-2-source_name": "Caliber.Az",
            "hop-2-source_kind": "outlet",
            "hop-2-descriptor": None,
            "hop-2-anonymous_count": None,
        }
    )
    response = as_editor.post(PREVIEW, loop)

    assert response.status_code == 200
    assert response.text.count('class="node') == 2  # Caliber.Az twice is one node
    assert "Circular reporting" in response.text
    assert Claim.objects.count() == 0
    assert Source.objects.count() == 0


def test_lookup_offers_sources_by_alias_and_documents_by_title(as_editor):
    source_create(name="Axios", kind="outlet", aliases=["Axios Media"])
    SourceFactory(name="Reuters")
    Document.objects.create(title="Axios report on trust", url="https://axios.example/trust")

    sources = as_editor.get(LOOKUP, {"q": "media"}).json()["results"]
    documents = as_editor.get(LOOKUP, {"q": "trust", "what": "document"}).json()["results"]

    assert [(s["name"], s["kind"], s["aliases"]) for s in sources] == [
        ("Axios", "outlet", ["Axios Media"])
    ]
    assert documents == [{"url": "https://axios.example/trust", "title": "Axios report on trust"}]


def test_only_editors_may_record_a_chain(client):
    client.force_login(UserFactory(username="visitor"))
    assert client.get(URL).status_code == 403
    assert client.post(PREVIEW, founding()).status_code == 403
    assert client.get(LOOKUP, {"q": "axios"}).status_code == 403
