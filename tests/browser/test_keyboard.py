import pytest

from tests.browser.checks import PHONE

pytestmark = pytest.mark.browser

# What the focused element is, where it sits in the document, and whether a
# sighted keyboard user can see it and its focus ring.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        name: (el.getAttribute("aria-label") || el.innerText || el.placeholder || "").trim(),
        tag: el.tagName.toLowerCase(),
        id: el.id,
        order: Array.prototype.indexOf.call(document.querySelectorAll("*"), el),
        inMain: el.closest("main") !== null,
        onScreen: box.width > 0 && box.height > 0 && box.top >= 0
            && box.bottom <= window.innerHeight && box.left >= 0
            && box.right <= window.innerWidth,
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
            || style.boxShadow !== "none",
    };
}"""


def tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto("/en/")
    first = tab(page)
    assert first["name"] == "Skip to content"
    assert first["onScreen"] and first["ring"], first
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/#main")
    assert page.evaluate(FOCUSED)["id"] == "main"
    assert tab(page)["inMain"]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_tab_order_follows_the_page_and_focus_is_always_visible(
    page, demo_content, viewport
):
    if viewport:
        page.set_viewport_size(viewport)
    page.goto("/en/briefs/")
    stops = []
    while not (stops and stops[-1]["inMain"]):
        stops.append(tab(page))
        assert len(stops) < 40, "Tab never reaches the content"
    for stop in stops:
        assert stop["onScreen"] and stop["ring"], stop
    orders = [stop["order"] for stop in stops]
    assert orders == sorted(orders), [stop["name"] for stop in stops]
    names = [stop["name"] for stop in stops]
    assert names[0] == "Skip to content"
    main_nav = ["Practice guides", "Exchanges", "Policy briefs", "Topics", "Partners"]
    if viewport:
        # On a phone the sections wait behind the menu (tests/browser/test_phone.py).
        assert any(name.endswith("Menu") for name in names), names
        assert not [name for name in names if name in main_nav + ["Sign in"]]
    else:
        assert [name for name in names if name in main_nav] == main_nav
        assert names.index("Sign in") < names.index("Search")
    # The header's search is the last stop before the content.
    assert names[-2] == "Search"
    # The first stop in the content is the first filter.
    assert stops[-1]["tag"] == "select"
