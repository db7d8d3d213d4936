from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import filters, mixins
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound

from api.filters import DocumentFilter, StrictOrderingFilter
from api.serializers.documents import DocumentInput, DocumentSerializer
from api.serializers.errors import ErrorSerializer, ValidationErrorSerializer
from api.views.base import IF_MATCH, ResourceViewSet, RetrieveWithETagMixin
from provenance import services
from provenance.models import Document, DocumentReuse
from provenance.services.reuse import document_reuse_confirm, document_reuse_reject

_ORIGINAL = OpenApiParameter(
    "original_id", int, OpenApiParameter.PATH, description="The document reused."
)


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
        StrictOrderingFilter,
    )
    search_fields = ("title", "url", "publisher__name")
    ordering_fields = ("published_at", "created_at", "title", "id")
    ordering = ("-id",)

    action_permissions = {"reuse_confirm": "change", "reuse_reject": "change"}

    def get_queryset(self):
        reuses = (
            DocumentReuse.objects.exclude(status=DocumentReuse.Status.REJECTED)
            .select_related("original", "decided_by")
            .only(
                "id",
                "copy_id",
                "original_id",
                "original__title",
                "overlap",
                "status",
                "decided_by__username",
                "decided_at",
            )
            .order_by("-overlap", "id")
        )
        return (
            Document.objects.defer("snapshot", "text")
            .select_related("publisher", "created_by")
            .prefetch_related("authors", Prefetch("reuses", reuses))
        )

    def _reuse_decide(self, request, pk, original_id, decide):
        document = self.get_object()
        found = DocumentReuse.objects.filter(copy=document, original_id=original_id).first()
        if found is None:
            raise NotFound(
                f"Document #{document.pk} is not suggested as reusing document #{original_id}."
            )
        decide(reuse_id=found.pk, actor=request.user)
        return self.respond(document)

    @extend_schema(
        summary="Confirm that this document copies another",
        description="Each claim asserted in both documents then depends on the original (a "
        "`reuses` citation), so the copy is no independent origin. Editors only.",
        parameters=[_ORIGINAL],
        request=None,
        responses={200: DocumentSerializer, 400: ValidationErrorSerializer, 404: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"reuses/(?P<original_id>[0-9]{1,18})/confirm")
    def reuse_confirm(self, request, pk=None, original_id=None):
        return self._reuse_decide(request, pk, original_id, document_reuse_confirm)

    @extend_schema(
        summary="Reject a suggested reuse",
        description="The overlap is not copying (a shared press release, a quote): the pair is "
        "never suggested again. Editors only.",
        parameters=[_ORIGINAL],
        request=None,
        responses={200: DocumentSerializer, 400: ValidationErrorSerializer, 404: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"reuses/(?P<original_id>[0-9]{1,18})/reject")
    def reuse_reject(self, request, pk=None, original_id=None):
        return self._reuse_decide(request, pk, original_id, document_reuse_reject)

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
