"""W3C PROV: the mapping, and a round trip through every serialisation with `prov`."""

import pytest
import rdflib
from prov.model import PROV, ProvDocument

from provenance.analysis import analyze
from provenance.exports.prov import FORMATS, VOCABULARY, prov_document, serialize
from tests.analysis.graphs import GraphBuilder

BASE = "https://provenance.example/"


def graph():
    b = GraphBuilder()
    caliber = b.node("Caliber.Az", own_document=True)
    axios = b.node("Axios", own_document=True)
    officials = b.node("four US officials", "anonymous", descriptor="US officials", claim=2)
    sullivan = b.node('Jake "J" Sullivan', "person", claim=3, affiliation="White House")
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
    assert set(agents) == {
        "source/100",
        "source/101",
        "source/102",
        "source/103",
        "source/104",
        "source/105",
    }
    assert {str(t) for t in agents["source/104"].get_asserted_types()} == {"prov:Person"}
    assert {str(t) for t in agents["source/102"].get_asserted_types()} == set()
    # Each assertion is attributed to its source; each document to its publisher.
    assert len(records(document, "Attribution")) == 5 + 2
    assert len(records(document, "Specialization")) == 5
    assert len(records(document, "Membership")) == 2
    assert document.get_default_namespace() is None
    # The vocabulary's IRI is fixed; the records' follow the site.
    assert [ns.uri for ns in document.get_registered_namespaces()] == [
        VOCABULARY,
        BASE + "provenance#",
    ]


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
    # Turtle adds the unqualified triple beside each qualified citation, which `prov` reads
    # back as one more derivation each (the unqualified influence it folds into the qualified).
    extra = {"Derivation": 3} if fmt == "turtle" else {}
    assert len(document.get_records()) == 36
    assert len(parsed.get_records()) == 36 + sum(extra.values())
    for kind in ("Entity", "Agent", "Attribution", "Derivation", "Influence", "Membership"):
        assert len(records(parsed, kind)) == len(records(document, kind)) + extra.get(kind, 0)
    if not extra:
        assert parsed == document


def test_prov_n_names_the_relations():
    g = graph()
    text, _ = serialize(prov_document(g, analyze(g), base_url=BASE), "provn")
    assert text.startswith(f"document\n  prefix prv <{VOCABULARY}>")
    assert "prefix rec <https://provenance.example/provenance#>" in text
    assert "prov:type='prov:Quotation'" in text
    assert "wasAttributedTo(rec:assertion/1, rec:source/100)" in text
    assert "wasInfluencedBy(rec:citation/4; rec:assertion/1, rec:assertion/5" in text
    assert PROV["PrimarySource"].provn_representation() in text


def turtle_graph() -> rdflib.Graph:
    g = graph()
    text, _ = serialize(prov_document(g, analyze(g), base_url=BASE), "turtle")
    return rdflib.Graph().parse(data=text, format="turtle")


def test_a_sparql_query_for_was_derived_from_finds_every_derivation_hop():
    found = turtle_graph().query(
        "PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?a ?b WHERE { ?a prov:wasDerivedFrom ?b } ORDER BY ?a ?b"
    )
    hops = sorted((str(a).rsplit("/", 1)[1], str(b).rsplit("/", 1)[1]) for a, b in found)
    # Caliber.Az cites Axios; Axios paraphrases the officials and quotes Sullivan. The denial
    # is no derivation.
    assert hops == [("1", "2"), ("2", "3"), ("2", "4")]


def test_quotations_and_primary_sources_have_their_unqualified_triples():
    turtle = turtle_graph()
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    assert len(list(turtle.subject_objects(prov.wasQuotedFrom))) == 1
    assert len(list(turtle.subject_objects(prov.hadPrimarySource))) == 2
    assert len(list(turtle.subject_objects(prov.wasInfluencedBy))) == 1
    assert len(list(turtle.subject_objects(prov.qualifiedDerivation))) == 1


def test_affiliations_are_delegations():
    turtle = turtle_graph()
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    ((agent, on_behalf_of),) = turtle.subject_objects(prov.actedOnBehalfOf)
    labels = {str(turtle.value(node, rdflib.RDFS.label)) for node in (agent, on_behalf_of)}
    assert labels == {'Jake "J" Sullivan', "White House"}
