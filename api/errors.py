"""One JSON shape for every API error.

`{"detail": "human-readable sentence", "code": "machine_code"}`, plus `"errors"` with
per-field messages for validation: `{"field": ["message"], "non_field_errors": [...]}`. Errors
inside a list or a nested object are keyed by their path, as the ingest extraction's are:
`{"aliases[3]": [...], "selector.suffix": [...]}`; every value is a list of messages.
Django's own ValidationError and PermissionDenied, raised by the services, get the same shape.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.urls import NoReverseMatch
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from api.concurrency import PreconditionFailed
from api.links import record_url
from provenance.services.validation import DuplicateRecord, StaleVersion


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


def _first_message(errors) -> str:
    """The first message in a (possibly nested) error structure, for the `detail` sentence."""
    while isinstance(errors, dict | list) and errors:
        errors = next(iter(errors.values())) if isinstance(errors, dict) else errors[0]
    return str(errors) if errors else "Invalid input."


def _by_path(errors, path: str = "") -> dict:
    """Nested errors (a list's items, a nested serializer's fields) flattened to path keys.

    DRF nests them, and keys a list's items by their index: an int key that JSON (orjson)
    cannot encode, so an invalid alias among several was a 500.
    """
    if isinstance(errors, dict):
        items = errors.items()
    elif isinstance(errors, list) and any(isinstance(item, dict | list) for item in errors):
        items = enumerate(errors)
    else:
        messages = errors if isinstance(errors, list) else [errors]
        return {path or "non_field_errors": messages} if messages else {}
    flat = {}
    for key, value in items:
        if isinstance(key, int):
            flat.update(_by_path(value, f"{path}[{key}]"))
        else:
            flat.update(_by_path(value, f"{path}.{key}" if path else str(key)))
    return flat


def _field_of(errors) -> str | None:
    if isinstance(errors, dict) and errors:
        field = next(iter(errors))
        return None if field in ("non_field_errors", "__all__") else field
    return None


def _existing(record, request) -> dict:
    """The record a duplicate met: its id, and its API address when it has one."""
    try:
        url = record_url(f"api:{record._meta.model_name}-detail", record.pk, request)
    except NoReverseMatch:  # an alias, a capture: no address of its own in the API
        url = None
    return {"id": record.pk, "url": url}


def _duplicate(exc: DuplicateRecord, context) -> Response:
    """409 with the record already there, so a client can use it instead of retrying."""
    errors = _by_path(as_serializer_error(exc))
    if "__all__" in errors:
        errors["non_field_errors"] = errors.pop("__all__")
    field = _field_of(errors)
    message = _first_message(errors)
    body = {
        "detail": f"{field}: {message}" if field else message,
        "code": "duplicate",
        "errors": errors,
        "existing": _existing(exc.existing, context.get("request")),
    }
    set_rollback()
    return Response(body, status=status.HTTP_409_CONFLICT)


def exception_handler(exc, context):
    if isinstance(exc, DuplicateRecord):
        return _duplicate(exc, context)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=as_serializer_error(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*(exc.args or (None,)))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict("It is still referred to by other records, so it cannot be deleted.")
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        # ObjectDoesNotExist: the row went away between reading and locking it (deleted by a
        # concurrent request), which to the client is the same as never having found it.
        exc = exceptions.NotFound()
    elif isinstance(exc, StaleVersion):
        exc = PreconditionFailed(str(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge(
            f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes."
        )

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        errors = _by_path(errors)
        if "__all__" in errors:
            errors = {**errors, "non_field_errors": errors["__all__"]}
            del errors["__all__"]
        field = _field_of(errors)
        message = _first_message(errors)
        response.data = {
            "detail": f"{field}: {message}" if field else message,
            "code": "invalid",
            "errors": errors,
        }
    else:
        detail = (
            exc.detail if not isinstance(exc.detail, dict | list) else _first_message(exc.detail)
        )
        response.data = {"detail": str(detail), "code": getattr(detail, "code", exc.default_code)}
    return response


@csrf_exempt
def not_found(request, exception=None):
    """Django's 404 page, or for an unknown /api/ address the API's error shape.

    Exempt from CSRF: a POST to an unknown address is a 404 whatever its cookies, not the
    CSRF failure page in HTML.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """Django's 500 page, or for the API its error shape (no traceback either way)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Server error.", "code": "server_error"}, status=500)
    return defaults.server_error(request)
