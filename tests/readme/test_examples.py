"""The README's examples, run as written against a live server on the demo data.

A shell block in README.md preceded by the line `<!-- tested -->` is run here, in order and in
one shell (a TOKEN set in one block serves the next), from the repository's root, against
`manage.py runserver` on a fresh SQLite database holding the demo data, as `make run` leaves a
newcomer. `B=http://127.0.0.1:8000` lines are pointed at the test server; `manage.py` commands
use its database. Each comment line `# → TEXT` is output the commands above it must print: the
lines must appear, in order, in what the block printed (whitespace at the ends ignored). Every
command must succeed (`set -e -o pipefail`).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
MARKER = "<!-- tested -->"
EXPECTED = "# → "


@dataclass(frozen=True)
class Example:
    line: int  # where the block starts in README.md
    script: str
    expected: tuple[str, ...]


def examples(text: str) -> list[Example]:
    """The tested shell blocks of a README, with the output each must print."""
    found = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip() != MARKER:
            continue
        fence = lines[index + 1].strip()
        if fence not in ("```sh", "```bash"):
            raise AssertionError(f"README.md:{index + 1}: {MARKER} must stand before a sh block")
        end = lines.index("```", index + 2)
        body = lines[index + 2 : end]
        expected = tuple(
            line.strip()[len(EXPECTED) :].strip()
            for line in body
            if line.strip().startswith(EXPECTED)
        )
        found.append(Example(index + 3, "\n".join(body), expected))
    return found


def appears_in_order(expected: tuple[str, ...], output: str) -> list[str]:
    """The expected lines missing from `output` (in order, ends stripped)."""
    printed = [line.strip() for line in output.splitlines()]
    missing, at = [], 0
    for line in expected:
        try:
            at = printed.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


def test_the_marker_finds_blocks_and_their_output():
    text = "\n".join(
        [
            "intro",
            MARKER,
            "```sh",
            "echo one",
            "# → one",
            "```",
            "```sh",
            "echo untested",
            "```",
        ]
    )
    [example] = examples(text)
    assert (example.line, example.script, example.expected) == (4, "echo one\n# → one", ("one",))
    assert appears_in_order(("a", "c"), "a\nb\n  c  \n") == []
    assert appears_in_order(("c", "a"), "a\nb\nc\n") == ["a"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    """runserver on a fresh SQLite database with the demo data: what `make run` gives."""
    folder = tmp_path_factory.mktemp("readme")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DEBUG": "true",
        "CELERY_BROKER_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage = [sys.executable, "manage.py"]
    for args in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
        subprocess.run([*manage, *args], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/ping/", timeout=1):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"runserver did not answer: {(folder / 'server.log').read_text()}")
                time.sleep(0.2)
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()


def test_every_readme_example_works_as_written(demo_server):
    base, env = demo_server
    blocks = examples(README.read_text(encoding="utf-8"))
    assert len(blocks) >= 4, "README.md has lost its tested examples"
    separator = "@@README-EXAMPLE-END@@"
    script = ["set -e -o pipefail", f"export B={base}"]
    for example in blocks:
        body = re.sub(r"^B=http://127\.0\.0\.1:8000\b.*$", "", example.script, flags=re.M)
        script += [body, f"echo {separator}"]
    done = subprocess.run(  # noqa: S603
        ["bash", "-c", "\n".join(script)],  # noqa: S607
        cwd=ROOT,
        env={**env, "PATH": f"{Path(sys.executable).parent}:{env['PATH']}"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    outputs = done.stdout.split(separator)
    ran = len(outputs) - 1
    if done.returncode != 0:
        failing = blocks[min(ran, len(blocks) - 1)]
        pytest.fail(
            f"README.md:{failing.line}: the example failed (exit {done.returncode}):\n"
            f"{outputs[-1]}\n{done.stderr[-3000:]}"
        )
    for example, output in zip(blocks, outputs, strict=False):
        missing = appears_in_order(example.expected, output)
        assert not missing, f"README.md:{example.line}: not printed: {missing}\ngot:\n{output}"
