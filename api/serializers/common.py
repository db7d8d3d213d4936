"""Small shapes shared by several resources."""

from rest_framework import serializers

from api.links import SelfLinkField
from provenance.models import Document, Source

# A document's `url` is the article's own web address (what it was created with), so its API
# address is `api_url`; every other record's API address is `url`.
DOCUMENT_API_URL_HELP = "This document's address in the API (its read); `url` is the article's."


class SourceBriefSerializer(serializers.ModelSerializer):
    url = SelfLinkField("api:source-detail")

    class Meta:
        model = Source
        fields = ("id", "url", "name", "kind")


class DocumentBriefSerializer(serializers.ModelSerializer):
    api_url = SelfLinkField("api:document-detail", help_text=DOCUMENT_API_URL_HELP)
    publisher = SourceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Document
        fields = ("id", "api_url", "title", "url", "publisher", "published_at", "status")


class UsernameField(serializers.CharField):
    """A user shown by username (or null), read-only."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, user):
        return user.get_username()
