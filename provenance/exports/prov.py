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
  `prv:relation` and `prv:fidelity`.
"""

from __future__ import annotations

from prov.model import PROV, ProvDocument

from provenance.analysis import Analysis
from provenance.graph import ProvenanceGraph

FORMATS = {
    # name -> (media type, prov serializer, serializer options)
    "json": ("application/json", "json", {}),
    "provn": ("text/provenance-notation", "provn", {}),
    "turtle": ("text/turtle", "rdf", {"rdf_format": "turtle"}),
}
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
    prv = document.add_namespace("prv", base_url.rstrip("/") + "/provenance#")
    origins = set(analysis.origins)

    claims = {}
    for claim_id in sorted({node.claim_id for node in graph.nodes} | {graph.claim_id}):
        attributes = {"prov:type": prv["Claim"]}
        if claim_id == graph.claim_id and claim_text:
            attributes["prov:label"] = claim_text
        claims[claim_id] = document.entity(prv[f"claim/{claim_id}"], attributes)

    agents = {}

    def agent(source_id: int, name: str, kind: str | None):
        if source_id not in agents:
            attributes = {"prov:label": name}
            if kind:
                attributes["prv:kind"] = kind
                if kind in _AGENT_TYPES:
                    attributes["prov:type"] = _AGENT_TYPES[kind]
            agents[source_id] = document.agent(prv[f"source/{source_id}"], attributes)
        return agents[source_id]

    documents = {}
    for node in graph.nodes:
        source = node.source
        assertion = document.entity(
            prv[f"assertion/{node.id}"],
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
        if node.document is not None:
            ref = node.document
            if ref.id not in documents:
                entity = document.entity(
                    prv[f"document/{ref.id}"],
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
        citing, cited = prv[f"assertion/{edge.citing}"], prv[f"assertion/{edge.cited}"]
        attributes = {"prv:relation": edge.relation, "prv:fidelity": edge.fidelity}
        identifier = prv[f"citation/{edge.id}"]
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
    return document.serialize(format=serializer, **options), media_type


def _without_blanks(attributes: dict) -> dict:
    return {key: value for key, value in attributes.items() if value not in ("", None)}
