"""A database restart costs a gunicorn worker no request (PostgreSQL only).

A restart ends every server connection. A worker keeps its connection between
requests (``CONN_MAX_AGE``); with ``CONN_HEALTH_CHECKS`` it notices the dead
connection at the start of the next request and opens a new one. Ending the
worker's connections with ``pg_terminate_backend`` is what a restart looks like
from the worker's side, without stopping a server other tests share.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.commands import NOT_INHERITED, PROJECT_DIR

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="a PostgreSQL server is needed",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The server's connections carry this name, so the "restart" ends theirs only and
# leaves alone the other connections of this test run (the live server's, say).
APPLICATION_NAME = "knowledge-restart-test"


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}?application_name={APPLICATION_NAME}"
    )


def production_env(settings_module: str, static_root) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=database_url(),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_RATE_LIMITS="false",
        DJANGO_CONN_MAX_AGE="600",
        STATIC_ROOT=str(static_root),
    )
    env.pop("REDIS_URL", None)
    return env


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collected static files: production pages, the 503 page too, need them."""
    root = tmp_path_factory.mktemp("static")
    env = production_env("knowledge.settings.production", root)
    env["DATABASE_URL"] = "sqlite://:memory:"
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        timeout=300,
    )
    return root


@pytest.fixture
def gunicorn(static_root, tmp_path):
    """Start one gunicorn worker on the test database with the given settings."""
    processes = []

    def start(settings_module: str) -> str:
        port = free_port()
        env = production_env(settings_module, static_root)
        env["MEDIA_ROOT"] = str(tmp_path / "media")
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "knowledge.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        processes.append(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.2)
        pytest.fail("gunicorn did not start")

    yield start
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


# OFFSET 0 keeps the planner from calling pg_terminate_backend on any connection
# before the filter has picked the server's.
END_SERVER_CONNECTIONS = """
    SELECT count(*) FROM (
        SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = %s
        OFFSET 0
    ) AS server
    WHERE pg_terminate_backend(pid)
"""
COUNT_SERVER_CONNECTIONS = """
    SELECT count(*) FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = %s
"""


def restart_database() -> int:
    """End the server's connections, as a database restart does, and wait until
    PostgreSQL has closed them."""
    with connection.cursor() as cursor:
        # The test runs in a transaction, which keeps one snapshot of the
        # activity statistics unless told to take a new one.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(END_SERVER_CONNECTIONS, [APPLICATION_NAME])
        ended = cursor.fetchone()[0]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(COUNT_SERVER_CONNECTIONS, [APPLICATION_NAME])
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.1)
    return ended


def requests_after_restart(base_url: str, path: str) -> list[int]:
    assert status(f"{base_url}{path}?before") == 200  # the worker holds a connection
    assert restart_database() == 1
    # Distinct query strings: each request misses the page cache.
    return [status(f"{base_url}{path}?{n}") for n in ("first", "second")]


PATHS = ("/health/ready/", "/en/")  # a reader's page, and the load balancer's probe


def test_the_first_request_after_a_restart_is_answered(gunicorn):
    base_url = gunicorn("knowledge.settings.production")
    for path in PATHS:
        assert requests_after_restart(base_url, path) == [200, 200], path


def test_without_health_checks_the_first_request_fails(gunicorn):
    """The counterpart, which shows the test above can fail: the failed request
    is still a 503 with Retry-After (the error page or the probe's answer)."""
    base_url = gunicorn("tests.serving.reliability.no_health_checks")
    for path in PATHS:
        assert requests_after_restart(base_url, path) == [503, 200], path
