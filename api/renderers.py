"""The media types the exports are served in, so that `Accept` (or `?format=` from a browser)
picks them as the schema lists them.

The export views build their bodies themselves (streamed CSV, PROV text); these renderers are
what DRF's content negotiation chooses among. A body that is already text or bytes is passed
through; anything else (an error's dict) is rendered as JSON, since error answers are JSON
whatever was asked for (see ExportNegotiationMixin).
"""

from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.renderers import BaseRenderer


class JSONLDRenderer(ORJSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class _TextRenderer(BaseRenderer):
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | str):
            return data
        return ORJSONRenderer().render(data, accepted_media_type, renderer_context)


class CSVRenderer(_TextRenderer):
    media_type = "text/csv"
    format = "csv"


class TurtleRenderer(_TextRenderer):
    media_type = "text/turtle"
    format = "turtle"


class PROVNRenderer(_TextRenderer):
    media_type = "text/provenance-notation"
    format = "provn"


class PROVJSONRenderer(_TextRenderer):
    """PROV-JSON, served as application/json (its registered type is that of JSON)."""

    media_type = "application/json"
    format = "json"


class ErrorsAsJSON:
    """Error answers are JSON whatever media type was negotiated: the schema documents them as
    application/json, and a CSV or Turtle renderer has no shape for them."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(response, "exception", False) and isinstance(
            getattr(response, "accepted_renderer", None), _TextRenderer | JSONLDRenderer
        ):
            response.accepted_renderer = ORJSONRenderer()
            response.accepted_media_type = "application/json"
        return response
