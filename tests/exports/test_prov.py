"""W3C PROV: the mapping, and a round trip through every serialisation with `prov`."""

import pytest
from prov.model import PROV, ProvDocument

from provenance.analysis import analyze
from provenance.exports.prov import FORMATS, prov_document, serialize
from tests.analysis.graphs import GraphBuilder

BASE = "https://provenance.example/"


def graph():
    b = GraphBuilder()
    caliber = b.node("Caliber.Az", own_document=True)
    axios = b.node("Axios", own_document=True)
    officials = b.node("four US officials", "anonymous", descriptor="US officials", claim=2)
    sullivan = b.node('Jake "J" Sullivan', "person", claim=3)
    denial = b.node("Embassy", "organization", claim=4)
    b.cite(caliber, axios)
    b.cite(axios, officials, relation="paraphrases")
    b.cite(axios, sullivan, relation="quotes")
    b.cite(caliber, denial, relation="denies")
    return b.graph()


def records(document: ProvDocument, kind: str) -> list:
    return [r for r in document.get_records() if r.get_type().localpart == kind]


def derivation_types(document: ProvDocument) -> list[set[str]]:
    return [
        {str(value) for value in record.get_asserted_types()}
        for record in records(document, "Derivation")
    ]


def test_entities_agents_and_attribution():
    g = graph()
    document = prov_document(g, analyze(g), base_url=BASE, claim_text="The claim")
    assert len(records(document, "Entity")) == 5 + 4 + 2  # assertions, claims, documents
    agents = {r.identifier.localpart: r for r in records(document, "Agent")}
    assert set(agents) == {"source/100", "source/101", "source/102", "source/103", "source/104"}
    assert {str(t) for t in agents["source/103"].get_asserted_types()} == {"prov:Person"}
    assert {str(t) for t in agents["source/102"].get_asserted_types()} == set()
    # Each assertion is attributed to its source; each document to its publisher.
    assert len(records(document, "Attribution")) == 5 + 2
    assert len(records(document, "Specialization")) == 5
    assert len(records(document, "Membership")) == 2
    assert document.get_default_namespace() is None
    assert [ns.uri for ns in document.get_registered_namespaces()] == [BASE + "provenance#"]


def test_citations_by_relation():
    g = graph()
    document = prov_document(g, analyze(g), base_url=BASE)
    assert derivation_types(document) == [
        set(),  # Caliber.Az cites Axios: wasDerivedFrom
        {"prov:PrimarySource"},  # Axios paraphrases an origin: hadPrimarySource
        {"prov:Quotation", "prov:PrimarySource"},  # quotes an origin: both
    ]
    (influence,) = records(document, "Influence")  # denies: not a derivation
    assert {str(k): str(v) for k, v in influence.attributes if str(k).startswith("prv:")} == {
        "prv:relation": "denies",
        "prv:fidelity": "unchecked",
    }


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip(fmt):
    g = graph()
    document = prov_document(g, analyze(g), base_url=BASE, claim_text='A "quoted" claim\nsplit')
    text, media_type = serialize(document, fmt)
    assert media_type == FORMATS[fmt][0]
    options = FORMATS[fmt][2]
    parsed = ProvDocument.deserialize(content=text, format=FORMATS[fmt][1], **options)
    assert len(parsed.get_records()) == len(document.get_records()) == 34
    for kind in ("Entity", "Agent", "Attribution", "Derivation", "Influence", "Membership"):
        assert len(records(parsed, kind)) == len(records(document, kind)), kind
    assert parsed == document


def test_prov_n_names_the_relations():
    g = graph()
    text, _ = serialize(prov_document(g, analyze(g), base_url=BASE), "provn")
    assert text.startswith("document\n  prefix prv <https://provenance.example/provenance#>")
    assert "prov:type='prov:Quotation'" in text
    assert "wasAttributedTo(prv:assertion/1, prv:source/100)" in text
    assert "wasInfluencedBy(prv:citation/4; prv:assertion/1, prv:assertion/5" in text
    assert PROV["PrimarySource"].provn_representation() in text
