"""Comparing revisions in the admin shows what the editor changed, and only that."""

import pytest

from practices.models import PracticeGuidePage
from tests.browser.admin import account, sign_in_to_admin

pytestmark = pytest.mark.browser


def test_editing_only_the_summary_compares_as_only_the_summary(page, demo_content):
    # An imported guide with a body, parts, topics and multi-line target groups.
    guide = next(
        guide
        for guide in PracticeGuidePage.objects.live()
        .exclude(topics=None)
        .filter(privacy="public")
        .order_by("pk")
        if len(guide.body) and guide.method and "\n" in guide.target_groups
    )
    sign_in_to_admin(page, account("reviewer", email="reviewer@example.org"))
    page.goto(f"/admin/pages/{guide.pk}/edit/")
    page.locator("#id_summary").fill("Only the summary changed.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"**/admin/pages/{guide.pk}/edit/")
    before, after = guide.revisions.order_by("created_at", "pk").values_list(
        "pk", flat=True
    )[:2]
    page.goto(f"/admin/pages/{guide.pk}/revisions/compare/{before}...{after}/")
    changed = page.locator("main table tbody td.title").all_inner_texts()
    assert [label.strip().rstrip(":") for label in changed] == ["Summary"]
