"""What every resource view shares: permissions, the validate → service → respond flow, and
ETag / If-Match (api.concurrency)."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from api.concurrency import etag, expected_version
from api.permissions import ModelPermissions

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag of your last read (like "v3"); required for PUT and PATCH.',
)


class ResourceViewSet(viewsets.GenericViewSet):
    permission_classes = (ModelPermissions,)
    # Ids are 64-bit numbers: anything else in their place ("abc", "²", 25 digits) is an unknown
    # address (404) before any view, int() or database sees it.
    lookup_value_regex = r"[0-9]{1,18}"

    def filter_queryset(self, queryset):
        # Filters, search and ordering are for lists (`detail=False` actions). DRF applies them
        # to detail views too, which builds a FilterSet and its form per request: most of a
        # cached read's time.
        if getattr(self, "detail", False):
            return queryset
        return super().filter_queryset(queryset)

    def validated(self, input_class: type[Serializer], *, partial: bool = False) -> Serializer:
        serializer = input_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer

    def expected_version(self, *, required: bool) -> int | None:
        return expected_version(self.request, required=required)

    def respond(self, instance, *, created: bool = False) -> Response:
        """The record as the API shows it, re-read so annotations and relations are fresh."""
        fresh = self.get_queryset().get(pk=instance.pk)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(fresh).data, status=code, headers=self._etag(fresh))

    def _etag(self, instance) -> dict:
        return {"ETag": etag(instance)} if hasattr(instance, "version") else {}


class RetrieveWithETagMixin(mixins.RetrieveModelMixin):
    """GET with an ETag; `If-None-Match` with the current ETag answers 304 Not Modified."""

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        tag = etag(instance)
        if tag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
        return Response(self.get_serializer(instance).data, headers={"ETag": tag})
