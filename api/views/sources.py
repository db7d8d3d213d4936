from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from api.filters import SourceFilter, StrictOrderingFilter, TextSearchFilter
from api.serializers.sources import SourceInput, SourceSerializer
from api.views.base import IF_MATCH, ResourceViewSet, RetrieveWithETagMixin
from provenance import services
from provenance.models import Source


@extend_schema_view(
    list=extend_schema(
        summary="List sources",
        description="Outlets, people, organizations, "
        "anonymous sources and documents; filter by kind and name.",
    ),
    retrieve=extend_schema(summary="One source"),
)
class SourceViewSet(mixins.ListModelMixin, RetrieveWithETagMixin, ResourceViewSet):
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    filter_backends = (
        *ResourceViewSet.filter_backends,
        TextSearchFilter,
        StrictOrderingFilter,
    )
    search_fields = ("name", "aliases__name", "descriptor")
    ordering_fields = ("name", "kind", "created_at", "updated_at", "id")
    ordering = ("name", "id")

    def get_queryset(self):
        return Source.objects.select_related("affiliation").prefetch_related("aliases")

    @extend_schema(
        summary="Create a source", request=SourceInput, responses={201: SourceSerializer}
    )
    def create(self, request):
        source = services.source_create(**self.validated(SourceInput).to_service())
        return self.respond(source, created=True)

    @extend_schema(
        summary="Replace a source",
        parameters=[IF_MATCH],
        request=SourceInput,
        responses=SourceSerializer,
    )
    def update(self, request, pk=None):
        return self._update(partial=False)

    @extend_schema(
        summary="Change a source",
        parameters=[IF_MATCH],
        request=SourceInput,
        responses=SourceSerializer,
    )
    def partial_update(self, request, pk=None):
        return self._update(partial=True)

    @transaction.atomic
    def _update(self, *, partial: bool):
        source = self.get_object()
        data = self.validated(SourceInput, partial=partial).to_service()
        aliases = data.pop("aliases", None)
        source = services.source_update(
            source=source,
            expected_version=self.expected_version(required=True),
            actor=self.request.user,
            **data,
        )
        if aliases is not None:
            services.source_aliases_set(source=source, names=aliases)
        return self.respond(source)
