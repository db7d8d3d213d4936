"""What a developer sees: each log record once, a shell that starts without warnings."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import logging
import django
django.setup()
for name in ("django", "django.request", "django.server", "provenance", "celery"):
    logging.getLogger(name).warning("probe from %s", name)
"""


def test_each_log_record_is_printed_once():
    """A fresh process configured as the server is (pytest adds handlers of its own here)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "true"}
    done = subprocess.run(  # noqa: S603 -- this interpreter, a fixed script
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    lines = done.stderr.splitlines()
    for name in ("django", "django.request", "django.server", "provenance", "celery"):
        assert sum(line.endswith(f"probe from {name}") for line in lines) == 1, done.stderr
    assert "WARNING django.request: probe from django.request" in lines


@pytest.mark.django_db
def test_the_shell_imports_the_models_without_a_warning(capsys):
    out = StringIO()
    call_command("shell", "-v", "2", command="print(Claim.__name__, Source.__name__)", stdout=out)
    captured = capsys.readouterr()
    assert "could not be automatically imported" not in out.getvalue() + captured.out
    assert "Claim Source" in captured.out
