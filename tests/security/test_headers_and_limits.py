"""Deployment hardening: the Content-Security-Policy everywhere, throttling with a clear 429."""

import pytest
from django.core.cache import cache

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/claims/", "/admin/login/", "/api/docs/", "/api/claims/"])
def test_every_page_carries_the_content_security_policy(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy  # plus the nonce on pages that use one
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_claimreview_block_carries_the_pages_nonce(client, reviewer, settings):
    from provenance import services

    settings.PROVENANCE_RATING_NEEDS_CHECKED_LINK = False
    claim = ClaimFactory()
    services.review_record(
        claim=claim, verdict="false", rationale="No.", evidence="Records.", reviewer=reviewer
    )
    response = client.get(f"/claims/{claim.pk}/")
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="application/ld+json" nonce="{nonce}">' in response.content.decode()


def test_anonymous_clients_are_throttled_with_a_clear_429(api, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/min"}
    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = rates
    try:
        codes = [api.get("/api/claims/").status_code for _ in range(4)]
        response = api.get("/api/claims/")
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
    assert codes == [200, 200, 200, 429]
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "throttled"
    assert body["detail"].startswith("Request was throttled. Expected available in ")
    assert int(response["Retry-After"]) > 0


def test_the_liveness_probe_is_never_throttled(api):
    from rest_framework.throttling import AnonRateThrottle

    original = AnonRateThrottle.THROTTLE_RATES
    AnonRateThrottle.THROTTLE_RATES = {**original, "anon": "1/min"}
    try:
        assert {api.get("/api/ping/").status_code for _ in range(5)} == {200}
    finally:
        AnonRateThrottle.THROTTLE_RATES = original
