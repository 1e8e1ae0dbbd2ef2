"""Headless Chromium (Debian's) driven by Playwright against pytest-django's live
server. See docs/testing.md."""

import os
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from tests.browser.checks import DESKTOP

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Playwright waits this long (ms) for an element or a navigation before failing.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run `make system-deps` as root.")
    # Playwright's sync API runs an event loop in this thread, and Django refuses
    # database queries next to one unless told otherwise. The live server answers
    # from its own thread, so nothing is shared with the loop. Scoped to a module
    # so that the loop and the flag end with the browser tests.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


def new_tab(chromium, live_server):
    """A tab in a new browser context (its own cookies): another person."""
    context = chromium.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def watch_errors(tab) -> list[str]:
    """The JavaScript errors of ``tab`` and what the Content-Security-Policy
    blocked, as they happen: a test fails on any."""
    errors = []

    def on_console(message):
        # Report-only logs are "info".
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture
def page(chromium, live_server, transactional_db):
    """A fresh browser tab (no cookies) on the live server; fails on JS errors."""
    tab = new_tab(chromium, live_server)
    errors = watch_errors(tab)
    yield tab
    tab.context.close()
    assert not errors, f"Errors in the browser: {errors}"


@pytest.fixture
def demo_content(transactional_db):
    # Flushing after a browser test also empties what data migrations added:
    # the list of standards the demo content cites.
    import_module("standards.migrations.0002_seed_standards").seed(apps, None)
    call_command("load_demo_content", stdout=StringIO())
