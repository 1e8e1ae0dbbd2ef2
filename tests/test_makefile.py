"""What `make run` and `make test` would do, read from `make --dry-run`: a reader
who only wants the site gets what serving needs, in an order that leaves the
site in their language; the tests get their browser and node on top."""

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_TOOLS = ["chromium", "nodejs", "npm ci", ".[dev]"]


def dry_run(target: str, *variables: str) -> str:
    """The commands ``make target`` would run on a new machine (no venv yet)."""
    return subprocess.run(  # noqa: S603 - our own Makefile, nothing is run
        [
            shutil.which("make"),
            "--dry-run",
            "--always-make",
            target,
            "VENV=.venv-dry-run",
            *variables,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def first_line(output: str, pattern: str) -> int:
    lines = output.splitlines()
    return next(i for i, line in enumerate(lines) if re.search(pattern, line))


def test_make_run_installs_what_serving_needs_and_no_test_tools():
    output = dry_run("run")
    for tool in TEST_TOOLS:
        assert tool not in output, tool
    for package in ["gettext", "libpango-1.0-0", "fonts-dejavu-core"]:
        assert package in output
    assert "pip install --quiet -e ." in output


def test_make_run_compiles_the_catalogues_before_it_builds_the_site():
    """`migrate` writes the home and section pages of every language from the
    catalogues: compiled after it, a fresh clone's /sr/ was in English."""
    output = dry_run("run")
    order = [
        first_line(output, r"manage\.py compilemessages"),
        first_line(output, r"manage\.py migrate"),
        first_line(output, r"manage\.py load_demo_content"),
        first_line(output, r"manage\.py runserver"),
    ]
    assert order == sorted(order)


def test_links_in_e_mails_point_at_the_port_make_run_serves_on():
    output = dry_run("run", "PORT=8123")
    server = output.splitlines()[first_line(output, r"manage\.py runserver")]
    assert "WAGTAILADMIN_BASE_URL" in server
    assert "http://127.0.0.1:8123" in server


def test_make_test_installs_the_test_tools_too():
    output = dry_run("test")
    for tool in TEST_TOOLS + ["gettext"]:
        assert tool in output, tool
    assert first_line(output, r"compilemessages") < first_line(output, r"pytest")
