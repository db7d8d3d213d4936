"""`manage.py ingest`: JSON output, writes through the service, one line per bad file, exit 1."""

from __future__ import annotations

import base64
import io
import json
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from provenance.management.commands import ingest as command
from provenance.models import Claim, Document, Source
from tests.ingest.conftest import page
from tests.ingest.test_ingestion_service import FOUNDING, chain_of, rows

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    """Run the command; returns (stdout, stderr). A failing run raises CommandError."""
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args: str) -> tuple[str, str, CommandError]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), caught.value


@pytest.fixture
def founding(articles) -> str:
    return str(articles / FOUNDING)


def test_dry_run_json_shows_the_founding_chain(founding):
    out, err = run(founding, "--dry-run", "--json")
    [line] = out.splitlines()
    data = json.loads(line)
    assert (data["file"], data["publisher"], data["authors"]) == (
        founding,
        "Caliber.Az",
        ["Khagan Isayev"],
    )
    edges = {(c["from"], c["to"]) for c in data["citations"]}
    assert {("Caliber.Az", "Axios"), ("Axios", "four US officials")} <= edges
    assert data["claims"][0]["chain"] == ["Caliber.Az", "Axios", "four US officials"]
    assert [(q["speaker"], q["text"]) for q in data["quotes"]] == [
        ("a US official", "Our trust of the Israelis is very low right now and for a good reason"),
        ("Jake Sullivan", "clarity and transparency"),
    ]
    assert {"name": "four US officials", "kind": "anonymous"}.items() <= data["sources"][2].items()
    assert (data["ingest"]["dry_run"], data["ingest"]["would_create"]) == (
        True,
        {"documents": 1, "claims": 4, "assertions": 11, "citations": 7, "sources": 8},
    )
    assert err == (
        "Files read: 1; documents would be created: 1; already present: 0; claims: 4, "
        "assertions: 11, citations: 7, new sources: 8; failures: 0 (dry run: nothing written).\n"
    )
    assert rows() == dict.fromkeys(rows(), 0)


def test_dry_run_in_words(founding):
    out, _ = run(founding, "--dry-run")
    lines = out.splitlines()
    assert lines[0] == (
        f"{founding}: Caliber.Az, “Axios: US losing trust in Israel amid uncoordinated military "
        "actions”"
    )
    assert lines[1].startswith("  Caliber.Az → Axios → four US officials: The Biden administration")
    assert (
        lines[-2]
        == "  would create 1 document, 4 claims, 11 assertions, 7 citations, 8 new sources"
    )
    assert Document.objects.count() == 0


def test_ingesting_writes_and_a_second_run_changes_nothing(founding, articles, editor):
    out, _ = run(founding, str(articles / "mayor-loop.txt"), "--user", editor.username)
    document = Document.objects.get(title__startswith="Axios")
    assert out.splitlines() == [
        f"{founding}: document #{document.pk} “Axios: US losing trust in Israel amid "
        "uncoordinated military actions”: created 4 claims, 11 assertions, 7 citations, "
        "8 new sources",
        f"{articles / 'mayor-loop.txt'}: document #{document.pk + 1} “Valley Courier: Mayor "
        "expected to quit in April, reports say”: created 3 claims, 6 assertions, 5 citations, "
        "3 new sources",
        "Files read: 2; documents created: 2; already present: 0; claims: 7, assertions: 17, "
        "citations: 12, new sources: 11; failures: 0.",
    ]
    assert document.created_by == editor
    claim = Claim.objects.get(text__startswith="The Biden administration has become")
    assert chain_of(claim) == [
        ("Axios", "four US officials", "paraphrases"),
        ("Caliber.Az", "Axios", "cites"),
    ]
    before = rows()
    out, _ = run(founding)
    assert out.splitlines()[0] == (
        f"{founding}: already ingested as document #{document.pk} (same sha256)"
    )
    assert rows() == before


def test_json_of_a_real_run_carries_the_extraction_and_the_result(founding):
    out, err = run(founding, "--json")
    data = json.loads(out)
    assert data["publisher"] == "Caliber.Az"
    assert data["ingest"]["created"] == {
        "documents": 1,
        "claims": 4,
        "assertions": 11,
        "citations": 7,
        "sources": 8,
    }
    assert data["ingest"]["claims"] == list(
        Claim.objects.order_by("id").values_list("pk", flat=True)
    )
    again = json.loads(run(founding, "--json")[0])
    assert (again["publisher"], again["ingest"]["already_ingested"]) == ("Caliber.Az", True)
    assert err.endswith("failures: 0.\n")


def test_url_sets_the_canonical_address(founding, articles):
    url = "https://caliber.az/post/us-trust"
    run(founding, "--url", url)
    assert Document.objects.get().url == url
    out, _ = run(str(articles / "founding-chain.txt"), "--url", url)
    assert "already ingested as document" in out and "(same url)" in out
    assert Document.objects.count() == 1


def test_url_needs_exactly_one_path(founding, articles):
    _, _, error = run_failing(founding, str(articles / "mayor-loop.txt"), "--url", "https://a.b/")
    assert str(error) == "--url is the canonical URL of one article: give one PATH."


def test_an_unknown_user_is_refused(founding):
    _, _, error = run_failing(founding, "--user", "nobody")
    assert str(error) == "No user called 'nobody'."


def test_bad_files_get_one_line_each_and_the_others_go_through(tmp_path, founding):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "nul.txt").write_bytes(b"text\x00\x01\x02 with NUL bytes")
    (tmp_path / "huge.html").write_bytes(b"<p>" + b"a" * (20 * 1024 * 1024) + b"</p>")
    (tmp_path / "folder").mkdir()
    paths = [
        str(tmp_path / name)
        for name in ("empty.txt", "photo.html", "nul.txt", "huge.html", "folder", "missing.html")
    ]
    out, err, error = run_failing(*paths[:3], founding, *paths[3:])
    assert err.splitlines() == [
        f"error: {paths[0]}: The content is empty.",
        f"error: {paths[1]}: The content is a PNG image, not an HTML or text article.",
        f"error: {paths[2]}: The content contains NUL bytes: it is binary data, not text.",
        f"error: {paths[3]}: The file is 20,971,527 bytes; the limit is 10,485,760.",
        f"error: {paths[4]}: It is a folder, not a file.",
        f"error: {paths[5]}: No such file.",
    ]
    assert (str(error), error.returncode) == ("6 of 7 files failed.", 1)
    assert out.splitlines()[-1] == (
        "Files read: 4; documents created: 1; already present: 0; claims: 4, assertions: 11, "
        "citations: 7, new sources: 8; failures: 6."
    )
    assert Document.objects.count() == 1


def test_odd_but_readable_input(tmp_path):
    latin = tmp_path / "latin.html"
    latin.write_bytes(
        page("Le ministère a confirmé la hausse, a déclaré Élise Durand.").encode("cp1252")
    )
    quotes = tmp_path / "quotes.html"
    quotes.write_text(
        page("\u201cIt will close, she said. " * 40, "It reopens in May, Reuters said.")
    )
    nothing = tmp_path / "nothing.txt"
    nothing.write_text("A quiet day\n\nThe harbour stayed open all week.")
    nested = tmp_path / "nested.html"
    nested.write_text(
        '<meta property="og:site_name" content="Daily Planet">'
        + "<div>" * 100_000
        + "The fund grew, Reuters reported."
        + "</div>" * 100_000
    )
    started = time.process_time()  # CPU time: a loaded machine does not count
    out, _ = run(str(latin), str(quotes), str(nothing), str(nested))
    assert time.process_time() - started < 30
    assert out.splitlines()[-1] == (
        "Files read: 4; documents created: 4; already present: 0; claims: 2, assertions: 4, "
        "citations: 2, new sources: 2; failures: 0."
    )
    assert (
        "Le ministère a confirmé"
        in Document.objects.get(title="Headline", text__contains="Élise").text
    )
    assert Claim.objects.filter(text="It reopens in May.").exists()


def test_a_plain_text_without_publisher_fails_clearly(tmp_path):
    article = tmp_path / "wire.txt"
    article.write_text("Harbour news\n\nThe port will close, Reuters reported.")
    _, err, error = run_failing(str(article))
    assert err == (
        f"error: {article}: publisher: The publisher is unknown: name it (or give the article's "
        "URL), so that someone asserts the claims in this document.\n"
    )
    assert rows() == dict.fromkeys(rows(), 0)
    run(str(article), "--url", "https://harbour.example/port")
    assert Document.objects.get().publisher.name == "harbour.example"


def test_an_unexpected_error_is_one_line_unless_traceback(founding, monkeypatch):
    def broken(**kwargs):
        raise TypeError("something is off")

    monkeypatch.setattr(command, "ingestion_apply", broken)
    _, err, _ = run_failing(founding)
    assert err == (
        f"error: {founding}: Unexpected error (TypeError: something is off); run with "
        "--traceback to see where.\n"
    )
    with pytest.raises(TypeError, match="something is off"):
        call_command("ingest", founding, "--traceback", stdout=io.StringIO())


def test_fetches_urls_from_a_local_server(article_server, fetch_local, articles):
    out, _ = run(f"{article_server}/caliber")
    document = Document.objects.get()
    assert (document.url, document.snapshot_type) == (
        f"{article_server}/caliber",
        "text/html; charset=utf-8",
    )
    assert bytes(document.snapshot) == (articles / FOUNDING).read_bytes()
    assert Source.objects.filter(name="Axios").exists()
    assert out.splitlines()[0].startswith(f"{article_server}/caliber: document #{document.pk} ")


def test_url_problems_get_one_line_each(article_server, fetch_local):
    _, err, error = run_failing(f"{article_server}/image", f"{article_server}/nope")
    assert err.splitlines() == [
        f"error: {article_server}/image: The content is a PNG image, not an HTML or text article.",
        f"error: {article_server}/nope: The server answered 404 Not Found for "
        f"{article_server}/nope.",
    ]
    assert str(error) == "2 of 2 files failed."


def test_private_addresses_are_refused_by_default(article_server, settings):
    settings.PROVENANCE_FETCH_ALLOW_PRIVATE = False
    _, err, _ = run_failing(f"{article_server}/caliber")
    assert err == (
        f"error: {article_server}/caliber: The host 127.0.0.1 resolves to 127.0.0.1, a private or "
        "reserved address, which is not fetched.\n"
    )
    assert Document.objects.count() == 0


def test_the_fetch_size_limit_comes_from_the_settings(article_server, fetch_local):
    fetch_local.PROVENANCE_FETCH_MAX_BYTES = 1000
    _, err, _ = run_failing(f"{article_server}/big")
    url = f"{article_server}/big"
    assert err == f"error: {url}: {url} is 4,007 bytes; the limit is 1,000.\n"


def test_background_runs_the_task_without_a_broker(founding, article_server, fetch_local):
    out, _ = run(founding, f"{article_server}/caliber.txt", "--background")
    lines = out.splitlines()
    assert lines[0].split(": document #")[0] == founding
    # The same article as plain text is recognised by its title, publisher and text.
    document = Document.objects.get()
    assert lines[1] == (
        f"{article_server}/caliber.txt: already ingested as document #{document.pk} (same text)"
    )
    assert lines[-1] == (
        "Files read: 2; documents created: 1; already present: 1; claims: 4, assertions: 11, "
        "citations: 7, new sources: 8; failures: 0."
    )


def test_background_and_dry_run_do_not_mix(founding):
    _, _, error = run_failing(founding, "--background", "--dry-run")
    assert str(error) == "--background queues writes; it cannot be combined with --dry-run."


def test_with_a_broker_files_are_queued_not_run(founding, monkeypatch, editor):
    queued = []

    class Queued:  # what `delay` returns once a broker took the task
        def __init__(self, number: int) -> None:
            self.id = f"task-{number}"

    def delay(**kwargs):
        queued.append(kwargs)
        return Queued(len(queued))

    monkeypatch.setitem(command.ingest_article.app.conf, "task_always_eager", False)
    monkeypatch.setattr(command.ingest_article, "delay", delay)
    out, _ = run(founding, "https://news.example/a", "--background", "--user", editor.username)
    assert out.splitlines() == [
        f"{founding}: queued as task task-1",
        "https://news.example/a: queued as task task-2",
        "Files read: 2; documents created: 0; already present: 0; claims: 0, assertions: 0, "
        "citations: 0, new sources: 0; queued: 2; failures: 0.",
    ]
    assert (queued[0]["content_type"], queued[0]["url"], queued[0]["user_id"]) == (
        "text/html",
        None,
        editor.pk,
    )
    assert base64.b64decode(queued[0]["content_b64"]) == Path(founding).read_bytes()
    assert queued[1] == {"fetch_url": "https://news.example/a", "url": None, "user_id": editor.pk}
    assert Document.objects.count() == 0
