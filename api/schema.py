"""The OpenAPI schema documents every error an operation can answer with."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

from api.serializers.errors import ErrorSerializer, ValidationErrorSerializer

_MESSAGES = {
    "400": "Invalid input: per-field messages in `errors` (none when the body cannot be parsed).",
    "401": "Not authenticated: writing needs a token or a session.",
    "403": "Not allowed: the user lacks the permission for this action.",
    "404": "No such record.",
    "405": "Method not allowed on this resource.",
    "409": "Conflicts with the current state (for example, still referred to).",
    "412": "Precondition failed: the record changed since your If-Match version; read it again.",
    "428": "Precondition required: send If-Match with the ETag of your last read.",
    "429": "Too many requests: slow down (see Retry-After).",
}
# Answered by the HTTP server (gunicorn) before the app runs, with no JSON body: a request line
# longer than gunicorn's limit_request_line (4,094 bytes), such as very many query parameters.
_URI_TOO_LONG = {"description": "URI too long: the request line exceeds 4,094 bytes (no body)."}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["429"]
        paginated = self._is_list_view() and self._get_paginator() is not None
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes += ["401", "403"]
        if (
            self.method in ("POST", "PUT", "PATCH")
            or self.get_filter_backends()
            or self.get_override_parameters()
            or paginated
        ):
            codes.append("400")
        if self._is_detail_path() or paginated:
            codes.append("404")
        if self.method == "DELETE":
            codes.append("409")
        if self._is_detail_path() and self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("412")
        if self.method in ("PUT", "PATCH"):
            codes.append("428")
        for code in codes:
            if code in responses:
                continue
            serializer = ValidationErrorSerializer if code == "400" else ErrorSerializer
            response = self._get_response_for_code(serializer, code, direction=direction)
            response["description"] = _MESSAGES[code]
            if code == "404" and not self._is_detail_path():
                response["description"] = "No such page: `page` is past the last one."
            responses[code] = response
        responses.setdefault("414", dict(_URI_TOO_LONG))
        return dict(sorted(responses.items()))

    def _is_detail_path(self) -> bool:
        return "{" in self.path
