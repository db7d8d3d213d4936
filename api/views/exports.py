"""Claim exports over the API: ClaimReview JSON-LD, W3C PROV, and the claims as CSV.

A mixin of ClaimViewSet, so the routes sit under /api/claims/ and share its filters and its
permissions (anyone may read).
"""

import orjson
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from api.renderers import (
    CSVRenderer,
    ErrorsAsJSON,
    JSONLDRenderer,
    PROVJSONRenderer,
    PROVNRenderer,
    TurtleRenderer,
)
from api.serializers.errors import ErrorSerializer, ValidationErrorSerializer
from api.serializers.provenance import provenance_representation
from provenance.analysis import analyze
from provenance.evidence.bundle import bundle_zip
from provenance.exports import prov
from provenance.exports.bundle import bundle_capture_files
from provenance.exports.csv import claims_csv_rows, csv_lines
from provenance.models import Claim
from provenance.public.claimreview import (
    NO_VERDICT,
    RETRACTED,
    claim_claimreview,
    claim_url,
)
from provenance.selectors import claim_provenance, graph_hints, published_only

_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such claim.")


# No docstring: drf-spectacular would take it as the description of every claims operation.
class ClaimExportsMixin(ErrorsAsJSON):
    # `claimreview` and `prov` (detail) and `export` (list) actions for ClaimViewSet.

    def _claim(self, request, pk) -> Claim:
        # The exports need the claim row alone, not the detail view's prefetched assertions.
        # A draft is not public: 404 to whoever may not see drafts, as for the claim itself.
        claims = published_only(Claim.objects.all(), user=request.user)
        claim = get_object_or_404(claims, pk=pk)
        self.check_object_permissions(request, claim)
        return claim

    @extend_schema(
        summary="The claim's fact check as ClaimReview JSON-LD (schema.org)",
        description=(
            "The newest verdict as search engines read fact checks: `claimReviewed`, "
            "`reviewRating` (`alternateName` always; `ratingValue` from `worstRating` 1 = false "
            "to `bestRating` 5 = true for verdicts on that scale), `itemReviewed` (the Claim, "
            "its author, date and appearances), `author` (the publisher), `datePublished` and "
            "`url` (the public claim page). A claim without a concluded verdict (none yet, "
            "unverified, or in review) has no ClaimReview, nor has a retracted claim: 404."
        ),
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="ClaimReview JSON-LD."
            ),
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="The same JSON-LD, for clients that ask JSON."
            ),
            404: OpenApiResponse(
                ErrorSerializer,
                description="No such claim, the claim has no verdict yet, or it is retracted.",
                examples=[
                    OpenApiExample(
                        "No verdict yet", value={"detail": NO_VERDICT, "code": "no_verdict"}
                    ),
                    OpenApiExample("Retracted", value={"detail": RETRACTED, "code": "retracted"}),
                ],
            ),
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, ORJSONRenderer])
    def claimreview(self, request, pk=None):
        claim = self._claim(request, pk)
        if claim.retracted_at is not None:
            raise NotFound(RETRACTED, code="retracted")
        review = claim.reviews.order_by("-created_at", "-id").first()
        graph = claim_provenance(claim_id=claim.pk)
        data = claim_claimreview(
            request, claim=claim, review=review, graph=graph, analysis=analyze(graph)
        )
        if data is None:
            raise NotFound(NO_VERDICT, code="no_verdict")
        # The type negotiated: ld+json by default, application/json when that is asked for.
        return Response(data)

    @extend_schema(
        summary="The claim's provenance in W3C PROV",
        description=(
            "Assertions as entities (specializations of their claim), sources as agents, "
            "documents as collections of their assertions; each assertion wasAttributedTo its "
            "source; each citation is wasQuotedFrom (quotes), hadPrimarySource (a derivation "
            "from an origin), wasDerivedFrom (cites, paraphrases, translates, links to) or "
            "wasInfluencedBy (confirms, denies), with `prv:relation` and `prv:fidelity`."
        ),
        parameters=[
            OpenApiParameter(
                "as",
                str,
                enum=list(prov.FORMATS),
                description="Serialisation: `json` (PROV-JSON, the default), `provn` (PROV-N) "
                "or `turtle` (PROV-O in Turtle).",
            )
        ],
        responses={
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="PROV-JSON."
            ),
            (200, "text/provenance-notation"): OpenApiResponse(
                OpenApiTypes.STR, description="PROV-N."
            ),
            (200, "text/turtle"): OpenApiResponse(OpenApiTypes.STR, description="PROV-O, Turtle."),
            400: OpenApiResponse(ValidationErrorSerializer, description="Unknown `as` format."),
            404: _NOT_FOUND,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="prov",
        renderer_classes=[PROVJSONRenderer, PROVNRenderer, TurtleRenderer],
    )
    def prov(self, request, pk=None):
        # `?as=` (kept from before negotiation) wins; else `Accept` or `?format=` decide.
        fmt = request.query_params.get("as", request.accepted_renderer.format)
        if fmt not in prov.FORMATS:
            choices = ", ".join(prov.FORMATS)
            raise ValidationError({"as": [f'"{fmt}" is not a PROV format; choose {choices}.']})
        claim = self._claim(request, pk)
        graph = claim_provenance(claim_id=claim.pk)
        document = prov.prov_document(
            graph,
            analyze(graph),
            base_url=request.build_absolute_uri("/"),
            claim_text=claim.text,
        )
        text, media_type = prov.serialize(document, fmt)
        return HttpResponse(text, content_type=f"{media_type}; charset=utf-8")

    @extend_schema(
        summary="The claim's evidence bundle (zip), verifiable offline",
        description=(
            "One zip: `graph.json` (the provenance graph and analysis), `claimreview.json` "
            "(when the claim has a verdict), `prov.json` (W3C PROV-JSON), `captures/` (the "
            "newest WARC capture of every document in the graph, and `index.json` naming each "
            "with its hashes and the quotes it holds, with their TextQuoteSelectors) and "
            "`manifest.json` (every file's SHA-256). `manage.py verify_bundle FILE` checks it."
        ),
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The bundle."
            ),
            404: _NOT_FOUND,
        },
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def bundle(self, request, pk=None):
        claim = self._claim(request, pk)
        graph = claim_provenance(claim_id=claim.pk)
        analysis = analyze(graph)
        files = bundle_capture_files(graph=graph)
        files["graph.json"] = orjson.dumps(
            provenance_representation(claim, graph, analysis, graph_hints([graph])),
            option=orjson.OPT_INDENT_2,
        )
        review = claim.reviews.order_by("-created_at", "-id").first()
        if claim.retracted_at is None:
            data = claim_claimreview(
                request, claim=claim, review=review, graph=graph, analysis=analysis
            )
            if data is not None:
                files["claimreview.json"] = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        document = prov.prov_document(
            graph, analysis, base_url=request.build_absolute_uri("/"), claim_text=claim.text
        )
        files["prov.json"] = prov.serialize(document, "json")[0].encode()
        about = {
            "claim": {"id": claim.pk, "text": claim.text, "url": claim_url(request, claim.pk)},
            "created_at": timezone.now().isoformat(),
        }
        response = HttpResponse(
            bundle_zip(files=files, about=about), content_type="application/zip"
        )
        response["Content-Disposition"] = f'attachment; filename="claim-{claim.pk}-evidence.zip"'
        return response

    @extend_schema(
        summary="Claims as CSV",
        filters=True,
        description=(
            "One row per claim, with the list's filters and search: id, claim, status, "
            "independent_origins, depth, circular, unchecked_links, retracted, url. Streamed; "
            "cells a spreadsheet would run as formulas start with an apostrophe."
        ),
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, UTF-8."),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="export",
        pagination_class=None,
        renderer_classes=[CSVRenderer],
    )
    def export(self, request):
        claims = self.filter_queryset(published_only(Claim.objects.all(), user=request.user))
        rows = claims_csv_rows(claims.iterator(), url_for=lambda c: claim_url(request, c.pk))
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response
