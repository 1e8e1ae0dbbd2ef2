import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_reader_searches_narrows_opens_a_brief_and_downloads_its_pdf(
    page, demo_content
):
    page.goto("/en/")
    page.locator("header").get_by_role(
        "combobox", name="Search the knowledge base"
    ).fill("foster")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q=foster"))
    everything = page.locator(".result").count()
    assert everything > 1

    page.locator(".facets").get_by_role("link", name="Policy brief").click()
    page.wait_for_url(re.compile(r"type=brief"))
    results = page.locator(".result")
    assert 0 < results.count() < everything
    for kind in results.locator(".card-type").all_text_contents():
        assert kind.startswith("Policy brief")

    title = results.first.locator(".result-title a")
    expected = title.inner_text()
    title.click()
    assert page.get_by_role("heading", level=1).inner_text() == expected

    link = page.get_by_role("link", name="Download PDF")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"


def test_reader_filters_a_listing(page, demo_content):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Policy briefs"
    ).click()
    count = page.locator(".result-count")
    everything = int(count.inner_text().split()[0])
    page.get_by_label("Topic", exact=True).select_option(label="Foster care")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"topic=foster-care"))
    filtered = int(count.inner_text().split()[0])
    assert 0 < filtered < everything
    assert page.locator(".card").count() == filtered
    for topics in page.locator(".card").all_text_contents():
        assert "Foster care" in topics


def test_reader_follows_an_evidence_badge_and_a_practices_lineage(page, demo_content):
    page.goto("/en/practices/")
    badge = page.locator(".card").first.locator(".badge-evidence")
    level = badge.get_attribute("href").split("#")[1]
    assert "Evidence level:" in badge.text_content()
    badge.click()
    page.wait_for_url(re.compile(rf"/en/evidence/#{level}$"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "How strong is the evidence?"
    )
    assert "Requires:" in page.locator(f"#{level}").inner_text()

    evaluated = page.locator("#evaluated")
    link = evaluated.get_by_role("link", name=re.compile("at this level"))
    count = int(link.inner_text().split()[0])
    link.click()
    page.wait_for_url(re.compile(r"/en/practices/\?evidence=evaluated"))
    assert page.get_by_label("Evidence", exact=True).input_value() == "evaluated"
    assert page.locator(".card").count() == count
    for badge in page.locator(".card .badge-evidence").all_text_contents():
        assert "Evaluated (3 of 4)" in badge

    page.goto("/en/practices/rejnistvo-za-otroke-zrtve-trgovine/")
    page.get_by_role("link", name=re.compile("whole lineage")).click()
    page.wait_for_url(re.compile(r"/lineage/$"))
    chain = page.locator(".lineage-chain li").all_inner_texts()
    assert [entry.split(" · ")[-2] for entry in chain[:-1]] == [
        "United Kingdom",
        "Serbia",
    ]
    page.locator(".lineage-chain a").first.click()
    expect(page.get_by_role("heading", level=2, name="Adapted as")).to_be_visible()
