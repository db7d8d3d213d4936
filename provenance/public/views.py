"""Server-rendered public pages: the claim index, a claim with its drawn provenance, a source.

They work without JavaScript; the drawing is inline SVG and the chains are also a text list.
"""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from provenance import answer_cache
from provenance.chains import chain_views
from provenance.drawing import draw
from provenance.models import Claim
from provenance.public import selectors
from provenance.public.claimreview import claim_claimreview, claim_url
from provenance.roles import sees_drafts

CLAIMS_PER_PAGE = 20
ASSERTIONS_PER_PAGE = 25
# Inside <script>, "</script>" or "<!--" in a claim's wording would end the block early.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _verdicts(counts: dict[str, int]) -> list[dict]:
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Claim.Verdict.choices
    ]


def _links(page: selectors.ClaimPage) -> list[dict]:
    """Every citation in words, loops marked: the text version of the drawing's arrows."""
    in_cycle = {node_id: i for i, cycle in enumerate(page.analysis.cycles) for node_id in cycle}
    return [
        {
            "citing": page.graph.node(edge.citing),
            "cited": page.graph.node(edge.cited),
            "edge": edge,
            "cycle": edge.citing in in_cycle and in_cycle[edge.citing] == in_cycle.get(edge.cited),
        }
        for edge in page.graph.edges
    ]


def _document_rows(documents: list) -> list[dict]:
    """Each document with its newest archived copy, and whether the original is gone."""
    archives = selectors.newest_archive_links(document_ids=[d.id for d in documents])
    return [
        {"document": d, "archive": archives.get(d.id), "gone": d.source_state == "gone"}
        for d in documents
    ]


def claim_index(request: HttpRequest) -> HttpResponse:
    """Claims, newest first; `?q=` searches, `?status=` filters by verdict, `?page=` pages."""
    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    if status not in Claim.Verdict.values:
        status = ""
    drafts = sees_drafts(request.user)
    claims = selectors.public_claims(query=query, status=status, drafts=drafts)
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "public/claim_list.html",
        {
            "page": page,
            "query": query,
            "status": status,
            "verdicts": _verdicts(selectors.verdict_counts(drafts=drafts)),
            "drafts": drafts,
        },
    )


def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    """The claim, its verdict and rationale, the drawn chain and its text version.

    A claim merged into another (a confirmed match) answers with a permanent redirect to the
    claim it became part of: its assertions and chains are shown there.

    The rendered page is cached under the claim's versions (provenance.answer_cache), with the
    request's CSP nonce put in place of the one it was rendered with: a hit is one query.
    """
    found = answer_cache.claim_answer_key("public-claim", claim_id=claim_id, request=request)
    if found is not None and (cached := answer_cache.get(found[0])) is not None:
        body, rendered_nonce = cached
        if rendered_nonce and (nonce := get_nonce(request)) is not None:
            body = body.replace(rendered_nonce.encode(), str(nonce).encode())
        return HttpResponse(body)
    response = _claim_detail(request, claim_id)
    if found is not None and response.status_code == 200:
        nonce = get_nonce(request)
        answer_cache.put(found[0], (response.content, str(nonce) if nonce else ""))
    return response


def _claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    page = selectors.claim_page(claim_id=claim_id)
    if page.claim.is_draft and not sees_drafts(request.user):
        raise Http404("No such claim.")  # a draft is not public: as if it did not exist
    if page.claim.duplicate_of_id is not None:
        return redirect("public:claim", claim_id=page.claim.duplicate_of_id, permanent=True)
    # A draft has no fact check to publish yet: no JSON-LD for search engines in its page.
    claimreview = (
        None
        if page.claim.is_draft
        else claim_claimreview(
            request,
            claim=page.claim,
            review=page.newest_review,
            graph=page.graph,
            analysis=page.analysis,
        )
    )
    jsonld = None
    if claimreview is not None:
        text = json.dumps(claimreview, ensure_ascii=False, indent=2)
        jsonld = mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 -- escaped above.
    return render(
        request,
        "public/claim_detail.html",
        {
            "claim": page.claim,
            "reviews": page.reviews,
            "newest_review": page.newest_review,
            "graph": page.graph,
            "analysis": page.analysis,
            "chains": chain_views(page.graph, page.analysis),
            "drawing": draw(page.graph, page.analysis, id_prefix=f"claim-{claim_id}"),
            "documents": page.documents,
            "document_rows": _document_rows(page.documents),
            "appearances": page.appearances,
            "links": _links(page),
            "claimreview": jsonld,
            "canonical_url": claim_url(request, claim_id),
        },
    )


def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    """A source's track record: the claims it asserted and how they were rated."""
    source = selectors.public_source(source_id=source_id)
    drafts = sees_drafts(request.user)
    assertions = selectors.source_assertions(source=source, drafts=drafts)
    page = Paginator(assertions, ASSERTIONS_PER_PAGE).get_page(request.GET.get("page"))
    counts = selectors.source_verdict_counts(source=source, drafts=drafts)
    return render(
        request,
        "public/source_detail.html",
        {
            "source": source,
            "page": page,
            "verdicts": [v for v in _verdicts(counts) if v["count"]],
            "claim_total": sum(counts.values()),
            "drafts": drafts,
        },
    )
