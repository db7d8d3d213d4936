"""Watching sources on a local server: live, changed, boilerplate only, moved, gone, spacing."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from provenance.models import Capture, Claim, Document, SourceCheck, SourceWatch
from provenance.services.watching import watch_first_due, watch_run
from tests.evidence.conftest import article
from tests.factories import AssertionFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

LEAD = "The harbour board approved the new ferry route on Monday."
QUOTE = "We will run six crossings a day, starting in May."
TAIL = "Fares have not been set."


def _ingest(editor_api, url: str) -> Document:
    response = editor_api.post(
        "/api/ingest/", {"url": url, "fetch": True, "confirm": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    return Document.objects.get(pk=response.json()["document"]["id"])


def _quoting_claim(document: Document) -> Claim:
    claim = ClaimFactory(text="The ferry will run six crossings a day.")
    AssertionFactory(
        claim=claim,
        source=SourceFactory(name="Mira Olsen", kind="person"),
        document=document,
        quote=QUOTE,
        quote_kind="direct",
        selector_exact=QUOTE,
    )
    return claim


def _due_now() -> None:
    SourceWatch.objects.update(next_check_at=timezone.now() - timedelta(seconds=1))


def _run(capture_callbacks):
    with capture_callbacks(execute=True):
        return watch_run()


def test_unchanged_page_is_live_and_backs_off(editor_api, site, settings):
    document = _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    run = watch_run()
    assert run.enrolled == 1 and run.checks == ()  # first check is a day away
    _due_now()
    [check] = watch_run().checks
    assert (check.result, check.status) == ("live", 200)
    watch = SourceWatch.objects.get(document=document)
    assert watch.interval_hours == 2 * settings.PROVENANCE_WATCH_FIRST_HOURS
    assert Capture.objects.filter(document=document).count() == 1  # the same body: not again
    _due_now()
    watch_run()
    watch.refresh_from_db()
    assert watch.interval_hours == 4 * settings.PROVENANCE_WATCH_FIRST_HOURS


def test_boilerplate_only_change_is_not_a_change(editor_api, site):
    url = site.serve("/ferry", article(LEAD, QUOTE, TAIL, sidebar="Updated 1 March"))
    document = _ingest(editor_api, url)
    site.serve("/ferry", article(LEAD, QUOTE, TAIL, sidebar="Updated 4 March, 09:12"))
    watch_run()
    _due_now()
    [check] = watch_run().checks
    assert check.result == "live"
    document.refresh_from_db()
    assert document.source_state == "live"
    # The new bytes are kept (a new capture), but the text compared is the same.
    assert Capture.objects.filter(document=document).count() == 2


def test_removed_quote_flags_the_claim_naming_the_sentence(
    editor_api, site, django_capture_on_commit_callbacks
):
    document = _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    claim = _quoting_claim(document)
    site.serve("/ferry", article(LEAD, TAIL, "The board will publish a timetable later."))
    watch_run()
    _due_now()
    [check] = _run(django_capture_on_commit_callbacks).checks
    today = f"{timezone.now().day} {timezone.now():%B %Y}"
    assert check.result == "changed"
    assert check.note == f"The quoted sentence “{QUOTE}” was removed on {today}."
    assert {"removed": QUOTE, "added": ""} in check.diff
    assert any("timetable" in passage["added"] for passage in check.diff)
    document.refresh_from_db()
    assert (document.source_state, document.source_note) == ("changed", check.note)
    claim.refresh_from_db()
    assert claim.flagged
    assert "1 source page changed" in claim.analysis_summary


def test_a_change_elsewhere_is_described_by_its_words(editor_api, site):
    document = _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    _quoting_claim(document)
    site.serve("/ferry", article(LEAD, QUOTE, "Fares will be announced in April."))
    watch_run()
    _due_now()
    [check] = watch_run().checks
    assert check.result == "changed"
    assert check.note.startswith("The article text changed on ")
    assert "4 words removed, 5 added" in check.note
    # The next check compares with what was seen last: no change, live again.
    _due_now()
    [check] = watch_run().checks
    assert check.result == "live"
    document.refresh_from_db()
    assert document.source_state == "changed"  # stays flagged until an editor looks


def test_redirect_is_moved(editor_api, site):
    document = _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    site.serve("/2026/ferry", article(LEAD, QUOTE, TAIL))
    site.redirect("/ferry", "/2026/ferry")
    watch_run()
    _due_now()
    [check] = watch_run().checks
    assert (check.result, check.final_url) == ("moved", site.url("/2026/ferry"))
    document.refresh_from_db()
    assert document.source_state == "moved"


def test_404_is_gone_and_flags_the_claim(editor_api, site, django_capture_on_commit_callbacks):
    document = _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    claim = _quoting_claim(document)
    del site.pages["/ferry"]
    watch_run()
    _due_now()
    [check] = _run(django_capture_on_commit_callbacks).checks
    assert (check.result, check.status) == ("gone", 404)
    assert SourceWatch.objects.get(document=document).active is False
    claim.refresh_from_db()
    assert claim.flagged
    document.refresh_from_db()
    assert document.source_note.startswith("The page answered 404 (gone) on ")


def test_410_is_gone(editor_api, site):
    _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    site.serve("/ferry", b"Removed.", status=410)
    watch_run()
    _due_now()
    assert [c.result for c in watch_run().checks] == ["gone"]


def test_dns_failure_is_gone_after_several_tries(editor_api, site, monkeypatch, settings):
    real = socket.getaddrinfo
    resolvable = {"ledger.test": True}

    def getaddrinfo(host, *args, **kwargs):
        if host == "ledger.test":
            if not resolvable["ledger.test"]:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    port = site.base.rsplit(":", 1)[1]
    site.serve("/ferry", article(LEAD, QUOTE, TAIL))
    document = _ingest(editor_api, f"http://ledger.test:{port}/ferry")
    resolvable["ledger.test"] = False
    watch_run()
    results = []
    for _ in range(settings.PROVENANCE_WATCH_GONE_AFTER):
        _due_now()
        results += [c.result for c in watch_run().checks]
    assert results == ["failed"] * (settings.PROVENANCE_WATCH_GONE_AFTER - 1) + ["gone"]
    document.refresh_from_db()
    assert document.source_state == "gone"
    assert "no longer resolves (3 failed checks in a row)" in document.source_note


def test_slow_and_oversized_pages_fail_and_are_retried(editor_api, site, settings):
    document = _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    other = _ingest(editor_api, site.serve("/other", article("A different story entirely.")))
    Document.objects.filter(pk=document.pk).update(url=site.url("/slow"))
    Document.objects.filter(pk=other.pk).update(url=site.url("/huge"))
    settings.PROVENANCE_FETCH_TIMEOUT = 0.5
    settings.PROVENANCE_FETCH_MAX_BYTES = 50_000
    watch_run()
    _due_now()
    checks = {c.document_id: c for c in watch_run(limit=5).checks}
    assert len(checks) == 1  # one host: the second waits for the next run
    checks |= {c.document_id: c for c in watch_run(limit=5).checks}
    assert checks[document.pk].result == "failed"
    assert "longer than allowed" in checks[document.pk].note
    assert checks[other.pk].result == "failed"
    assert "larger than the limit of 50,000 bytes" in checks[other.pk].note
    watch = SourceWatch.objects.get(document=document)
    assert watch.active and watch.failures == 1
    assert watch.next_check_at - watch.last_checked_at == timedelta(hours=1)


def test_one_request_per_host_per_minute(editor_api, site, settings):
    _ingest(editor_api, site.serve("/a", article("First story about the tide.")))
    _ingest(editor_api, site.serve("/b", article("Second story about the pier.")))
    settings.PROVENANCE_WATCH_HOST_SPACING_SECONDS = 60
    watch_run()
    _due_now()
    first = watch_run()
    assert (len(first.checks), first.deferred) == (1, 1)
    _due_now()
    second = watch_run()  # the host was fetched less than a minute ago
    assert (len(second.checks), second.deferred) == (0, 2)
    SourceWatch.objects.update(last_checked_at=timezone.now() - timedelta(seconds=61))
    assert len(watch_run().checks) == 1


def test_first_checks_spread_over_the_interval(settings):
    now = timezone.now()
    offsets = [
        (watch_first_due(document_id=i, now=now) - now).total_seconds() for i in range(1, 1441)
    ]
    hours = settings.PROVENANCE_WATCH_FIRST_HOURS
    assert all(0 <= o < hours * 3600 for o in offsets)
    per_hour = [sum(1 for o in offsets if h * 3600 <= o < (h + 1) * 3600) for h in range(hours)]
    assert 50 <= min(per_hour) and max(per_hour) <= 70  # 60 an hour, give or take


def test_command_and_task_run_in_process(editor_api, site, capsys):
    _ingest(editor_api, site.serve("/ferry", article(LEAD, QUOTE, TAIL)))
    call_command("watch_sources")
    _due_now()
    call_command("watch_sources", "--limit", "10")
    out = capsys.readouterr().out
    assert "Checked 1 documents (1 live); 0 newly watched" in out
    from provenance.tasks import watch_sources

    _due_now()
    assert watch_sources.apply().get()["live"] == 1
    assert SourceCheck.objects.count() == 2


def test_celery_beat_runs_the_watch_task():
    from config.celery import app
    from provenance import tasks

    entry = app.conf.beat_schedule["watch-sources"]
    assert entry["task"] == tasks.watch_sources.name == "provenance.watch_sources"
    assert entry["task"] in app.tasks
