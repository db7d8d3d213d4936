"""Small shapes shared by several resources."""

from rest_framework import serializers

from provenance.models import Document, Source


class SourceBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ("id", "name", "kind")


class DocumentBriefSerializer(serializers.ModelSerializer):
    publisher = SourceBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Document
        fields = ("id", "title", "url", "publisher", "published_at", "status")


class UsernameField(serializers.CharField):
    """A user shown by username (or null), read-only."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, user):
        return user.get_username()
