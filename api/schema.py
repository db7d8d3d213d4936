"""The OpenAPI schema documents every error an operation can answer with."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import (
    build_bearer_security_scheme_object,
    force_instance,
    get_view_model,
)

from api.serializers.errors import (
    DuplicateErrorSerializer,
    ErrorSerializer,
    ValidationErrorSerializer,
)

_MESSAGES = {
    "400": "Invalid input or an unknown query parameter: per-field messages in `errors` (none "
    "when the body cannot be parsed).",
    "401": "Not authenticated: writing needs a token or a session.",
    "403": "Not allowed: the user lacks the permission for this action.",
    "404": "No such record.",
    "405": "Method not allowed on this resource.",
    "409": "Conflicts with the current state (for example, still referred to).",
    "409-duplicate": "Already recorded (code `duplicate`): `existing` is the record holding "
    "these values, with its id and API address; nothing was written.",
    "412": "Precondition failed: the record changed since your If-Match version; read it again.",
    "428": "Precondition required: send If-Match with the ETag of your last read.",
    "429": "Too many requests: slow down (see Retry-After).",
}
# Answered by the HTTP server (gunicorn) before the app runs, with no JSON body: a request line
# longer than gunicorn's limit_request_line (4,094 bytes), such as very many query parameters.
_URI_TOO_LONG = {"description": "URI too long: the request line exceeds 4,094 bytes (no body)."}


class BearerScheme(OpenApiAuthenticationExtension):
    """`Authorization: Bearer <token>`: the same tokens as `Token <token>`."""

    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 (a scheme name, not a secret)
        )


_SAFE = ("GET", "HEAD", "OPTIONS")
# Writes outside the model viewsets' create/update that can meet a record already there.
_MAY_DUPLICATE = frozenset({"archive_links", "chain_record", "ingest"})


def _has_unique_rules(model) -> bool:
    """Whether saving `model` can be refused as a duplicate (a unique field or constraint)."""
    from django.db import models

    return any(
        field.unique and not field.primary_key for field in model._meta.concrete_fields
    ) or any(
        isinstance(constraint, models.UniqueConstraint) for constraint in model._meta.constraints
    )


# Actions whose answer is one versioned record (or a claim's provenance) with its ETag.
_TAGGED = frozenset(
    {"retrieve", "create", "update", "partial_update", "provenance", "retract", "revert", "check"}
)
_COUNT = {"type": "integer", "minimum": 0, "maximum": 32767}
_RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the current window.",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window frees up.",
}


def _bounds(name: str, where: str) -> dict:
    """The range each whole-number parameter takes (a value outside it is a 400)."""
    from api.pagination import MAX_PAGE_SIZE
    from api.parameters import MAX_ID

    known = {
        "page": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        "max_depth": {"type": "integer", "minimum": 0, "maximum": settings.PROVENANCE_MAX_DEPTH},
        "max_nodes": {"type": "integer", "minimum": 1, "maximum": settings.PROVENANCE_MAX_NODES},
        "independent_origins": _COUNT,
        "independent_origins_min": _COUNT,
        "independent_origins_max": _COUNT,
        "depth_min": _COUNT,
        "depth_max": _COUNT,
    }
    if name in known:
        return known[name]
    # Ids: 1 to 18 digits in a path (the route's pattern), a 64-bit key in a query.
    ceiling = 10**18 - 1 if where == "path" else MAX_ID
    return {"type": "integer", "minimum": 0, "maximum": ceiling}


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        from api.serializers.strict import StrictInput

        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        if direction == "request" and isinstance(force_instance(serializer), StrictInput):
            # It refuses fields it does not declare (a 400): the schema says so.
            schema["additionalProperties"] = False
        return schema

    def get_filter_backends(self):
        # A list's filters, search and ordering apply to lists only (ResourceViewSet), not to
        # the pages a record's own actions answer (history, captures…).
        if getattr(self.view, "detail", False):
            return []
        return super().get_filter_backends()

    def get_auth(self):
        # The token endpoint takes a username and password, no credentials; every read is
        # open to anonymous clients as well (an empty requirement is the alternative).
        if self.path.endswith("/auth/token/"):
            return []
        auths = super().get_auth()
        if self.method in _SAFE and {} not in auths:
            auths.append({})
        return auths

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return operation
        for parameter in operation.get("parameters", []):
            if parameter["name"] == "If-Match" and self.method in ("PUT", "PATCH"):
                parameter["required"] = True
            schema = parameter.get("schema", {})
            if parameter["in"] in ("query", "path") and schema.get("type") in (
                "integer",
                "number",
            ):
                parameter["schema"] = {**schema, **_bounds(parameter["name"], parameter["in"])}
        throttled = bool(self.view.get_throttles())
        for code, response in operation.get("responses", {}).items():
            headers = response.setdefault("headers", {})
            if throttled:
                for name, description in _RATE_LIMIT_HEADERS.items():
                    headers[name] = {"schema": {"type": "integer"}, "description": description}
            if code == "429":
                headers["Retry-After"] = {
                    "schema": {"type": "integer"},
                    "description": "Seconds to wait before trying again.",
                }
            if code in ("200", "201") and getattr(self.view, "action", None) in _TAGGED:
                headers["ETag"] = {
                    "schema": {"type": "string"},
                    "description": 'The version read (like "v3", a claim\'s "v3-g5"): send it '
                    "back in If-Match to change the record, or in If-None-Match for a 304.",
                }
            if not headers:
                del response["headers"]
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["429"]
        paginated = self._is_list_view() and self._get_paginator() is not None
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes += ["401", "403"]
        from api.views.base import KnownQueryParameters

        if (
            self.method in ("POST", "PUT", "PATCH")
            # An unknown query parameter is a 400 wherever parameters are checked.
            or isinstance(self.view, KnownQueryParameters)
            or self.get_filter_backends()
            or self.get_override_parameters()
            or paginated
        ):
            codes.append("400")
        if self._is_detail_path() or paginated:
            codes.append("404")
        if self.method == "DELETE":
            codes.append("409")
        elif self.method in ("POST", "PUT", "PATCH") and self._may_duplicate():
            codes.append("409-duplicate")
        if self._is_detail_path() and self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("412")
        if self.method in ("PUT", "PATCH"):
            codes.append("428")
        for key in codes:
            code = key.split("-")[0]
            if code in responses:
                continue
            serializer = {
                "400": ValidationErrorSerializer,
                "409-duplicate": DuplicateErrorSerializer,
            }
            serializer = serializer.get(key, ErrorSerializer)
            response = self._get_response_for_code(serializer, code, direction=direction)
            response["description"] = _MESSAGES[key]
            if code == "404" and not self._is_detail_path():
                response["description"] = "No such page: `page` is past the last one."
            responses[code] = response
        responses.setdefault("414", dict(_URI_TOO_LONG))
        for code, response in responses.items():
            # Errors are JSON whatever was negotiated (api.renderers.ErrorsAsJSON).
            content = response.get("content") if code[0] in "45" else None
            if content and set(content) != {"application/json"}:
                response["content"] = {"application/json": next(iter(content.values()))}
        return dict(sorted(responses.items()))

    def _may_duplicate(self) -> bool:
        action = getattr(self.view, "action", None)
        if action in _MAY_DUPLICATE or type(self.view).__name__ == "IngestView":
            return True
        if action == "create" and type(self.view).__name__ == "ChainViewSet":
            return True  # chain_record: any of its hops' records
        # Only model viewsets name a model (asking another view for one is a schema warning).
        model = get_view_model(self.view) if hasattr(self.view, "get_queryset") else None
        return (
            action in ("create", "update", "partial_update")
            and model is not None
            and _has_unique_rules(model)
        )

    def _is_detail_path(self) -> bool:
        return "{" in self.path
