import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.models import KnowledgePage
from practices.models import PracticeGuidePage
from tests.browser.checks import (
    axe_violations_at_both_widths,
    describe,
    save_screenshots,
    scrolls_sideways_on_a_phone,
)

pytestmark = pytest.mark.browser


def detail_url(model: str) -> str:
    document = KnowledgePage.objects.live().filter(
        privacy="public", language="en", content_type__model=model
    )
    return document.order_by("pk").first().url


def test_key_pages_have_no_serious_accessibility_violations(page, demo_content):
    """axe-core (WCAG 2.2 AA and best practice) on every kind of public page, at
    phone and desktop widths; and none wider than a phone's screen."""
    guides = PracticeGuidePage.objects.live().filter(privacy="public", language="en")
    shared = guides.order_by("-pk").first()
    PageViewRestriction.objects.create(
        page=shared, restriction_type="password", password="shared with partners"
    )
    compared = "&".join(f"guides={guide.pk}" for guide in guides.order_by("pk")[:3])
    # name: (address, expected status, screenshot?)
    pages = {
        "home": ("/en/", 200, True),
        "practices": ("/en/practices/", 200, True),
        "exchanges": ("/en/exchanges/", 200, False),
        "briefs": ("/en/briefs/", 200, False),
        "briefs-filtered": ("/en/briefs/?topic=foster-care", 200, False),
        "topics": (reverse("topic_index"), 200, False),
        "topic": (reverse("topic_detail", args=["foster-care"]), 200, False),
        "partners": (reverse("partner_index"), 200, False),
        "partner": (reverse("partner_detail", args=["astra"]), 200, False),
        "training": ("/en/training/", 200, False),
        "evidence": (reverse("evidence"), 200, True),
        "practices-by-evidence": ("/en/practices/?evidence=evaluated", 200, False),
        "practice-lineage": (
            "/en/practices/specialised-foster-care-model/lineage/",
            200,
            True,
        ),
        "standards": (reverse("standard_index"), 200, True),
        "standard": (reverse("standard_detail", args=["cets-197"]), 200, False),
        "standard-article": (
            reverse("standard_article", args=["cets-197", "10"]),
            200,
            True,
        ),
        "practice-guide": (detail_url("practiceguidepage"), 200, True),
        "practice-compare": (f"{reverse('practice_compare')}?{compared}", 200, True),
        "password-form": (shared.url, 200, True),
        "training-programme": (detail_url("trainingprogrammepage"), 200, True),
        "study-visit": (detail_url("studyvisitpage"), 200, True),
        "policy-brief": (detail_url("policybriefpage"), 200, True),
        "search-results": ("/en/search/?q=foster+care", 200, True),
        "search-no-results": ("/en/search/?q=qwxzvbnm", 200, True),
        "login": (reverse("login"), 200, True),
        "not-found": ("/en/no-such-page/", 404, True),
    }
    failures = []
    for name, (url, status, screenshot) in pages.items():
        response = page.goto(url)
        assert response.status == status, url
        violations = axe_violations_at_both_widths(page)
        if violations:
            failures.append(f"{name} ({url}):\n{describe(violations)}")
        if scrolls_sideways_on_a_phone(page):
            failures.append(f"{name} ({url}): wider than a phone's screen")
        if screenshot:
            save_screenshots(page, name)
    assert not failures, "\n".join(failures)
