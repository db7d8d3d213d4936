"""The app under gunicorn on a free loopback port, with production settings, for benchmarks."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent


def production_env(database_url: str) -> dict[str, str]:
    """DEBUG off, plain HTTP on loopback, throttling off (it would cap what is measured), and
    no recycling of workers: a worker restarted after `max_requests` (20,000 in production)
    re-imports Django and loses its cache, half a second that would show as the p99 of
    whichever endpoint was being measured."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "THROTTLE_ANON": "",
        "THROTTLE_USER": "",
        "GUNICORN_MAX_REQUESTS": "0",
        "PYTHONPATH": str(ROOT),
        # Production serves collected, fingerprinted static files (running_app collects them).
        "STATIC_ROOT": str(ROOT / "artifacts" / "staticfiles"),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(
    env: dict[str, str], *, workers: int, timeout: float = 30, stderr: IO | int = subprocess.PIPE
) -> Iterator[str]:
    """Start gunicorn (config/gunicorn.py), wait for /api/ping/, yield its base URL, stop it.

    `stderr` takes the server's log (a file, to keep the tracebacks of a long run).
    """
    # As a deployment does: with DEBUG off, WhiteNoise serves only collected files (and warns
    # at start when there are none), and the admin's pages need their manifest.
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--config",
            str(ROOT / "config" / "gunicorn.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/ping/", timeout=1):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    message = f"gunicorn did not answer at {base} within {timeout} s"
                    raise SystemExit(message) from None
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
