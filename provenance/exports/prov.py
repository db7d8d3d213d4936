"""W3C PROV export of a claim's provenance graph, through the `prov` package.

The mapping (PROV-DM terms):

- each **assertion** is an entity (`prv:assertion/ID`), a specialization of its claim's entity
  (`prv:claim/ID`): "Axios asserts C" is C, as Axios states it;
- each **source** is an agent (`prv:source/ID`) with its kind in `prv:kind`; persons are typed
  prov:Person, outlets and organizations prov:Organization (anonymous sources and documents have
  no PROV type that fits, so they keep only their kind). Every assertion wasAttributedTo its
  source;
- each **document** is an entity (`prv:document/ID`, prov:location = its URL) that hadMember the
  assertions made in it, and wasAttributedTo its publisher;
- each **citation** (A cites B) is one relation from A to B, chosen by its relation: `quotes` ->
  wasQuotedFrom; `cites`, `paraphrases`, `translates`, `links_to` -> wasDerivedFrom, or
  hadPrimarySource when B is an origin (cites nothing: the primary source); `confirms` and
  `denies` are not derivations, so they are wasInfluencedBy. A quote of an origin keeps both
  meanings: wasQuotedFrom with prov:type prov:PrimarySource added. Every citation carries its
  `prv:relation` and `prv:fidelity`;
- a source's **affiliation** (whom it speaks for, on which the independence count rests) is
  actedOnBehalfOf.

Records are named under the site's address (`<site>/provenance#assertion/1`); the vocabulary's
own terms (prv:Claim, prv:relation, prv:fidelity…) under VOCABULARY, which does not change with
the host a request came through.

In Turtle (PROV-O), each qualified citation also gets its unqualified triple(s): a query for
`?a prov:wasDerivedFrom ?b` needs no reasoner to find every derivation, so quotations, primary
sources and revisions, which PROV-O defines as sub-properties of wasDerivedFrom, carry both; and
`prov:atLocation` is the document's address as an IRI.
"""

from __future__ import annotations

from prov.model import PROV, ProvDocument
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from provenance.analysis import Analysis
from provenance.graph import ProvenanceGraph

FORMATS = {
    # name -> (media type, prov serializer, serializer options)
    "json": ("application/json", "json", {}),
    "provn": ("text/provenance-notation", "provn", {}),
    "turtle": ("text/turtle", "rdf", {"rdf_format": "turtle"}),
}
# The vocabulary's terms: fixed, whatever host serves the export. A tag: URI (RFC 4151) names
# without promising a page to fetch, so nothing answers 404 for it.
VOCABULARY = "tag:provenance.example,2026:vocabulary#"
DERIVATIONS = frozenset({"cites", "paraphrases", "translates", "links_to"})
_AGENT_TYPES = {
    "person": PROV["Person"],
    "outlet": PROV["Organization"],
    "organization": PROV["Organization"],
}


def prov_document(
    graph: ProvenanceGraph, analysis: Analysis, *, base_url: str, claim_text: str = ""
) -> ProvDocument:
    """The graph as a PROV document; `base_url` (the site's address) names its namespace."""
    document = ProvDocument()
    prv = document.add_namespace("prv", VOCABULARY)
    rec = document.add_namespace("rec", base_url.rstrip("/") + "/provenance#")
    origins = set(analysis.origins)

    claims = {}
    for claim_id in sorted({node.claim_id for node in graph.nodes} | {graph.claim_id}):
        attributes = {"prov:type": prv["Claim"]}
        if claim_id == graph.claim_id and claim_text:
            attributes["prov:label"] = claim_text
        claims[claim_id] = document.entity(rec[f"claim/{claim_id}"], attributes)

    agents = {}
    delegations = set()

    def agent(source_id: int, name: str, kind: str | None):
        if source_id not in agents:
            attributes = {"prov:label": name}
            if kind:
                attributes["prv:kind"] = kind
                if kind in _AGENT_TYPES:
                    attributes["prov:type"] = _AGENT_TYPES[kind]
            agents[source_id] = document.agent(rec[f"source/{source_id}"], attributes)
        return agents[source_id]

    def affiliated(source) -> None:
        if source.affiliation_id is None or source.id in delegations:
            return
        delegations.add(source.id)
        on_behalf_of = agent(source.affiliation_id, source.affiliation_name or "", None)
        document.actedOnBehalfOf(agents[source.id], on_behalf_of)

    documents = {}
    for node in graph.nodes:
        source = node.source
        assertion = document.entity(
            rec[f"assertion/{node.id}"],
            _without_blanks(
                {
                    "prov:type": prv["Assertion"],
                    "prov:label": f"{source.name} asserts claim {node.claim_id}",
                    "prv:quote": node.quote,
                    "prv:quoteKind": node.quote_kind,
                }
            ),
        )
        document.specializationOf(assertion, claims[node.claim_id])
        document.wasAttributedTo(assertion, agent(source.id, source.name, source.kind))
        affiliated(source)
        if node.document is not None:
            ref = node.document
            if ref.id not in documents:
                entity = document.entity(
                    rec[f"document/{ref.id}"],
                    _without_blanks(
                        {
                            "prov:type": PROV["Collection"],
                            "prov:label": ref.title,
                            "prov:location": ref.url or "",
                            "prv:status": ref.status,
                        }
                    ),
                )
                documents[ref.id] = entity
                if ref.publisher_id is not None:
                    publisher = agent(ref.publisher_id, ref.publisher_name or "", None)
                    document.wasAttributedTo(entity, publisher)
            document.hadMember(documents[ref.id], assertion)

    for edge in graph.edges:
        citing, cited = rec[f"assertion/{edge.citing}"], rec[f"assertion/{edge.cited}"]
        attributes = {"prv:relation": edge.relation, "prv:fidelity": edge.fidelity}
        identifier = rec[f"citation/{edge.id}"]
        if edge.relation == "quotes":
            record = document.wasQuotedFrom(
                citing, cited, identifier=identifier, other_attributes=attributes
            )
            if edge.cited in origins:
                record.add_attributes([("prov:type", PROV["PrimarySource"])])
        elif edge.relation in DERIVATIONS and edge.cited in origins:
            document.hadPrimarySource(
                citing, cited, identifier=identifier, other_attributes=attributes
            )
        elif edge.relation in DERIVATIONS:
            document.wasDerivedFrom(
                citing, cited, identifier=identifier, other_attributes=attributes
            )
        else:
            document.wasInfluencedBy(citing, cited, identifier, other_attributes=attributes)
    return document


def serialize(document: ProvDocument, fmt: str) -> tuple[str, str]:
    """(text, media type) of `document` in one of FORMATS."""
    media_type, serializer, options = FORMATS[fmt]
    if fmt == "turtle":
        return _turtle(document), media_type
    return document.serialize(format=serializer, **options), media_type


_PROV = Namespace(str(PROV.uri))
# qualifying property -> the influence's object property
_QUALIFIERS = {
    _PROV.qualifiedDerivation: _PROV.entity,
    _PROV.qualifiedQuotation: _PROV.entity,
    _PROV.qualifiedPrimarySource: _PROV.entity,
    _PROV.qualifiedRevision: _PROV.entity,
    _PROV.qualifiedInfluence: _PROV.influencer,
}
# the influence's class -> the unqualified properties it implies
_IMPLIED = {
    _PROV.Derivation: (_PROV.wasDerivedFrom,),
    _PROV.Quotation: (_PROV.wasQuotedFrom, _PROV.wasDerivedFrom),
    _PROV.PrimarySource: (_PROV.hadPrimarySource, _PROV.wasDerivedFrom),
    _PROV.Revision: (_PROV.wasRevisionOf, _PROV.wasDerivedFrom),
    _PROV.Influence: (_PROV.wasInfluencedBy,),
}


def _turtle(document: ProvDocument) -> str:
    """PROV-O in Turtle, with the unqualified triples beside the qualified ones and locations
    as IRIs (see the module docstring)."""
    graph = Graph()
    graph.parse(data=document.serialize(format="rdf", rdf_format="turtle"), format="turtle")
    for qualifier, object_property in _QUALIFIERS.items():
        for subject, influence in list(graph.subject_objects(qualifier)):
            implied = {
                predicate
                for kind in graph.objects(influence, RDF.type)
                for predicate in _IMPLIED.get(kind, ())
            }
            for cited in graph.objects(influence, object_property):
                for predicate in implied:
                    graph.add((subject, predicate, cited))
    for subject, location in list(graph.subject_objects(_PROV.atLocation)):
        if isinstance(location, Literal):
            graph.remove((subject, _PROV.atLocation, location))
            graph.add((subject, _PROV.atLocation, URIRef(str(location))))
    graph.bind("prov", _PROV)
    return graph.serialize(format="turtle")


def _without_blanks(attributes: dict) -> dict:
    return {key: value for key, value in attributes.items() if value not in ("", None)}
