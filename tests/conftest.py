"""Fixtures shared by the whole suite."""

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from provenance.fixtures import ARTICLES_DIR
from tests.factories import AssertionFactory, CitationFactory, ClaimFactory, UserFactory

# Property-based tests: no deadline (a loaded CI machine is slow, not wrong). `make test` and
# CI run the same examples every time ("repeatable"), so a failure reproduces and a green suite
# stays green; `make fuzz-local` ("explore") draws new examples on every run, many more of them,
# and remembers failing ones in .hypothesis/ to replay them.
hypothesis_settings.register_profile(
    "repeatable", deadline=None, print_blob=True, derandomize=True, database=None
)
hypothesis_settings.register_profile(
    "explore", deadline=None, print_blob=True, max_examples=1000, derandomize=False
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _captures_in_tmp(settings, tmp_path_factory):
    """Captures (WARC files) written by any test go to a temporary folder, not the checkout."""
    location = tmp_path_factory.getbasetemp() / "captures"
    settings.STORAGES = {
        **settings.STORAGES,
        "captures": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    return location


@pytest.fixture(autouse=True)
def _migrated_rows_present(request):
    """Rows that migrations make (content types, permissions, the editor and reviewer groups)
    are there for every database test.

    A transactional test with serialized_rollback ends by emptying every table and leaves the
    restore to the next such test; pytest-django runs those tests last for that reason, but a
    shuffled order (`--random-order`) puts ordinary tests after them, on empty tables.
    """
    if request.node.get_closest_marker("django_db") is None:
        if "db" not in request.fixturenames:
            return
        request.getfixturevalue("db")
    from django.contrib.auth.models import Group
    from django.core.management.sql import emit_post_migrate_signal

    from provenance.roles import roles_sync

    if not Group.objects.exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        roles_sync()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids come back after a rolled-back test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def articles() -> Path:
    """The project's own articles with their gold chains (provenance/fixtures/articles/)."""
    return ARTICLES_DIR


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
