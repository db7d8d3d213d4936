"""Fixtures shared by the whole suite."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import AssertionFactory, CitationFactory, ClaimFactory, UserFactory

# Property-based tests: no deadline (a loaded CI machine is slow, not wrong); in CI the same
# examples every run, so that a failure reproduces (locally each run explores new ones).
hypothesis_settings.register_profile("default", deadline=None, print_blob=True)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("default"), derandomize=True, database=None
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids come back after a rolled-back test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def corpus() -> Path:
    """The shared corpus (settings.CORPUS_DIR: ../shared/corpus unless PROVENANCE_CORPUS says)."""
    path = Path(settings.CORPUS_DIR)
    if not path.is_dir():
        pytest.fail(f"The shared corpus is missing: expected it at {path} (set PROVENANCE_CORPUS).")
    return path


@pytest.fixture
def editor(db):
    return UserFactory(username="ed", groups=["editor"])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="rev", groups=["reviewer"])


@pytest.fixture
def build_chain(db):
    """Make a chain of `length` hops: a0 (the claim's assertion) cites a1 cites ... a_length.

    The upstream assertions belong to other claims, so every hop is a step of the traversal.
    """

    def build(length: int, *, claim=None):
        claim = claim or ClaimFactory()
        assertions = [AssertionFactory(claim=claim)]
        assertions += [AssertionFactory() for _ in range(length)]
        for citing, cited in zip(assertions, assertions[1:], strict=False):
            CitationFactory(citing=citing, cited=cited)
        return claim, assertions

    return build


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=editor)[0].key}"
    )
    return client


@pytest.fixture
def reviewer_api(reviewer):
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=reviewer)[0].key}"
    )
    return client
