"""Captures, source checks and archive links of a document."""

from rest_framework import serializers

from api.links import PREFIX
from api.serializers.common import UsernameField
from provenance.models import ArchiveLink, ArchiveService, Capture, SourceCheck


class CaptureSerializer(serializers.ModelSerializer):
    warc_url = serializers.SerializerMethodField(help_text="Where to download the WARC file.")

    class Meta:
        model = Capture
        fields = (
            "id",
            "url",
            "final_url",
            "status",
            "content_type",
            "fetched_at",
            "sha256",
            "size",
            "warc_sha256",
            "warc_size",
            "warc_url",
            "text",
        )

    def get_warc_url(self, capture: Capture) -> str:
        return f"{PREFIX}documents/{capture.document_id}/captures/{capture.pk}/warc/"


class SourceCheckSerializer(serializers.ModelSerializer):
    diff = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text='Changed passages of the article text: [{"removed": "…", "added": "…"}].',
    )

    class Meta:
        model = SourceCheck
        fields = ("id", "checked_at", "result", "status", "final_url", "capture", "note", "diff")


class ArchiveLinkSerializer(serializers.ModelSerializer):
    created_by = UsernameField()

    class Meta:
        model = ArchiveLink
        fields = ("id", "url", "service", "archived_at", "created_by", "created_at")


class ArchiveLinkInput(serializers.Serializer):
    url = serializers.URLField(max_length=2000, help_text="The archived copy's address.")
    service = serializers.ChoiceField(
        choices=ArchiveService.choices, required=False, help_text="Which archive holds it."
    )
    archived_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="When the archive made the copy."
    )
