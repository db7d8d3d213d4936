"""What every resource view shares: permissions, the validate → service → respond flow, and
ETag / If-Match (api.concurrency)."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from api.concurrency import etag, expected_version
from api.links import record_url
from api.permissions import ModelPermissions

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag of your last read (like "v3"); required for PUT and PATCH.',
)


class KnownQueryParameters:
    """Unknown query parameters are a 400 that lists the known ones: a misspelt filter
    (`?circuler=true`) silently returning everything is the costlier mistake.

    Known: `format` everywhere; a list's filters, `search` and `ordering`; `page` and
    `page_size` where the answer is a page; and each action's own (`query_parameters`).
    """

    # action -> the query parameters it reads besides the shared ones.
    query_parameters: dict[str, tuple[str, ...]] = {}
    # Detail actions that answer a page.
    paginated_actions: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not hasattr(self, request.method.lower()):
            # A method this address does not serve: its 405 comes next, whatever the parameters.
            return
        if request.query_params.get("format") == "":
            # DRF reads an empty `format` as none given; the schema lists the formats served.
            formats = ", ".join(sorted({renderer.format for renderer in self.get_renderers()}))
            raise ValidationError({"format": [f"Name a format: {formats}."]})
        unknown = sorted(set(request.query_params) - self.known_query_parameters())
        if unknown:
            known = ", ".join(sorted(self.known_query_parameters())) or "none"
            raise ValidationError(
                {
                    name: [f"Unknown query parameter; this address takes {known}."]
                    for name in unknown
                }
            )

    def known_query_parameters(self) -> set[str]:
        known = {"format", *self.query_parameters.get(getattr(self, "action", None), ())}
        action = getattr(self, "action", None)
        listing = action == "list" or not getattr(self, "detail", True)
        if listing:
            filterset = getattr(self, "filterset_class", None)
            if filterset is not None:
                known.update(filterset.base_filters)
            for backend in getattr(self, "filter_backends", ()):
                if issubclass(backend, SearchFilter):
                    known.add(backend.search_param)
                if issubclass(backend, OrderingFilter):
                    known.add(backend.ordering_param)
        paginator = getattr(self, "paginator", None)
        if paginator is not None and (listing or action in self.paginated_actions):
            known.update(
                name
                for name in (paginator.page_query_param, paginator.page_size_query_param)
                if name
            )
        return known


class ResourceViewSet(KnownQueryParameters, viewsets.GenericViewSet):
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

    def get_object(self):
        # Kept for If-Match: a tag must equal the record's current one (api.concurrency).
        self.current_object = super().get_object()
        return self.current_object

    def expected_version(self, *, required: bool) -> int | None:
        current = getattr(self, "current_object", None)
        return expected_version(self.request, required=required, current=current)

    def respond(self, instance, *, created: bool = False) -> Response:
        """The record as the API shows it, re-read so annotations and relations are fresh."""
        fresh = self.get_queryset().get(pk=instance.pk)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        headers = self._etag(fresh)
        if created:
            # The canonical /api/v1/ address, also when the request came in on the alias.
            headers["Location"] = record_url(f"api:{self.basename}-detail", fresh.pk, self.request)
        return Response(self.get_serializer(fresh).data, status=code, headers=headers)

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
