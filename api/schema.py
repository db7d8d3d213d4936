"""The OpenAPI schema documents every error an operation can answer with."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object

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


class BearerScheme(OpenApiAuthenticationExtension):
    """`Authorization: Bearer <token>`: the same tokens as `Token <token>`."""

    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 (a scheme name, not a secret)
        )


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
        for code, response in responses.items():
            # Errors are JSON whatever was negotiated (api.renderers.ErrorsAsJSON).
            content = response.get("content") if code[0] in "45" else None
            if content and set(content) != {"application/json"}:
                response["content"] = {"application/json": next(iter(content.values()))}
        return dict(sorted(responses.items()))

    def _is_detail_path(self) -> bool:
        return "{" in self.path
