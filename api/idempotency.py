"""`Idempotency-Key`: a POST retried after a lost answer returns the first answer, not a twin.

The first successful answer to a key is stored with a digest of the body, per user and
operation, for 24 hours. The same key and body within that time get the stored answer again
(with `Idempotent-Replayed: true`); the same key with another body is a 422, since it names a
different request. Errors are not stored: a refused request may be corrected and sent again
under its key. The answer and the key are written in the same transaction as the records, so a
request and its concurrent retry cannot both write: the second waits on the key's unique index,
then replays the first answer.
"""

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta

import orjson
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError

from provenance.models import IdempotencyKey

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
# Printable ASCII, as a header carries it; long enough for a UUID or a client's own scheme.
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = (
        "This Idempotency-Key was used in the last 24 hours with another request body; use a "
        "new key for a new request."
    )
    default_code = "idempotency_key_reused"


def _digest(data) -> str:
    # Keys sorted: the same object sent with its keys in another order is the same request.
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _replay(stored: IdempotencyKey) -> HttpResponse:
    headers = {"Idempotent-Replayed": "true"}
    if stored.location:
        headers["Location"] = stored.location
    return HttpResponse(
        bytes(stored.response_body),
        status=stored.status_code,
        content_type="application/json",
        headers=headers,
    )


def idempotent(
    request, *, operation: str, produce: Callable[[], tuple[int, dict, str]]
) -> HttpResponse:
    """The answer `produce()` gives (status, body, Location), or the stored one for a retry.

    `produce` runs inside the transaction that stores the key.
    """
    key = request.headers.get(HEADER)
    if key is None:
        with transaction.atomic():
            return _response(*produce())
    if not _KEY.match(key):
        raise ValidationError(
            {HEADER: ["Must be 1 to 255 printable ASCII characters (a UUID, for example)."]}
        )
    digest = _digest(request.data)
    found = _stored(request.user, operation, key)
    if found is not None:
        return _answer(found, digest)
    try:
        with transaction.atomic():
            code, body, location = produce()
            response = _response(code, body, location)
            if status.is_success(code):
                IdempotencyKey.objects.create(
                    user=request.user,
                    operation=operation,
                    key=key,
                    body_digest=digest,
                    status_code=code,
                    response_body=response.content,
                    location=location,
                )
            return response
    except IntegrityError:
        # A concurrent request with this key committed first: everything here rolled back.
        found = _stored(request.user, operation, key)
        if found is None:
            raise
        return _answer(found, digest)


def _stored(user, operation: str, key: str) -> IdempotencyKey | None:
    rows = IdempotencyKey.objects.filter(user=user, operation=operation, key=key)
    # An expired key is free again: its row goes, so the unique index does not hold it.
    rows.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return rows.first()


def _answer(stored: IdempotencyKey, digest: str) -> HttpResponse:
    if stored.body_digest != digest:
        raise KeyReused()
    return _replay(stored)


def _response(code: int, body: dict, location: str) -> HttpResponse:
    headers = {"Location": location} if location else {}
    return HttpResponse(
        orjson.dumps(body), status=code, content_type="application/json", headers=headers
    )
