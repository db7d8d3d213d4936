"""RateLimit-* headers on every throttled address, counted in the shared cache."""

import pytest
from django.core.cache import cache
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute():
    cache.clear()
    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    yield
    AnonRateThrottle.THROTTLE_RATES = original


def test_the_headers_count_down_to_the_429(api, three_a_minute):
    responses = [api.get("/api/claims/") for _ in range(4)]
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert [r["RateLimit-Limit"] for r in responses] == ["3"] * 4
    assert [r["RateLimit-Remaining"] for r in responses] == ["2", "1", "0", "0"]
    assert all(0 < int(r["RateLimit-Reset"]) <= 60 for r in responses)
    assert int(responses[-1]["Retry-After"]) > 0


def test_the_counters_live_in_the_cache(api, three_a_minute):
    api.get("/api/claims/")
    # One count per client across addresses, kept in the cache: emptying it starts afresh.
    assert api.get("/api/sources/")["RateLimit-Remaining"] == "1"
    cache.clear()
    assert api.get("/api/sources/")["RateLimit-Remaining"] == "2"


def test_the_liveness_probe_has_no_limit_to_report(api, three_a_minute):
    assert "RateLimit-Limit" not in api.get("/api/ping/")
