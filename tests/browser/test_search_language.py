import re

import pytest

pytestmark = pytest.mark.browser


def test_reader_follows_a_suggestion_for_a_misspelt_word(page, demo_content):
    page.goto("/sr-latn/")
    page.locator("header").get_by_role("combobox").fill("hraniteljsvo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sr-latn/search/\?q=hraniteljsvo"))
    assert page.locator(".result").count() == 0
    suggestion = page.locator(".search-suggestion")
    assert suggestion.inner_text().startswith("Da li ste mislili")

    suggestion.get_by_role("link", name="hraniteljstvo").click()
    page.wait_for_url(re.compile(r"q=hraniteljstvo"))
    assert page.locator(".result").count() > 0
    assert page.locator(".search-suggestion").count() == 0
    marked = page.locator(".result .snippet mark").all_text_contents()
    assert any(word.lower().startswith("hranitelj") for word in marked)


def test_reader_sees_partial_matches_announced(page, demo_content):
    page.goto("/en/search/?q=groming+awareness")
    notice = page.get_by_role("status").filter(has_text="all your words")
    assert notice.inner_text() == (
        "No document has all your words; these have most of them."
    )
    assert page.locator(".result").count() > 0
    page.locator(".search-suggestion").get_by_role(
        "link", name="grooming awareness"
    ).click()
    page.wait_for_url(re.compile(r"q=grooming\+awareness"))
