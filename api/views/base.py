"""What every resource view shares: permissions, and the validate → service → respond flow."""

from rest_framework import status, viewsets
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from api.permissions import ModelPermissions


class ResourceViewSet(viewsets.GenericViewSet):
    permission_classes = (ModelPermissions,)

    def validated(self, input_class: type[Serializer], *, partial: bool = False) -> Serializer:
        serializer = input_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer

    def respond(self, instance, *, created: bool = False) -> Response:
        """The record as the API shows it, re-read so annotations and relations are fresh."""
        fresh = self.get_queryset().get(pk=instance.pk)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(self.get_serializer(fresh).data, status=code)
