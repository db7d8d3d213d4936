"""`load_demo`: the founding chain and the project's articles, loaded idempotently."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from provenance.models import Assertion, Citation, Claim, Document, Source

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every provenance table (history included), as plain values."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_app_config("provenance").get_models()
    }


def test_load_demo_twice_leaves_the_same_data():
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == first
    assert "new: 0 users, 0 sources, 0 documents, 0 claims, 0 assertions, 0 citations" in (
        out.getvalue()
    )


def test_the_founding_chain():
    call_command("load_demo", stdout=StringIO())
    claim = Claim.objects.get(text__startswith="The Biden administration has become")
    edges = {
        (c.citing.source.name, c.cited.source.name, c.relation)
        for c in Citation.objects.filter(citing__claim=claim).select_related(
            "citing__source", "cited__source"
        )
    }
    assert edges == {
        ("Caliber.Az", "Axios", "cites"),
        ("Axios", "four US officials", "paraphrases"),
    }
    officials = Source.objects.get(name="four US officials")
    assert (officials.kind, officials.descriptor, officials.anonymous_count) == (
        "anonymous",
        "US officials",
        4,
    )
    quote = claim.__class__.objects.get(text__startswith="US trust in what").assertions.get(
        source__name="a US official"
    )
    assert quote.quote == "Our trust of the Israelis is very low right now and for a good reason"
    sullivan = Source.objects.get(name="Jake Sullivan")
    assert (sullivan.affiliation.name, sullivan.assertions.get().quote) == (
        "White House",
        "clarity and transparency",
    )
    caliber = claim.assertions.get(source__name="Caliber.Az").document
    assert caliber.snapshot_type == "text/html"
    assert len(caliber.snapshot_sha256) == 64


def test_the_circular_report_is_recorded_as_a_loop():
    call_command("load_demo", stdout=StringIO())
    claim = Claim.objects.get(text="Mayor Anton Reyes will step down in April.")
    edges = set(
        Citation.objects.filter(citing__claim=claim).values_list(
            "citing__source__name", "cited__source__name"
        )
    )
    assert edges == {("Valley Courier", "Eastside Daily"), ("Eastside Daily", "Valley Courier")}


def test_passwords_are_printed_only_when_debug_is_on(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "editor / editor-demo-password" in out.getvalue()

    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "editor-demo-password" not in out.getvalue()


def test_demo_users_have_no_password_when_debug_is_off(settings, django_user_model):
    settings.DEBUG = False
    call_command("load_demo", stdout=StringIO())
    editor = django_user_model.objects.get(username="editor")
    assert not editor.has_usable_password()
    assert list(editor.groups.values_list("name", flat=True)) == ["editor"]


def test_every_retrieved_document_keeps_its_article_as_snapshot():
    call_command("load_demo", stdout=StringIO())
    retrieved = Document.objects.exclude(retrieved_at=None)
    assert sorted(retrieved.values_list("snapshot_type", flat=True)) == [
        "text/html",
        "text/html",
        "text/plain",
        "text/plain",
    ]
    for document in retrieved:
        assert len(document.snapshot_sha256) == 64
    # The assertions' quotes are found in the snapshots they point at.
    for assertion in Assertion.objects.exclude(selector_exact="").select_related("document"):
        assert assertion.selector_exact in bytes(assertion.document.snapshot).decode()


def test_the_site_option_ends_with_the_pages_and_logins(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", "--site", "http://127.0.0.1:8000/", stdout=out)
    text = out.getvalue()
    assert "  Public claim pages   http://127.0.0.1:8000/claims/" in text
    assert "  Editors' admin       http://127.0.0.1:8000/admin/" in text
    assert (
        "  Admin logins         editor / editor-demo-password, reviewer / reviewer-demo-password"
        in text
    )


def test_a_site_that_is_no_address_is_an_error():
    with pytest.raises(CommandError, match="--site 'port 8000' is not an http\\(s\\) address."):
        call_command("load_demo", "--site", "port 8000", stdout=StringIO())
