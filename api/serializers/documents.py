from collections.abc import Mapping

from rest_framework import serializers

from api.links import SelfLinkField
from api.serializers.common import DOCUMENT_API_URL_HELP, SourceBriefSerializer, UsernameField
from api.serializers.matches import DocumentReuseSerializer
from api.serializers.strict import StrictCharField, StrictInput
from provenance.models import Document, Source


class DocumentSerializer(serializers.ModelSerializer):
    api_url = SelfLinkField("api:document-detail", help_text=DOCUMENT_API_URL_HELP)
    publisher = SourceBriefSerializer(read_only=True, allow_null=True)
    authors = SourceBriefSerializer(many=True, read_only=True)
    created_by = UsernameField()
    reuses = DocumentReuseSerializer(
        many=True,
        read_only=True,
        help_text="Earlier documents whose text this one reuses without citing them, suggested "
        "by overlap or confirmed by an editor (rejected ones are left out).",
    )

    class Meta:
        model = Document
        fields = (
            "id",
            "api_url",
            "url",
            "title",
            "publisher",
            "authors",
            "published_at",
            "retrieved_at",
            "status",
            "status_note",
            "snapshot_type",
            "snapshot_sha256",
            "source_state",
            "source_note",
            "reuses",
            "version",
            "created_by",
            "created_at",
            "updated_at",
        )


class IdListField(serializers.ManyRelatedField):
    """A JSON list of ids. DRF's many-relation field takes any iterable, so an object was read
    as the list of its keys (`{}` as no authors) instead of being refused."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class DocumentInput(StrictInput):
    title = StrictCharField(max_length=500)
    url = serializers.URLField(required=False, allow_null=True, allow_blank=True, max_length=2000)
    publisher = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True
    )
    authors = IdListField(
        child_relation=serializers.PrimaryKeyRelatedField(queryset=Source.objects.all()),
        required=False,
    )
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Document.Status.choices, required=False)
    status_note = StrictCharField(required=False, allow_blank=True)
