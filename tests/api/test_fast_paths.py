"""The fast read paths answer byte for byte what the general ones answered.

Each uncached answer (provenance, a claim, the claim list, the public claim page) is built
from plain rows rather than through the ORM's model instances and DRF's serializers. These
tests build the same answers the general way, here, and compare the bytes, for claims that
exercise every branch: chains, loops, truncated graphs, anonymous origins, documents with
dates, checked links and change hints, a claim without assertions.
"""

import datetime as dt
import re
from types import SimpleNamespace

import orjson
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework import mixins, serializers

from api.serializers.claims import ClaimDetailSerializer, ClaimSerializer
from api.serializers.provenance import provenance_representation
from api.serializers.rows import RowPlan
from api.views.claims import ROW_DETAIL_EXTRAS, ClaimViewSet
from provenance.analysis import analyze
from provenance.compiled import CompiledValues
from provenance.demo import demo_load
from provenance.graph import DocumentRef, Edge, Node, ProvenanceGraph, SourceRef
from provenance.models import Assertion, Citation, Claim
from provenance.public import selectors as public_selectors
from provenance.selectors import _caps, _upstream, graph_hints
from tests.factories import (
    AnonymousSourceFactory,
    AssertionFactory,
    CitationFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

NO_CACHE = override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
)


def reference_graph(claim_id: int, **caps) -> ProvenanceGraph:
    """The provenance graph as the selector built it through the ORM's values() before the
    plain-SQL rows: the traversal, then the rows and edges by id."""
    max_depth, max_nodes = _caps(caps.get("max_depth"), caps.get("max_nodes"))
    reached = _upstream(claim_ids=[claim_id], max_depth=max_depth, max_nodes=max_nodes)[claim_id]
    nodes = dict(reached[:max_nodes])
    if not nodes:
        return ProvenanceGraph(claim_id=claim_id, max_depth=max_depth, max_nodes=max_nodes)
    rows = {
        row["id"]: row
        for row in Assertion.objects.filter(id__in=list(nodes))
        .order_by()
        .values(
            "id",
            "claim_id",
            "quote",
            "quote_kind",
            "source_id",
            "source__name",
            "source__kind",
            "source__affiliation_id",
            "source__affiliation__name",
            "source__descriptor",
            "source__anonymous_count",
            "document_id",
            "document__title",
            "document__url",
            "document__publisher_id",
            "document__publisher__name",
            "document__published_at",
            "document__status",
            "document__source_state",
        )
    }
    truncated = len(reached) > max_nodes
    edges = []
    for row in Citation.objects.filter(citing_id__in=list(nodes)).order_by("id").values():
        if row["cited_id"] not in nodes:
            truncated = True
            continue
        edges.append(
            Edge(
                id=row["id"],
                citing=row["citing_id"],
                cited=row["cited_id"],
                relation=row["relation"],
                fidelity=row["fidelity"],
                checked_at=row["checked_at"],
            )
        )

    def node(row, distance):
        document = None
        if row["document_id"] is not None:
            document = DocumentRef(
                id=row["document_id"],
                title=row["document__title"],
                url=row["document__url"],
                publisher_id=row["document__publisher_id"],
                publisher_name=row["document__publisher__name"],
                published_at=row["document__published_at"],
                status=row["document__status"],
                source_state=row["document__source_state"],
            )
        return Node(
            id=row["id"],
            claim_id=row["claim_id"],
            source=SourceRef(
                id=row["source_id"],
                name=row["source__name"],
                kind=row["source__kind"],
                affiliation_id=row["source__affiliation_id"],
                affiliation_name=row["source__affiliation__name"],
                descriptor=row["source__descriptor"],
                anonymous_count=row["source__anonymous_count"],
            ),
            document=document,
            quote=row["quote"],
            quote_kind=row["quote_kind"],
            distance=distance,
        )

    return ProvenanceGraph(
        claim_id=claim_id,
        nodes=tuple(node(rows[i], d) for i, d in nodes.items()),
        edges=tuple(edges),
        truncated=truncated,
        max_depth=max_depth,
        max_nodes=max_nodes,
    )


def reference_provenance(claim_id: int, **caps) -> bytes:
    claim = Claim.objects.get(pk=claim_id)
    graph = reference_graph(claim_id, **caps)
    # The API client's host: the answer's addresses are absolute.
    request = RequestFactory().get("/")
    return orjson.dumps(
        provenance_representation(
            claim, graph, analyze(graph), graph_hints([graph]), request=request
        )
    )


@pytest.fixture
def corpus():
    """The demo newsroom (chains, a loop, anonymous origins, documents, hints) and a few more
    shapes: a long chain with dated documents and checked links, a loop of three, a claim
    without assertions, an affiliated source and a retracted claim."""
    demo_load(show_passwords=False)
    published = dt.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    chain_claim = ClaimFactory(text="The harbour will close for <repairs> & “works”.")
    ministry = SourceFactory(name="Ministry of Ports", kind="organization")
    spokesperson = SourceFactory(name="A spokesperson", kind="person", affiliation=ministry)
    previous = AssertionFactory(
        claim=chain_claim,
        source=spokesperson,
        document=DocumentFactory(published_at=published),
        quote="The harbour closes in May.",
        quote_kind="direct",
    )
    for hop in range(12):
        upstream = AssertionFactory(
            source=AnonymousSourceFactory(anonymous_count=hop % 3 or None),
            document=DocumentFactory(published_at=published - dt.timedelta(days=hop + 1)),
            quote=f"The harbour closes in {hop + 3} weeks.",
            quote_kind="paraphrase",
        )
        CitationFactory(
            citing=previous,
            cited=upstream,
            fidelity="faithful" if hop % 2 else "unchecked",
            checked_at=published if hop % 2 else None,
            evidence="Officials said so.",
        )
        previous = upstream
    loop_claim = ClaimFactory(text="A loop of three.")
    a, b, c = (AssertionFactory(claim=loop_claim), AssertionFactory(), AssertionFactory())
    for citing, cited in ((a, b), (b, c), (c, a)):
        CitationFactory(citing=citing, cited=cited)
    ClaimFactory(text="Nobody said this yet.")
    retracted = ClaimFactory(text="Withdrawn.", retracted_at=published, retraction_note="Wrong.")
    AssertionFactory(claim=retracted)
    # Cached analysis columns as a refresh on commit writes them (tests do not commit).
    Claim.objects.filter(pk=chain_claim.pk).update(
        analysed_at=published, independent_origins=1, chain_depth=12, analysis_summary="1 origin"
    )
    Claim.objects.filter(pk=loop_claim.pk).update(circular=True, analysed_at=published)
    return chain_claim


CAPS = [
    {},
    {"max_depth": 0},
    {"max_depth": 1},
    {"max_depth": 3},
    {"max_nodes": 1},
    {"max_nodes": 4},
]


@NO_CACHE
@pytest.mark.parametrize("caps", CAPS, ids=lambda caps: ",".join(map(str, caps.items())) or "none")
def test_provenance_answers_are_byte_identical(api, corpus, caps):
    query = "&".join(f"{name}={value}" for name, value in caps.items())
    seen = set()
    for claim_id in Claim.objects.order_by("id").values_list("id", flat=True):
        response = api.get(f"/api/claims/{claim_id}/provenance/?{query}")
        assert response.status_code == 200
        assert response.content == reference_provenance(claim_id, **caps), claim_id
        body = response.json()
        seen.update(name for name, found in _shapes(body).items() if found)
    # The comparison covered every shape it is meant to.
    expected = {"nodes", "dated", "anonymous", "affiliated", "retracted"}
    if caps.get("max_depth", 1) > 0 and caps.get("max_nodes", 2) > 1:
        expected |= {"checked"}
    if not caps:
        expected |= {"circular", "hints"}
    if caps.get("max_depth") or caps.get("max_nodes"):
        expected |= {"truncated"}
    assert expected <= seen


def _shapes(body: dict) -> dict[str, bool]:
    nodes = body["nodes"]
    return {
        "nodes": bool(nodes),
        "dated": any(n["document"] and n["document"]["published_at"] for n in nodes),
        "checked": body["analysis"]["checked_links"] > 0,
        "anonymous": any(n["source"]["kind"] == "anonymous" for n in nodes),
        "affiliated": any(n["affiliation"] for n in nodes),
        "retracted": body["claim"]["retracted"],
        "circular": body["analysis"]["circular"],
        "hints": any(e["hints"] for e in body["edges"]),
        "truncated": body["analysis"]["truncated"],
    }


def reference_render(data) -> bytes:
    return ORJSONRenderer().render(data, "application/json", {})


def viewset(action: str) -> ClaimViewSet:
    view = ClaimViewSet()
    view.action = action
    view.request = SimpleNamespace(query_params={}, user=AnonymousUser())
    return view


@NO_CACHE
def test_claim_details_are_byte_identical(api, corpus):
    merged_into = ClaimFactory(text="Merged into.")
    for duplicate in ClaimFactory.create_batch(2):
        duplicate.duplicate_of = merged_into
        duplicate.save()
    # The rows build every field but the four the view builds itself: the fast path is taken.
    plan = RowPlan.of(ClaimDetailSerializer, annotations=("assertion_count",))
    assert set(plan.unsupported) == ROW_DETAIL_EXTRAS
    queryset = viewset("retrieve").get_queryset()
    shown = set()
    for claim in queryset.order_by("id"):
        response = api.get(f"/api/claims/{claim.pk}/")
        assert response.status_code == 200
        assert response.content == reference_render(
            ClaimDetailSerializer(claim, context={"request": RequestFactory().get("/")}).data
        ), claim.pk
        body = response.json()
        shown.update(
            name
            for name, found in {
                "assertions": body["assertions"],
                "dated": any(a["published_at"] for a in body["appearances"]),
                "undated": any(a["published_at"] is None for a in body["appearances"]),
                "duplicates": body["duplicates"],
                "author": body["created_by"],
                "retracted": body["retracted_at"],
                "analysed": body["analysed_at"],
            }.items()
            if found
        )
    assert shown == {
        "assertions",
        "dated",
        "undated",
        "duplicates",
        "author",
        "retracted",
        "analysed",
    }


@NO_CACHE
def test_claim_details_with_drafts_are_byte_identical(api, editor_api, editor, corpus):
    """The compiled statements differ by who asks: an editor sees a draft and the drafts
    merged into a claim, the public neither; each answer is the serializer's."""
    merged_into = ClaimFactory(text="Merged into, with a draft.")
    AssertionFactory(claim=merged_into)
    published, draft = ClaimFactory.create_batch(2)
    for duplicate in (published, draft):
        duplicate.duplicate_of = merged_into
        duplicate.save()
    Claim.objects.filter(pk=draft.pk).update(published_at=None)
    a_draft = ClaimFactory(text="Not yet published.")
    AssertionFactory(claim=a_draft)
    Claim.objects.filter(pk=a_draft.pk).update(published_at=None)
    request = RequestFactory().get("/")
    for client, user, drafts in ((api, AnonymousUser(), False), (editor_api, editor, True)):
        view = viewset("retrieve")
        view.request = SimpleNamespace(query_params={}, user=user)
        claim = view.get_queryset().get(pk=merged_into.pk)
        response = client.get(f"/api/claims/{merged_into.pk}/")
        assert response.content == reference_render(
            ClaimDetailSerializer(claim, context={"request": request}).data
        )
        expected = [published.pk, draft.pk] if drafts else [published.pk]
        assert response.json()["duplicates"] == sorted(expected)
        response = client.get(f"/api/claims/{a_draft.pk}/")
        if drafts:
            claim = view.get_queryset().get(pk=a_draft.pk)
            assert response.content == reference_render(
                ClaimDetailSerializer(claim, context={"request": request}).data
            )
        else:
            assert response.status_code == 404


def test_a_compiled_statement_refuses_a_value_that_does_not_reach_its_sql(db):
    """A value the queryset does not pass to the SQL as is (here: not used at all) would be
    silently ignored by every later call: compiling it fails instead."""
    compiled = CompiledValues(Claim, lambda *, claim_id: Claim.objects.values("id"))
    with pytest.raises(ValueError, match="did not reach the SQL as is"):
        compiled.rows(claim_id=1)


def test_a_field_the_rows_cannot_build_falls_back_to_the_serializer(api, corpus, monkeypatch):
    """A field added to the serializer that the rows do not understand (a method field
    here) is answered through the serializer, not dropped."""
    claim = Claim.objects.filter(assertions__isnull=False).first()
    monkeypatch.setattr(
        ClaimDetailSerializer,
        "_declared_fields",
        {**ClaimDetailSerializer._declared_fields, "shout": serializers.SerializerMethodField()},
    )
    monkeypatch.setattr(
        ClaimDetailSerializer.Meta,
        "fields",
        (*ClaimDetailSerializer.Meta.fields, "shout"),
        raising=False,
    )
    monkeypatch.setattr(
        ClaimDetailSerializer, "get_shout", lambda self, c: c.text.upper(), raising=False
    )
    RowPlan._plans.clear()
    try:
        with NO_CACHE:
            body = api.get(f"/api/claims/{claim.pk}/").json()
    finally:
        RowPlan._plans.clear()
    assert body["shout"] == claim.text.upper()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?page=2&page_size=7",
        "?ordering=chain_depth",
        "?search=harbour",
        "?circular=true",
        "?merged=true",
        "?merged=false&ordering=-independent_origins",
    ],
)
def test_claim_list_pages_are_byte_identical(api, corpus, query, monkeypatch):
    merged_into = ClaimFactory(text="Merged into.")
    duplicate = ClaimFactory(text="The harbour merged.")
    duplicate.duplicate_of = merged_into
    duplicate.save()
    assert RowPlan.of(ClaimSerializer, annotations=("assertion_count",)).supported
    response = api.get(f"/api/claims/{query}")
    assert response.status_code == 200
    body = response.json()
    assert body["results"]
    # The same page through DRF's serializer over model instances: the view's queryset,
    # filtered, ordered and paginated by the same view.
    monkeypatch.setattr(ClaimViewSet, "list", mixins.ListModelMixin.list)
    reference = api.get(f"/api/claims/{query}")
    assert response.content == reference.content
    assert response["Link"] == reference["Link"]


@NO_CACHE
def test_public_claim_pages_are_byte_identical(client, corpus, monkeypatch):
    """The public page draws the same graph: rendered from the plain-SQL graph and from the
    ORM-built one, the pages are the same bytes (but for the CSP nonce, new per request)."""

    def page(claim_id: int) -> bytes:
        response = client.get(f"/claims/{claim_id}/")
        assert response.status_code == 200
        return re.sub(rb'nonce="[^"]*"', b'nonce=""', response.content)

    claim_ids = list(
        Claim.objects.filter(duplicate_of__isnull=True).order_by("id").values_list("id", flat=True)
    )
    pages = {claim_id: page(claim_id) for claim_id in claim_ids}
    monkeypatch.setattr(
        public_selectors, "claim_provenance", lambda *, claim_id: reference_graph(claim_id)
    )
    for claim_id in claim_ids:
        assert pages[claim_id] == page(claim_id), claim_id
    assert any(b"cycle" in body for body in pages.values())
    assert any(b"<svg" in body for body in pages.values())
