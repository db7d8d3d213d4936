"""Request bodies: JSON read by orjson, strictly.

orjson is faster than the standard library's parser and refuses what is not JSON text made of
Unicode: invalid UTF-8, a lone surrogate escape ("\\ud800", which the standard library accepts
and nothing can then store or print), NaN, nesting deeper than 1024. Each refusal is a 400 that
says what is wrong with the body.
"""

import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser


class JSONParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        body = stream.read()
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as error:
            raise ParseError(
                f"The body is not valid {encoding} text (byte {error.start})."
            ) from None
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError as error:
            raise ParseError(f"The body is not valid JSON: {error}.") from None
