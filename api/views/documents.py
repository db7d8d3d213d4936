from django.db.models import Prefetch
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from api.filters import DocumentFilter, StrictOrderingFilter, TextSearchFilter
from api.serializers.documents import DocumentInput, DocumentSerializer
from api.serializers.errors import ErrorSerializer, ValidationErrorSerializer
from api.serializers.evidence import (
    ArchiveLinkInput,
    ArchiveLinkSerializer,
    CaptureSerializer,
    SourceCheckSerializer,
)
from api.views.base import IF_MATCH, ResourceViewSet, RetrieveWithETagMixin
from provenance import services
from provenance.models import ArchiveLink, Capture, Document, DocumentReuse, SourceCheck
from provenance.services.archives import archive_link_add
from provenance.services.captures import capture_open
from provenance.services.reuse import document_reuse_confirm, document_reuse_reject

_CAPTURE = OpenApiParameter(
    "capture_id", int, OpenApiParameter.PATH, description="The capture's id."
)
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
        TextSearchFilter,
        StrictOrderingFilter,
    )
    search_fields = ("title", "url", "publisher__name")
    ordering_fields = ("published_at", "created_at", "title", "id")
    ordering = ("-id",)
    # They answer pages: without `page` known, their `next` link was a 400.
    paginated_actions = ("captures", "checks", "archive_links")

    action_permissions = {
        "reuse_confirm": "change",
        "reuse_reject": "change",
        "archive_links": "change",
    }

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
        summary="The document's web-archive captures, newest first",
        description="Each fetch of its address kept as a WARC file (request, response headers "
        "and status, final address, fetch time, body with its SHA-256). A body fetched again "
        "unchanged is not stored twice. Empty for a document uploaded or pasted.",
        responses={200: CaptureSerializer(many=True), 404: ErrorSerializer},
    )
    @action(detail=True, methods=["get"])
    def captures(self, request, pk=None):
        document = self.get_object()
        page = self.paginate_queryset(Capture.objects.filter(document=document))
        return self.get_paginated_response(CaptureSerializer(page, many=True).data)

    @extend_schema(
        summary="Download one capture's WARC file",
        parameters=[_CAPTURE],
        responses={
            (200, "application/warc"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The gzipped WARC file."
            ),
            404: ErrorSerializer,
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"captures/(?P<capture_id>[0-9]{1,18})/warc",
        pagination_class=None,
    )
    def capture_warc(self, request, pk=None, capture_id=None):
        document = self.get_object()
        capture = Capture.objects.filter(document=document, pk=capture_id).first()
        if capture is None:
            raise NotFound(f"Document #{document.pk} has no capture #{capture_id}.")
        response = FileResponse(
            capture_open(capture=capture),
            as_attachment=True,
            filename=f"document-{document.pk}-capture-{capture.pk}.warc.gz",
            content_type="application/warc",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @extend_schema(
        summary="The watch's checks of the document's address, newest first",
        description="Each re-fetch: live, moved (redirected), gone (404/410, or no DNS several "
        "times in a row), changed (the extracted article text differs; `diff` holds the "
        "changed passages, `note` says what, naming removed quotes) or failed (retried later).",
        responses={200: SourceCheckSerializer(many=True), 404: ErrorSerializer},
    )
    @action(detail=True, methods=["get"])
    def checks(self, request, pk=None):
        document = self.get_object()
        page = self.paginate_queryset(SourceCheck.objects.filter(document=document))
        return self.get_paginated_response(SourceCheckSerializer(page, many=True).data)

    @extend_schema(
        methods=["GET"],
        summary="Addresses of the document's copies in public web archives",
        responses={200: ArchiveLinkSerializer(many=True), 404: ErrorSerializer},
    )
    @extend_schema(
        methods=["POST"],
        summary="Record the address of an archived copy",
        description="Editors only. An address recorded already is answered as it is (200).",
        request=ArchiveLinkInput,
        responses={
            201: ArchiveLinkSerializer,
            200: ArchiveLinkSerializer,
            400: ValidationErrorSerializer,
            404: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="archive-links")
    def archive_links(self, request, pk=None):
        document = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(
                ArchiveLink.objects.filter(document=document).select_related("created_by")
            )
            return self.get_paginated_response(ArchiveLinkSerializer(page, many=True).data)
        data = self.validated(ArchiveLinkInput).validated_data
        before = ArchiveLink.objects.filter(document=document, url=data["url"]).exists()
        link = archive_link_add(document=document, actor=request.user, **data)
        code = status.HTTP_200_OK if before else status.HTTP_201_CREATED
        return Response(ArchiveLinkSerializer(link).data, status=code)

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
