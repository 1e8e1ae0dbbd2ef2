import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import DESKTOP, PHONE, axe_violations, describe

pytestmark = pytest.mark.browser

PARTS = [
    "Problem",
    "Objectives",
    "Target groups",
    "Method",
    "Results",
    "Evaluation",
    "Transferability",
    "Lessons learned",
]


def cell_boxes(page, part: str) -> list[dict]:
    """Where each guide's cell of ``part`` is drawn."""
    cells = page.locator(f'section[aria-labelledby="compare-{part}"] .compare-cell')
    return [cell.bounding_box() for cell in cells.all()]


def test_reader_chooses_three_guides_and_reads_them_side_by_side(page, demo_content):
    page.goto("/en/practices/")
    cards = page.locator(".card")
    titles = []
    for card in cards.all()[:3]:
        titles.append(card.locator(".card-title").inner_text())
        card.get_by_label("Compare").check()
    page.get_by_role("button", name="Compare chosen guides").click()

    expect(page).to_have_url(
        re.compile(r"/en/practices/compare/\?guides=\d+&guides=\d+&guides=\d+$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare practices")
    expect(page.locator(".compare-title")).to_have_text(titles)
    expect(page.locator(".compare-part > h2")).to_have_text(PARTS + ["Other notes"])
    assert not (violations := axe_violations(page)), describe(violations)

    # Side by side on a desktop: one row, left to right.
    boxes = cell_boxes(page, "method")
    assert len(boxes) == 3
    assert len({round(box["y"]) for box in boxes}) == 1
    assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]

    # Stacked by part on a phone, each cell naming its guide.
    page.set_viewport_size(PHONE)
    boxes = cell_boxes(page, "method")
    assert len({round(box["x"]) for box in boxes}) == 1
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    method = page.locator('section[aria-labelledby="compare-method"]')
    expect(method.locator(".compare-guide")).to_have_text(titles)
    expect(method.locator(".compare-guide").first).to_be_visible()
    assert not (violations := axe_violations(page)), describe(violations)
    page.set_viewport_size(DESKTOP)

    page.get_by_role("link", name=titles[1]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(titles[1])
    expect(page.locator("#part-method")).to_have_text("Method")


def test_reader_chooses_from_search_and_is_told_of_a_fourth(page, demo_content):
    page.goto("/en/search/?q=foster")
    boxes = page.locator(".result").get_by_label("Compare")
    assert boxes.count() >= 4
    for number in range(4):
        boxes.nth(number).check()
    page.get_by_role("button", name="Compare chosen guides").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Choose at most three guides to compare."
    )
    page.go_back()
    page.locator(".result").get_by_label("Compare").nth(3).uncheck()
    page.get_by_role("button", name="Compare chosen guides").click()
    expect(page.locator(".compare-title")).to_have_count(3)
