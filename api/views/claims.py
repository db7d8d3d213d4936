from types import SimpleNamespace

import orjson
from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, OuterRef, Prefetch, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from drf_orjson_renderer.renderers import ORJSONRenderer
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.concurrency import etag
from api.filters import ClaimFilter, ClaimSearchFilter, SearchRankOrderingFilter
from api.parameters import whole_number
from api.serializers.claims import (
    AppearanceSerializer,
    ClaimCreateInput,
    ClaimDetailSerializer,
    ClaimInput,
    ClaimRetractInput,
    ClaimRevertInput,
    ClaimSerializer,
    HistoryEntrySerializer,
)
from api.serializers.provenance import ProvenanceSerializer, provenance_representation
from api.serializers.rows import RowPlan
from api.views.base import IF_MATCH, ResourceViewSet, RetrieveWithETagMixin
from api.views.exports import ClaimExportsMixin
from api.views.matches import ClaimMatchesMixin
from provenance import answer_cache, services
from provenance.analysis import __doc__ as ANALYSIS_DEFINITIONS
from provenance.analysis import analyze
from provenance.compiled import CompiledValues
from provenance.history import claim_history
from provenance.models import Assertion, Claim
from provenance.roles import sees_drafts
from provenance.selectors import (
    assertion_count,
    claim_provenance_with_hints,
    claim_versions,
    published_only,
)

# ClaimDetailSerializer's fields that are not plain rows: built by _detail_from_rows itself.
ROW_DETAIL_EXTRAS = {"assertions", "appearances", "first_appearance", "duplicates"}


def _detail_row(*, drafts: bool, lookups: tuple, claim_id: int):
    """The claim's row for its detail, with the ids of the claims merged into it as one
    "1,2,3" column (a query fewer than reading them apart)."""
    merged = (
        published_only(Claim.objects.filter(duplicate_of=OuterRef("pk")), drafts=drafts)
        .order_by()
        .values("duplicate_of")
        .annotate(ids=StringAgg(Cast("id", CharField()), Value(",")))
        .values("ids")
    )
    claims = published_only(
        Claim.objects.annotate(assertion_count=assertion_count(per="claim")), drafts=drafts
    )
    return (
        claims.filter(pk=claim_id)
        .annotate(merged_ids=Subquery(merged))
        .values(*lookups, "merged_ids")[:1]
    )


def _detail_assertions(*, lookups: tuple, claim_id: int):
    return Assertion.objects.filter(claim_id=claim_id).order_by("id").values(*lookups)


# Compiled once per process (provenance.compiled): composing them was most of the detail's
# Python.
_DETAIL_ROW = CompiledValues(Claim, _detail_row)
_DETAIL_ASSERTIONS = CompiledValues(Assertion, _detail_assertions)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Claims with their verdicts and cached provenance analysis. `?search=` "
        "searches the wording, the context, the quotes and the names of the sources that "
        "assert them; `?independent_origins=1`, `?circular=true`, `?unchecked=true`, "
        "`?flagged=true` filter on the analysis; `?hints=true` lists the claims that need a "
        "look (an automatic change hint on a hop); `?needs_rereview=true` the rated claims "
        "whose wording or chain changed since; `?assignee=` those a user works on; "
        "`?published=false` the drafts. Drafts are listed only to editors and reviewers. "
        "Claims merged into another (`duplicate_of`) are left out unless `?merged=true` "
        "(only them) or `?merged=false` is given.",
    ),
    retrieve=extend_schema(summary="One claim, with its assertions"),
)
class ClaimViewSet(
    ClaimExportsMixin,
    ClaimMatchesMixin,
    mixins.ListModelMixin,
    RetrieveWithETagMixin,
    ResourceViewSet,
):
    filterset_class = ClaimFilter
    filter_backends = (
        *ResourceViewSet.filter_backends,
        ClaimSearchFilter,
        SearchRankOrderingFilter,
    )
    # ?search= is ClaimSearchFilter; search_fields only says so in the schema.
    search_fields = ("text", "context", "assertions__quote", "assertions__source__name")
    ordering_fields = (
        "created_at",
        "updated_at",
        "status",
        "id",
        "independent_origins",
        "chain_depth",
        "unchecked_links",
    )
    ordering = ("-created_at", "-id")
    query_parameters = {
        "provenance": ("max_depth", "max_nodes"),
        "prov": ("as",),
        "matches": ("status",),
    }
    paginated_actions = ("history", "matches")
    action_permissions = {
        "retract": "change",
        "publish": "publish",
        "revert": "change",
        "match_confirm": "change",
        "match_reject": "change",
    }

    def get_queryset(self):
        return published_only(self._claims(), user=self.request.user)

    def _claims(self):
        # Every claim; get_queryset leaves drafts out for those who may not see them.
        if self.action == "history":
            return Claim.objects.only("id")
        queryset = Claim.objects.select_related("created_by", "published_by").annotate(
            assertion_count=assertion_count(per="claim")
        )
        if self.action == "list" and "merged" not in self.request.query_params:
            # A claim merged into another is found through that one, unless asked for.
            queryset = queryset.filter(duplicate_of__isnull=True)
        if self.action != "list":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "assertions",
                    Assertion.objects.select_related("source", "document__publisher").order_by(
                        "id"
                    ),
                ),
                Prefetch(
                    "duplicates",
                    published_only(
                        Claim.objects.only("id", "duplicate_of_id"), user=self.request.user
                    ).order_by("id"),
                ),
            )
        return queryset

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    def list(self, request, *args, **kwargs):
        # The page is read as values() rows and shaped by the serializer's declared fields
        # (api.serializers.rows): DRF's serializer over 20 model instances was half the time.
        plan = RowPlan.of(self.get_serializer_class(), annotations=("assertion_count",))
        if not plan.supported:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset.values(*plan.lookups))
        return self.get_paginated_response([plan.represent(row, request=request) for row in page])

    def retrieve(self, request, *args, **kwargs):
        # The serialized claim is cached under everything it shows (provenance.answer_cache):
        # a hit costs one indexed query instead of three and the serializer.
        found = answer_cache.claim_answer_key("claim", claim_id=int(kwargs["pk"]), request=request)
        if found is None:
            return super().retrieve(request, *args, **kwargs)  # the usual 404
        key, (_, version, graph_version, *_) = found
        data = answer_cache.get(key)
        if data is None:
            data = self._detail_from_rows(int(kwargs["pk"]))
            if data is None:
                # A field the rows cannot build, or a claim the queryset does not show.
                response = super().retrieve(request, *args, **kwargs)
                if response.status_code == 200:
                    answer_cache.put(key, response.data)
                return response
            answer_cache.put(key, data)
        tag = etag(SimpleNamespace(version=version, graph_version=graph_version))
        if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        return Response(data, headers={"ETag": tag})

    def _detail_from_rows(self, claim_id: int) -> dict | None:
        """What ClaimDetailSerializer gives for the claim, built from values() rows (api.
        serializers.rows): two queries and no model instances. None when the serializer
        declares a field the rows cannot build, or the queryset does not show the claim."""
        serializer_class = self.get_serializer_class()
        plan = RowPlan.of(serializer_class, annotations=("assertion_count",))
        assertion_plan = RowPlan.of(RowPlan.child_class(serializer_class, "assertions"))
        appearance_plan = RowPlan.of(AppearanceSerializer)
        if set(plan.unsupported) != ROW_DETAIL_EXTRAS or not (
            assertion_plan.supported and appearance_plan.supported
        ):
            return None
        drafts = sees_drafts(self.request.user)
        rows = _DETAIL_ROW.rows(
            shape={"drafts": drafts, "lookups": tuple(plan.lookups)}, claim_id=claim_id
        )
        if not rows:
            return None
        row = rows[0]
        document_lookups = (
            *assertion_plan.lookups,
            *(f"document__{lookup}" for lookup in appearance_plan.lookups),
            "document__published_at",
        )
        assertions = _DETAIL_ASSERTIONS.rows(shape={"lookups": document_lookups}, claim_id=claim_id)
        # appearances(): each document once, first published first (undated last).
        documents = {}
        for assertion in assertions:
            if assertion["document"] is not None:
                documents.setdefault(assertion["document"], assertion)
        found = sorted(
            documents.values(),
            key=lambda a: (
                a["document__published_at"] is None,
                a["document__published_at"].timestamp() if a["document__published_at"] else 0,
                a["document"],
            ),
        )
        shown = [
            appearance_plan.represent(
                {lookup: a[f"document__{lookup}"] for lookup in appearance_plan.lookups},
                request=self.request,
            )
            for a in found
        ]
        # Sorted here: SQLite before 3.44 cannot order inside an aggregate.
        duplicates = sorted(int(found) for found in (row["merged_ids"] or "").split(",") if found)
        return plan.represent(
            row,
            {
                "assertions": lambda _: [
                    assertion_plan.represent(a, request=self.request) for a in assertions
                ],
                "appearances": lambda _: shown,
                "first_appearance": lambda _: shown[0] if shown else None,
                "duplicates": lambda _: duplicates,
            },
            request=self.request,
        )

    @extend_schema(
        summary="Record a claim",
        description="A new claim is a draft, seen by editors and reviewers only, unless "
        "`publish` is true (which needs the permission to publish).",
        request=ClaimCreateInput,
        responses={201: ClaimDetailSerializer},
    )
    def create(self, request):
        data = self.validated(ClaimCreateInput).validated_data
        claim = services.claim_create(**data, created_by=request.user)
        return self.respond(claim, created=True)

    @extend_schema(
        summary="Reword a claim",
        parameters=[IF_MATCH],
        request=ClaimInput,
        responses=ClaimDetailSerializer,
    )
    def update(self, request, pk=None):
        return self._update(partial=False)

    @extend_schema(
        summary="Change a claim",
        parameters=[IF_MATCH],
        request=ClaimInput,
        responses=ClaimDetailSerializer,
    )
    def partial_update(self, request, pk=None):
        return self._update(partial=True)

    def _update(self, *, partial: bool):
        claim = self.get_object()
        data = self.validated(ClaimInput, partial=partial).validated_data
        claim = services.claim_update(
            claim=claim,
            expected_version=self.expected_version(required=True),
            actor=self.request.user,
            **data,
        )
        return self.respond(claim)

    @extend_schema(
        summary="Retract a claim",
        description="Claims are retracted, not deleted: the claim stays, marked and explained.",
        parameters=[IF_MATCH],
        request=ClaimRetractInput,
        responses=ClaimDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def retract(self, request, pk=None):
        claim = self.get_object()
        note = self.validated(ClaimRetractInput).validated_data["note"]
        claim = services.claim_retract(
            claim=claim,
            note=note,
            expected_version=self.expected_version(required=False),
            actor=request.user,
        )
        return self.respond(claim)

    @extend_schema(
        summary="Publish a draft claim",
        description="From now on the claim shows on the public pages, in the exports and to "
        "anonymous API clients; the history records who published it and when. Needs the "
        "permission to publish (editors and reviewers). A claim published already is a 400.",
        parameters=[IF_MATCH],
        request=None,
        responses=ClaimDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        claim = self.get_object()
        claim = services.claim_publish(
            claim=claim,
            expected_version=self.expected_version(required=False),
            actor=request.user,
        )
        return self.respond(claim)

    @extend_schema(
        summary="Bring back an earlier wording",
        description="Restores the text and context of a revision from the claim's history as a "
        "new revision: history is never rewritten.",
        parameters=[IF_MATCH],
        request=ClaimRevertInput,
        responses=ClaimDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def revert(self, request, pk=None):
        claim = self.get_object()
        revision = self.validated(ClaimRevertInput).validated_data["revision"]
        claim = services.claim_revert(
            claim=claim,
            revision=revision,
            expected_version=self.expected_version(required=False),
            actor=request.user,
        )
        return self.respond(claim)

    @extend_schema(
        summary="Who changed what on this claim and its chain",
        description="Every recorded change to the claim, its assertions, their citations and "
        "its verdicts, newest first, with field-by-field changes and who made them.",
        responses=HistoryEntrySerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        claim = self.get_object()
        page = self.paginate_queryset(claim_history(claim_id=claim.pk))
        data = HistoryEntrySerializer(page, many=True).data
        return self.get_paginated_response(data)

    @extend_schema(
        summary="The claim's provenance graph and its analysis",
        description=(
            "Every assertion of the claim and everything upstream of it along citations "
            "(an edge `from` A `to` B means A cites B), with the analysis: origins, independent "
            "origins, circular reporting, depth, links checked and a summary in words. "
            "Answered in a constant number of SQL queries whatever the graph's size; "
            "`truncated` is true when the depth or node cap cut the graph.\n\n"
            + ANALYSIS_DEFINITIONS
        ),
        parameters=[
            OpenApiParameter(
                "max_depth",
                int,
                description="Hops to follow upstream (default and maximum: the server's cap, "
                "50 unless configured).",
            ),
            OpenApiParameter(
                "max_nodes",
                int,
                description="Assertions to return at most, nearest first (default and maximum: "
                "the server's cap, 500 unless configured).",
            ),
        ],
        responses=ProvenanceSerializer,
    )
    # JSON only: the answer is cached bytes, so there is nothing to negotiate.
    @action(detail=True, methods=["get"], renderer_classes=[ORJSONRenderer])
    def provenance(self, request, pk=None):
        caps = self._provenance_caps(request)
        versions = claim_versions(claim_id=int(pk))  # the route admits only 1-18 digits
        if versions is None or (not versions[4] and not sees_drafts(request.user)):
            raise Http404  # unknown, or a draft the requester may not see
        version, graph_version, created_at, claim, _ = versions
        # The claim's version and graph version change with anything the answer shows, so a
        # cached body under these keys is never stale and needs no deletion (it ages out).
        tag = f'"p{version}-{graph_version}-{caps["max_depth"]}-{caps["max_nodes"]}"'
        if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            return HttpResponse(status=304, headers={"ETag": tag})
        # The creation time guards against a restored database handing out an old id again.
        # The origin too: the body holds absolute API addresses of the host asked.
        origin = f"{request.scheme}://{request.get_host()}"
        key = f"provenance:{pk}:{created_at.timestamp()}:{origin}:{tag}"
        body = cache.get(key)
        if body is None:
            # The claim read with its versions holds what the answer's "claim" block shows.
            graph, hints = claim_provenance_with_hints(claim_id=claim.pk, **caps)
            body = orjson.dumps(
                provenance_representation(claim, graph, analyze(graph), hints, request=request)
            )
            cache.set(key, body, settings.PROVENANCE_CACHE_SECONDS)
        return HttpResponse(body, content_type="application/json", headers={"ETag": tag})

    def _provenance_caps(self, request) -> dict:
        caps = {
            "max_depth": settings.PROVENANCE_MAX_DEPTH,
            "max_nodes": settings.PROVENANCE_MAX_NODES,
        }
        for name, ceiling, floor in (
            ("max_depth", settings.PROVENANCE_MAX_DEPTH, 0),
            ("max_nodes", settings.PROVENANCE_MAX_NODES, 1),
        ):
            raw = request.query_params.get(name)
            if raw is None:
                continue
            caps[name] = whole_number(raw, floor=floor, ceiling=ceiling)
            if caps[name] is None:
                raise ValidationError(
                    {name: [f"Must be a whole number from {floor} to {ceiling}."]}
                )
        return caps
