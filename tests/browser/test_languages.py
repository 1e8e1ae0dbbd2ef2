import re

import pytest
from playwright.sync_api import expect

from briefs.models import PolicyBriefPage

pytestmark = pytest.mark.browser


def switch_to(page, name: str) -> None:
    # The switcher's own label is in the current language; the names are not.
    page.locator(".language-switcher").get_by_role(
        "link", name=name, exact=True
    ).click()


def test_language_switcher_keeps_the_reader_on_the_same_page(page, demo_content):
    brief = PolicyBriefPage.objects.live().filter(privacy="public").first()
    path = brief.url.removeprefix("/en/")
    page.goto(brief.url)
    for name, prefix, lang in [
        ("Srpski", "sr-latn", "sr-Latn"),
        ("Српски", "sr", "sr-Cyrl"),
        ("Slovenščina", "sl", "sl"),
        ("English", "en", "en"),
    ]:
        switch_to(page, name)
        page.wait_for_url(f"**/{prefix}/{path}")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("heading", level=1).inner_text() == brief.title


def test_language_switcher_keeps_the_search_and_its_filters(page, demo_content):
    page.goto("/en/search/?q=foster&type=brief")
    switch_to(page, "Srpski")
    page.wait_for_url(re.compile(r"/sr-latn/search/\?q=foster&type=brief$"))
    assert page.locator(".result").count() > 0


def test_search_suggestions_speak_the_readers_language(page, demo_content):
    page.goto("/sr/search/")
    page.locator("#search-q").press_sequentially("fost")
    suggestions = page.locator(".search-form").get_by_role("listbox")
    expect(suggestions.get_by_role("option").first).to_be_visible()
    # The type of each suggestion and the line read out to screen readers.
    assert set(suggestions.locator(".autocomplete-type").all_text_contents()) <= {
        "Тема",
        "Водич за праксу",
        "Студијска посета",
        "Сажетак политике",
        "Програм обуке",
    }
    expect(page.locator(".search-form [role=status]")).to_have_text(
        re.compile(r"^Предлози: [1-8]\. Изаберите један стрелицама нагоре и надоле\.$")
    )
