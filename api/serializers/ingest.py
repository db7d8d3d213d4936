"""Ingesting an article: the request, the extraction's shape, the preview and the result.

The responses are built as plain dicts by the service (`IngestPreview.as_dict()`,
`IngestResult.as_dict()`); these serializers document them and validate the request.
"""

import json

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.strict import StrictCharField, StrictInput
from provenance.models import Relation, SourceKind


def _with_from(fields: dict, field: serializers.Field) -> dict:
    """Put a "from" field first: it is a Python keyword, so it cannot be declared."""
    return {"from": field, **fields}


class ExtractedSourceSerializer(serializers.Serializer):
    name = serializers.CharField(help_text='As written: "Axios", "four US officials".')
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    role = serializers.CharField(allow_null=True, help_text='"National Security Adviser".')
    affiliation = serializers.CharField(
        allow_null=True, help_text='Whom the source speaks for: "White House", "US".'
    )
    descriptor = serializers.CharField(
        allow_null=True, help_text='Anonymous sources only: "US officials".'
    )
    count = serializers.IntegerField(
        allow_null=True, min_value=1, help_text="Anonymous sources only: how many people."
    )
    anonymity_reason = serializers.CharField(
        allow_null=True, help_text="Anonymous sources only: why anonymity was granted."
    )
    seen_by = serializers.CharField(
        allow_null=True, help_text="Documents: the outlet that saw or obtained it."
    )
    url = serializers.URLField(allow_null=True, help_text="Where a link on its name points.")
    confidence = serializers.FloatField(
        allow_null=True,
        required=False,
        min_value=0,
        max_value=1,
        help_text="How sure the extractor is that this is a source (0-1): doubtful ones first.",
    )


class ExtractedCitationSerializer(serializers.Serializer):
    to = serializers.CharField(help_text="The source relied on (a name in `sources`).")
    relation = serializers.ChoiceField(choices=Relation.choices)
    evidence = serializers.CharField(help_text="The sentence that shows the citation.")
    url = serializers.URLField(allow_null=True, help_text="The link that shows it, if any.")

    def get_fields(self):
        return _with_from(
            super().get_fields(),
            serializers.CharField(
                allow_null=True,
                help_text="The citing source (a name in `sources`); null for the publisher.",
            ),
        )


class ExtractedQuoteSerializer(serializers.Serializer):
    speaker = serializers.CharField(
        allow_null=True, help_text="Who said it (a name in `sources`), or null when unknown."
    )
    text = serializers.CharField(help_text="The words inside the quotation marks.")
    evidence = serializers.CharField(help_text="The sentence they are in.")
    confidence = serializers.FloatField(
        allow_null=True,
        required=False,
        min_value=0,
        max_value=1,
        help_text="How sure the extractor is of the speaker (0-1); null when there is none.",
    )


class ExtractedClaimSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The claim without its attribution.")
    attributed_to = serializers.CharField(help_text="The chain's last source.")
    chain = serializers.ListField(
        child=serializers.CharField(allow_null=True),
        help_text="Source names from the publisher (null when unknown) to `attributed_to`: "
        "each cites the next.",
    )
    sentence = serializers.CharField(help_text="The sentence as published.")
    relation = serializers.ChoiceField(
        choices=Relation.choices, help_text="How the last hop relies on its source."
    )
    explicit = serializers.BooleanField(
        help_text="False when the sentence names no source and inherits the rewritten outlet."
    )


class ExtractedLinkSerializer(serializers.Serializer):
    url = serializers.URLField()
    text = serializers.CharField()


class ExtractionSerializer(serializers.Serializer):
    """The ingest output (docs/architecture.md). Every key may be left out of a correction
    (null or empty assumed); unknown keys are refused."""

    publisher = serializers.CharField(allow_null=True)
    authors = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField(allow_null=True)
    url = serializers.URLField(allow_null=True, help_text="The canonical URL.")
    published_at = serializers.CharField(allow_null=True, help_text="ISO 8601 date or date-time.")
    sources = ExtractedSourceSerializer(many=True)
    citations = ExtractedCitationSerializer(many=True)
    quotes = ExtractedQuoteSerializer(many=True)
    claims = ExtractedClaimSerializer(many=True)
    links = ExtractedLinkSerializer(many=True)


@extend_schema_field(ExtractionSerializer)
class ExtractionField(serializers.JSONField):
    """The corrected extraction: a JSON object, or (in a multipart form) its JSON text. The
    ingestion service checks it strictly and reports errors by path ("claims[2].text")."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                return json.loads(data)
            except ValueError:
                self.fail("invalid")
        return super().to_internal_value(data)


class IngestInput(StrictInput):
    content = StrictCharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="The article, HTML or plain text (up to 10 MiB in UTF-8).",
    )
    file = serializers.FileField(
        required=False,
        help_text="The article as an uploaded file (multipart/form-data), up to 10 MiB.",
    )
    content_type = StrictCharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=100,
        help_text="text/html or text/plain (sniffed when left out). A charset applies to an "
        "uploaded file; `content` is text already.",
    )
    url = serializers.URLField(
        required=False,
        allow_null=True,
        max_length=2000,
        help_text="The article's address: its canonical URL when the page gives none, and "
        "what is fetched when `fetch` is true.",
    )
    fetch = serializers.BooleanField(
        default=False,
        help_text="Fetch `url` (under the server's size and time limits; private addresses "
        "refused). Confirming fetches it again.",
    )
    confirm = serializers.BooleanField(
        default=False,
        help_text="False: preview what would be written. True: write it.",
    )
    extraction = ExtractionField(
        required=False,
        allow_null=True,
        help_text="The editor's corrected extraction, in place of the automatic one.",
    )
    publish = serializers.BooleanField(
        default=False,
        help_text="With `confirm`: publish the new claims at once (needs the permission to "
        "publish). They are drafts otherwise, seen by editors and reviewers only.",
    )

    def validate(self, data):
        given = [key for key in ("content", "file") if key in data]
        if data["fetch"]:
            if not data.get("url"):
                raise serializers.ValidationError({"url": "Give the URL to fetch."})
            if given:
                raise serializers.ValidationError(
                    {"fetch": f"Send either `{given[0]}` or `fetch: true`, not both."}
                )
        elif not given:
            raise serializers.ValidationError(
                "Send the article as `content`, as a `file`, or give a `url` with `fetch: true`."
            )
        elif len(given) == 2:
            raise serializers.ValidationError({"file": "Send `content` or a `file`, not both."})
        return data


class IngestDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class IngestCountsSerializer(serializers.Serializer):
    documents = serializers.IntegerField()
    claims = serializers.IntegerField()
    assertions = serializers.IntegerField()
    citations = serializers.IntegerField()
    sources = serializers.IntegerField(help_text="New sources only.")


class IngestSourceSerializer(serializers.Serializer):
    class ExistingSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        kind = serializers.ChoiceField(choices=SourceKind.choices)

    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=("source", "publisher", "author", "affiliation"))
    )
    existing = ExistingSerializer(
        allow_null=True,
        help_text="The recorded source it resolves to (by name or alias); "
        "null: a new one would be created.",
    )
    written = serializers.BooleanField(
        help_text="False for a listed source no claim, byline or affiliation uses."
    )


class IngestPlannedClaimSerializer(serializers.Serializer):
    text = serializers.CharField()
    chains = serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    assertions = serializers.IntegerField()
    citations = serializers.IntegerField()


class IngestPreviewSerializer(serializers.Serializer):
    already_ingested = serializers.BooleanField(
        help_text="The content (same SHA-256) or its canonical URL is recorded already."
    )
    document = IngestDocumentSerializer(allow_null=True, help_text="The recorded document.")
    matched_by = serializers.ChoiceField(choices=("sha256", "url"), allow_null=True)
    sha256 = serializers.CharField(help_text="Of the content.")
    url = serializers.URLField(allow_null=True, help_text="The canonical URL it would get.")
    content_type = serializers.CharField()
    extraction = ExtractionSerializer()
    sources = IngestSourceSerializer(many=True)
    claims = IngestPlannedClaimSerializer(many=True, help_text="The draft claims to create.")
    would_create = IngestCountsSerializer()
    warnings = serializers.ListField(
        child=serializers.CharField(), help_text="What would be left out, and why."
    )


class IngestResultSerializer(serializers.Serializer):
    class RecordedSourceSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        kind = serializers.ChoiceField(choices=SourceKind.choices)
        created = serializers.BooleanField()

    already_ingested = serializers.BooleanField(
        help_text="True: nothing was written; `document` is the one recorded before."
    )
    matched_by = serializers.ChoiceField(choices=("sha256", "url"), allow_null=True)
    document = IngestDocumentSerializer()
    claims = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the draft claims created."
    )
    sources = RecordedSourceSerializer(many=True)
    created = IngestCountsSerializer()
