"""On a practitioner's phone (390 × 844): results first, a compact menu, and
documents saved for reading without a connection. See docs/offline.md."""

import contextlib
import datetime
import io
import re
import socket
from importlib import import_module
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader
from pytest_django.live_server_helper import LiveServer
from wagtail.rich_text import RichText

from knowledge.privacy import Privacy, restrict
from practices.models import PracticeGuidePage
from serving.offline import EXPIRES_SESSION_KEY
from tests.browser.checks import PHONE, axe_violations, describe
from tests.browser.conftest import TIMEOUT_MS, watch_errors
from tests.factories import user_with_role

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


@pytest.fixture
def phone(chromium):
    """Opens tabs at 390 × 844, each in a browser of its own; closes them after
    the test, and fails it on any JavaScript error in them."""
    opened = []

    def open_tab(base_url, *, javascript=True):
        context = chromium.new_context(
            base_url=base_url,
            viewport=PHONE,
            locale="en-GB",
            java_script_enabled=javascript,
        )
        context.set_default_timeout(TIMEOUT_MS)
        tab = context.new_page()
        opened.append((tab, watch_errors(tab)))
        return tab

    yield open_tab
    errors = []
    for tab, found in opened:
        tab.context.close()
        errors += found
    assert not errors, f"Errors in the browser: {errors}"


def first_result_top(tab) -> float:
    return tab.locator(".result").first.bounding_box()["y"]


def test_the_first_result_starts_on_the_first_screen(page, demo_content):
    page.set_viewport_size(PHONE)
    page.goto("/en/")
    page.get_by_role("combobox", name="Search the knowledge base").fill("foster")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=foster"))
    assert first_result_top(page) < PHONE["height"]
    # One search box on the search page, and the filters closed.
    assert (
        page.get_by_role("searchbox").count() + page.get_by_role("combobox").count()
        == 1
    )
    assert not page.locator(".facets").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_filters_open_in_place_and_apply(phone, live_server, demo_content, javascript):
    tab = phone(live_server.url, javascript=javascript)
    tab.goto("/en/search/?q=foster")
    everything = tab.locator(".result").count()
    control = tab.get_by_text("Filters (0 active)")
    control.click()
    facets = tab.locator(".facets")
    assert facets.is_visible()
    facets.get_by_role("link", name="Policy brief").click()
    tab.wait_for_url(re.compile(r"type=brief"))

    assert tab.get_by_text("Filters (1 active)").is_visible()
    assert not facets.is_visible()
    assert 0 < tab.locator(".result").count() < everything
    assert first_result_top(tab) < PHONE["height"]
    chips = tab.get_by_role("list", name="Active filters").get_by_role("link")
    assert chips.count() == 1
    chips.get_by_text("Type: Policy brief").wait_for()
    tab.get_by_role("link", name="Remove filter: Type: Policy brief").click()
    tab.wait_for_url(lambda url: "type=" not in url)
    assert tab.get_by_text("Filters (0 active)").is_visible()
    assert tab.locator(".result").count() == everything


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_the_menu_opens_and_is_followed_by_keyboard(
    phone, live_server, demo_content, javascript
):
    tab = phone(live_server.url, javascript=javascript)
    tab.goto("/en/")
    header = tab.locator(".site-header")
    assert header.bounding_box()["height"] < 140
    nav = tab.get_by_role("navigation", name="Main")
    assert not nav.is_visible()
    for _stop in range(3):  # the skip link, the brand, the menu
        tab.keyboard.press("Tab")
    menu = tab.locator(".site-menu > summary")
    assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert menu.get_attribute("aria-expanded") in (None, "false")
    tab.keyboard.press("Enter")
    assert nav.is_visible()
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.textContent")
    assert focused == "Practice guides"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/en/practices/")
    if javascript:
        tab.keyboard.press("Tab")
        tab.keyboard.press("Tab")
        tab.keyboard.press("Tab")
        tab.keyboard.press("Enter")
        assert nav.is_visible()
        tab.keyboard.press("Escape")
        assert not nav.is_visible()
        assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"


@pytest.fixture
def own_server(transactional_db):
    """A live server of this test's own, which it may stop with ``stop_serving``."""
    server = LiveServer("localhost")
    httpd = server.thread.httpd
    server.connections = []
    answer = httpd.process_request

    def process_request(connection, address):
        server.connections.append(connection)
        answer(connection, address)

    httpd.process_request = process_request
    yield server
    server.stop()


def stop_serving(server):
    """No answer comes any more, as without signal: the listening socket and
    every open connection (the browser keeps some alive) are closed. The
    database connections the server shares with the test go at the end."""
    server.thread.terminate()
    for connection in server.connections:
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_RDWR)


def read_saved_pdf(tab, url, *, whole=False) -> bytes:
    """The PDF as the page fetches it: its first five bytes, or all of it."""
    found = tab.evaluate(
        """async ([url, whole]) => {
            const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
            return Array.from(whole ? bytes : bytes.slice(0, 5));
        }""",
        [url, whole],
    )
    return bytes(found)


def cached_urls(tab, name) -> list[str]:
    return tab.evaluate(
        """async (name) => {
            if (!(await caches.has(name))) return [];
            const cache = await caches.open(name);
            return (await cache.keys()).map((request) => new URL(request.url).pathname);
        }""",
        name,
    )


def cached_body(tab, name, url) -> bytes | None:
    found = tab.evaluate(
        """async ([name, url]) => {
            const response = await (await caches.open(name)).match(url);
            return response && Array.from(new Uint8Array(await response.arrayBuffer()));
        }""",
        [name, url],
    )
    return None if found is None else bytes(found)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def save(tab):
    tab.get_by_role("button", name="Save for offline").click()
    tab.get_by_text(re.compile("Saved on this device")).wait_for()


def member(email):
    user = user_with_role("practitioner", email=email)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(tab, user, then):
    """Signs ``user`` in on the site's sign-in page, which leads on to ``then``."""
    tab.goto(f"/en/accounts/login/?next={quote(then)}")
    form = tab.get_by_role("main")
    form.get_by_label("Username").fill(user.username)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"**{then}")


def sign_out(tab):
    tab.get_by_text("Menu").click()
    tab.get_by_role("button", name="Sign out").click()


def test_saved_guides_open_offline_and_a_members_go_at_sign_out(
    phone, own_server, demo_content
):
    public = PracticeGuidePage.objects.live().filter(privacy="public").first()
    secret = PracticeGuidePage.objects.live().filter(privacy="login").first()
    member = user_with_role("practitioner", email="reader@example.org")
    member.set_password(PASSWORD)
    member.save()
    tab = phone(own_server.url)
    tab.goto(public.url)
    tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # Read again, now through the worker, which keeps what it may.
    tab.reload()
    save(tab)

    tab.goto(secret.url)
    form = tab.get_by_role("main")
    form.get_by_label("Username").fill(member.username)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"**{secret.url}")
    save(tab)
    # Signed-in pages are kept only where the member saved them.
    assert secret.url not in cached_urls(tab, "offline-visited")
    assert public.url in cached_urls(tab, "offline-visited")
    assert set(cached_urls(tab, "offline-restricted")) == {
        secret.url,
        secret.url + "pdf/",
    }

    # The saved list says when a newer version is online.
    public.save_revision().publish()
    tab.goto("/en/offline/")
    saved = tab.locator(".saved-list")
    saved.get_by_text("A newer version is online").wait_for()
    assert saved.get_by_text("A newer version is online").count() == 1
    assert public.title in saved.locator("li", has_text="newer version").inner_text()
    # Each with the date it was saved.
    for title in (public.title, secret.title):
        item = saved.locator("li", has_text=title).inner_text()
        assert re.search(rf"Saved .*{timezone.localdate().year}", item), item

    stop_serving(own_server)
    tab.goto(secret.url)
    assert tab.get_by_role("heading", level=1).inner_text() == secret.title
    assert read_saved_pdf(tab, secret.url + "pdf/") == b"%PDF-"
    tab.goto(public.url)
    assert tab.get_by_role("heading", level=1).inner_text() == public.title
    assert read_saved_pdf(tab, public.url + "pdf/") == b"%PDF-"

    tab.goto("/en/search/?q=protocol")
    assert tab.get_by_text("so search does not work").is_visible()
    saved.get_by_role("link", name=public.title).wait_for()
    saved.get_by_role("link", name=secret.title).wait_for()
    violations = axe_violations(tab)
    assert not violations, describe(violations)

    tab.goto(secret.url)
    sign_out(tab)
    tab.wait_for_url(re.compile(r"/en/offline/\?signed-out"))
    assert tab.get_by_text("You signed out without a connection").is_visible()
    saved.get_by_role("link", name=public.title).wait_for()
    assert saved.get_by_role("link", name=secret.title).count() == 0

    tab.goto(secret.url)
    assert secret.title not in tab.content()
    assert tab.get_by_text("this page is not saved on this device").is_visible()
    assert cached_urls(tab, "offline-restricted") == []
    with pytest.raises(Exception, match="Failed to fetch"):
        read_saved_pdf(tab, secret.url + "pdf/")


# A word only the members-only annex holds.
ANNEX_WORD = "escortlinezq"


def test_a_members_copy_with_its_annex_is_for_that_member_alone(
    phone, own_server, demo_content
):
    """A public guide with a members-only annex: what a member saves holds the
    annex, so it is restricted like any signed-in page: another account signing
    in on the device removes it, and so does signing out."""
    guide = PracticeGuidePage.objects.live().filter(privacy="public").first()
    guide.members_annex = [
        ("rich_text", RichText(f"<p>Call the intake line, then the {ANNEX_WORD}.</p>"))
    ]
    guide.save_revision().publish()
    first, second = member("first@example.org"), member("second@example.org")
    tab = phone(own_server.url)
    tab.goto(guide.url)
    tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
    tab.reload()
    anonymous = cached_body(tab, "offline-visited", guide.url)
    assert anonymous and ANNEX_WORD.encode() not in anonymous

    sign_in(tab, first, guide.url)
    assert tab.get_by_text(ANNEX_WORD).is_visible()
    violations = axe_violations(tab)
    assert not violations, describe(violations)
    save(tab)
    assert ANNEX_WORD.encode() in cached_body(tab, "offline-restricted", guide.url)
    pdf = cached_body(tab, "offline-restricted", guide.url + "pdf/")
    assert ANNEX_WORD in pdf_text(pdf)

    # Another account signs in on this device, the first never signed out.
    sign_in(tab, second, guide.url)
    assert cached_urls(tab, "offline-restricted") == []
    assert cached_body(tab, "offline-visited", guide.url) == anonymous

    # The second saves it too, and reads it with its annex without a connection.
    save(tab)
    stop_serving(own_server)
    tab.goto(guide.url)
    assert tab.get_by_text(ANNEX_WORD).is_visible()
    assert ANNEX_WORD in pdf_text(read_saved_pdf(tab, guide.url + "pdf/", whole=True))

    # Signed out: what is left is the page as anyone read it.
    sign_out(tab)
    tab.wait_for_url(re.compile(r"/en/offline/\?signed-out"))
    tab.goto(guide.url)
    assert tab.get_by_role("heading", level=1).inner_text() == guide.title
    assert ANNEX_WORD not in tab.content()
    assert cached_urls(tab, "offline-restricted") == []


def test_a_members_copy_is_never_read_after_the_session_s_recorded_end(
    phone, own_server, demo_content
):
    secret = PracticeGuidePage.objects.live().filter(privacy="login").first()
    reader = member("reader@example.org")
    tab = phone(own_server.url)
    tab.goto("/en/")
    tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
    sign_in(tab, reader, secret.url)
    # The session's end, as recorded at sign-in, comes in a few seconds.
    cookie = next(
        cookie["value"]
        for cookie in tab.context.cookies()
        if cookie["name"] == settings.SESSION_COOKIE_NAME
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore(cookie)
    end = (timezone.now() + datetime.timedelta(seconds=3)).isoformat()
    session[EXPIRES_SESSION_KEY] = end
    session.save()
    save(tab)
    assert set(cached_urls(tab, "offline-restricted")) == {
        secret.url,
        secret.url + "pdf/",
    }

    tab.wait_for_function("(end) => Date.now() > Date.parse(end)", arg=end)
    stop_serving(own_server)
    tab.goto(secret.url)
    assert secret.title not in tab.content()
    assert tab.get_by_text("this page is not saved on this device").is_visible()
    # Deleted when the worker ran.
    assert cached_urls(tab, "offline-restricted") == []


def test_copies_of_a_page_restricted_later_go_when_the_site_says_so(
    phone, own_server, demo_content
):
    """Pages an anonymous reader visited or saved, restricted or unpublished
    later: the next answer online that refuses the reader removes the copies
    (a navigation, or the saved list's check), and nothing of them is read
    without a connection. A page that stays public stays saved."""
    kept, saved, listed, still = PracticeGuidePage.objects.live().filter(
        privacy="public"
    )[:4]
    tab = phone(own_server.url)
    tab.goto(kept.url)
    tab.evaluate("navigator.serviceWorker.ready.then(() => true)")
    tab.reload()
    for guide in (saved, listed, still):
        tab.goto(guide.url)
        save(tab)
    assert kept.url in cached_urls(tab, "offline-visited")
    assert set(cached_urls(tab, "offline-saved")) == {
        url
        for guide in (saved, listed, still)
        for url in (guide.url, guide.url + "pdf/")
    }

    # A reviewer restricts two to signed-in readers and unpublishes the third.
    for guide in (kept, saved):
        restrict(guide, Privacy.LOGIN)
    listed.unpublish()

    for guide in (kept, saved):
        tab.goto(guide.url)
        tab.wait_for_url(re.compile(r"/accounts/login/\?next="))
        assert guide.title not in tab.content()
    assert kept.url not in cached_urls(tab, "offline-visited")
    assert saved.url not in cached_urls(tab, "offline-visited")
    assert set(cached_urls(tab, "offline-saved")) == {
        url for guide in (listed, still) for url in (guide.url, guide.url + "pdf/")
    }
    # The saved list asks the site for each document: the unpublished one goes.
    tab.goto("/en/offline/")
    items = tab.locator(".saved-list li")
    expect(items).to_have_count(1)
    assert still.title in items.inner_text()
    assert set(cached_urls(tab, "offline-saved")) == {still.url, still.url + "pdf/"}

    stop_serving(own_server)
    for guide in (kept, saved, listed):
        tab.goto(guide.url)
        assert tab.get_by_text("this page is not saved on this device").is_visible()
        assert guide.title not in tab.content()
        with pytest.raises(Exception, match="Failed to fetch"):
            read_saved_pdf(tab, guide.url + "pdf/")
    # Without a connection the list's checks fail, which removes nothing.
    tab.goto("/en/offline/")
    tab.wait_for_load_state("networkidle")
    tab.goto(still.url)
    assert tab.get_by_role("heading", level=1).inner_text() == still.title
    assert set(cached_urls(tab, "offline-saved")) == {still.url, still.url + "pdf/"}
