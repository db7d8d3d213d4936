"""`load_demo`: the founding chain and the corpus chains, loaded idempotently."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from provenance.models import Citation, Claim, Source

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every provenance table (history included), as plain values."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_app_config("provenance").get_models()
    }


def test_load_demo_twice_leaves_the_same_data(corpus, settings):
    settings.CORPUS_DIR = corpus
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == first
    assert "new: 0 users, 0 sources, 0 documents, 0 claims, 0 assertions, 0 citations" in (
        out.getvalue()
    )


def test_the_founding_chain(corpus):
    call_command("load_demo", "--corpus", str(corpus), stdout=StringIO())
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


def test_an_unknown_corpus_folder_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no-such-folder: no such folder."):
        call_command("load_demo", "--corpus", str(tmp_path / "no-such-folder"))
