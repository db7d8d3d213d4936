"""Abuse limits that say where the client stands: RateLimit-Limit, -Remaining and -Reset.

DRF's throttles answer 429 with Retry-After but say nothing before: a client cannot slow down in
time. These record, on each request they count, the limit, the requests left in the window and
the seconds until it frees up; RateLimitHeadersMiddleware writes the tightest of them on the
response (IETF draft "RateLimit header fields for HTTP"). The counters live in Django's cache,
so with CACHE_URL pointing at Redis every worker counts against the same numbers; with the
default per-process memory cache each worker counts on its own.
"""

import math

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _Reporting:
    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if self.rate is None or getattr(self, "key", None) is None:
            return allowed
        # After a success the history holds this request; after a failure it is full.
        history = getattr(self, "history", [])
        remaining = max(0, self.num_requests - len(history))
        reset = self.duration - (self.now - history[-1]) if history else self.duration
        state = (self.num_requests, remaining, max(0, math.ceil(reset)))
        django_request = getattr(request, "_request", request)
        current = getattr(django_request, "rate_limit", None)
        if current is None or state[1] < current[1]:
            django_request.rate_limit = state
        return allowed

    def get_cache_key(self, request, view):
        self.key = super().get_cache_key(request, view)
        return self.key


class AnonRateLimit(_Reporting, AnonRateThrottle):
    pass


class UserRateLimit(_Reporting, UserRateThrottle):
    pass


class RateLimitHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        state = getattr(request, "rate_limit", None)
        if state is not None:
            limit, remaining, reset = state
            response["RateLimit-Limit"] = str(limit)
            response["RateLimit-Remaining"] = str(remaining)
            response["RateLimit-Reset"] = str(reset)
        return response
