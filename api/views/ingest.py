"""`POST /api/ingest/`: preview an article's extraction, then confirm to record it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import PayloadTooLarge
from api.parsers import JSONParser
from api.serializers.errors import ErrorSerializer
from api.serializers.ingest import IngestInput, IngestPreviewSerializer, IngestResultSerializer
from provenance import services
from provenance.ingest import (
    MAX_CONTENT_BYTES,
    ContentTooLarge,
    ExtractionError,
    Fetched,
    FetchError,
)

INGEST_PERMISSIONS = ("provenance.add_document", "provenance.add_claim")


class CanIngest(BasePermission):
    message = "Ingesting an article needs the permissions to add documents and claims."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(INGEST_PERMISSIONS))


class IngestView(APIView):
    permission_classes = (CanIngest,)
    parser_classes = (JSONParser, MultiPartParser, FormParser)

    @extend_schema(
        operation_id="ingest",
        summary="Ingest an article: preview, then confirm",
        description=(
            "Send an article as `content` (JSON), as a `file` (multipart), or as a `url` with "
            "`fetch: true`. With `confirm: false` (the default) the answer is a preview: the "
            "extraction (publisher, authors, sources, citations, quotes, claims), how each "
            "source resolves (an existing record by name or alias, or new), and what would be "
            "created; nothing is written. Send it back with `confirm: true`, and optionally an "
            "`extraction` corrected by an editor (same shape; checked strictly, errors keyed by "
            "path such as `claims[2].text`), to record the document, its sources, draft claims, "
            "assertions and unchecked citations in one transaction. Content already recorded "
            "(same SHA-256, or same canonical URL) is not recorded twice: the answer is 200 with "
            "`already_ingested: true`. Needs the permissions to add documents and claims."
        ),
        request={"application/json": IngestInput, "multipart/form-data": IngestInput},
        responses={
            200: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="IngestOutcome",
                    serializers=[IngestPreviewSerializer, IngestResultSerializer],
                    resource_type_field_name=None,
                ),
                description="The preview (`confirm: false`), or the document recorded before "
                "(`confirm: true`, `already_ingested: true`).",
            ),
            201: OpenApiResponse(IngestResultSerializer, description="Recorded."),
            413: OpenApiResponse(
                ErrorSerializer,
                description="Too large: the request body, or the article (over 10 MiB).",
            ),
        },
    )
    def post(self, request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        # Checked before reading: the JSON parser reads the body whatever its size.
        if length.isdigit() and limit is not None and int(length) > limit:
            raise PayloadTooLarge(
                f"The request body is {int(length):,} bytes; the limit is {limit:,} bytes."
            )
        data = IngestInput(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        try:
            content, url, content_type, fetched = self._article(data)
            arguments = {
                "content": content,
                "url": url,
                "content_type": content_type,
                "extraction": data.get("extraction"),
            }
            if not data["confirm"]:
                preview = services.ingestion_preview(**arguments)
                return Response(preview.as_dict())
            result = services.ingestion_apply(
                **arguments, created_by=request.user, fetched=fetched, publish=data["publish"]
            )
        except ContentTooLarge as error:
            if isinstance(error, FetchError):
                raise ValidationError({"url": str(error)}, code="too_large") from None
            raise PayloadTooLarge(str(error)) from None
        except FetchError as error:
            raise ValidationError({"url": str(error)}, code="fetch") from None
        except ExtractionError as error:
            field = "file" if "file" in data else "content"
            raise ValidationError({field: str(error)}, code="unreadable") from None
        code = status.HTTP_200_OK if result.already_ingested else status.HTTP_201_CREATED
        return Response(result.as_dict(), status=code)

    def _article(self, data: dict) -> tuple[bytes, str | None, str | None, Fetched | None]:
        """The article's bytes, its URL, its content type, and the fetch when it was fetched
        (kept as a capture), from whichever way it came."""
        url = data.get("url") or None
        if data["fetch"]:
            fetched = services.ingestion_fetch(url=url)
            kind = services.ingestion_content_type(declared=fetched.content_type)
            return fetched.content, fetched.final_url, kind, fetched
        declared = data.get("content_type") or None
        if "file" in data:
            upload = data["file"]
            if upload.size > MAX_CONTENT_BYTES:
                raise ContentTooLarge(
                    f"The file is {upload.size:,} bytes; the limit is {MAX_CONTENT_BYTES:,} bytes."
                )
            kind = services.ingestion_content_type(
                filename=upload.name, declared=declared or upload.content_type
            )
            return upload.read(), url, kind, None
        content, kind = services.ingestion_text_content(text=data["content"], content_type=declared)
        return content, url, kind, None
