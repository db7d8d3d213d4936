"""The error shape, for the schema (api.errors builds it)."""

from rest_framework import serializers

# Every `code` an error answer carries: DRF's own, then this API's.
ERROR_CODES = (
    "invalid",
    "parse_error",
    "authentication_failed",
    "not_authenticated",
    "permission_denied",
    "not_found",
    "method_not_allowed",
    "not_acceptable",
    "unsupported_media_type",
    "throttled",
    "error",
    "conflict",
    "duplicate",
    "too_large",
    "precondition_failed",
    "precondition_required",
    "idempotency_key_reused",
    "no_verdict",
    "retracted",
    "server_error",
)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in a sentence.")
    code = serializers.ChoiceField(choices=ERROR_CODES, help_text="A stable machine-readable code.")


class ValidationErrorSerializer(ErrorSerializer):
    # Not required: a body that cannot be parsed at all (code "parse_error") has no fields.
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text='Messages per field; "non_field_errors" for the input as a whole; a field '
        'inside a list or an object by its path ("aliases[3]", "selector.exact").',
    )


class ExistingRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The record already holding these values.")
    url = serializers.URLField(
        allow_null=True, help_text="Its address in this API (null when it has none of its own)."
    )


class DuplicateErrorSerializer(ValidationErrorSerializer):
    existing = ExistingRecordSerializer(help_text="The record that exists already: use it.")
