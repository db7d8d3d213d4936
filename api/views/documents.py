from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import filters, mixins

from api.filters import DocumentFilter
from api.serializers.documents import DocumentInput, DocumentSerializer
from api.views.base import IF_MATCH, ResourceViewSet, RetrieveWithETagMixin
from provenance import services
from provenance.models import Document


@extend_schema_view(
    list=extend_schema(summary="List documents"),
    retrieve=extend_schema(summary="One document"),
)
class DocumentViewSet(mixins.ListModelMixin, RetrieveWithETagMixin, ResourceViewSet):
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    filter_backends = (
        *ResourceViewSet.filter_backends,
        filters.SearchFilter,
        filters.OrderingFilter,
    )
    search_fields = ("title", "url", "publisher__name")
    ordering_fields = ("published_at", "created_at", "title", "id")
    ordering = ("-id",)

    def get_queryset(self):
        return (
            Document.objects.defer("snapshot", "text")
            .select_related("publisher", "created_by")
            .prefetch_related("authors")
        )

    @extend_schema(
        summary="Record a document", request=DocumentInput, responses={201: DocumentSerializer}
    )
    def create(self, request):
        document = services.document_create(
            **self.validated(DocumentInput).validated_data, created_by=request.user
        )
        return self.respond(document, created=True)

    @extend_schema(
        summary="Replace a document",
        parameters=[IF_MATCH],
        request=DocumentInput,
        responses=DocumentSerializer,
    )
    def update(self, request, pk=None):
        return self._update(partial=False)

    @extend_schema(
        summary="Change a document",
        parameters=[IF_MATCH],
        request=DocumentInput,
        responses=DocumentSerializer,
    )
    def partial_update(self, request, pk=None):
        return self._update(partial=True)

    def _update(self, *, partial: bool):
        document = self.get_object()
        data = dict(self.validated(DocumentInput, partial=partial).validated_data)
        document = services.document_update(
            document=document,
            expected_version=self.expected_version(required=True),
            actor=self.request.user,
            **data,
        )
        return self.respond(document)
