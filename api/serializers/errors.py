"""The error shape, for the schema (api.errors builds it)."""

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    code = serializers.CharField(help_text="A stable machine-readable code.")


class ValidationErrorSerializer(ErrorSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text='Messages per field; "non_field_errors" for the input as a whole.',
    )
