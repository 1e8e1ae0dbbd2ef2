import pytest
from playwright.sync_api import expect

from editorial.workflow import WORKFLOW_NAME
from practices.models import PracticeGuidePage, PracticeIndexPage
from tests.browser.admin import account, sign_in_to_admin
from tests.browser.conftest import new_tab
from tests.factories import PartnerFactory

pytestmark = pytest.mark.browser

TITLE = "Foster families for trafficked children"


def footer_action(page, name: str) -> None:
    """Click an action from the dropdown of the page editor's save button."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=name, exact=True).click()


def test_editor_submits_a_guide_and_a_reviewer_approves_it(page, chromium, live_server):
    astra = PartnerFactory(slug="astra", name="ASTRA")
    editor = account("editor", partner=astra, email="editor@example.org")
    reviewer = account("reviewer", email="reviewer@example.org")
    section = PracticeIndexPage.objects.get(locale__language_code="en")

    sign_in_to_admin(page, editor)
    page.goto(f"/admin/pages/{section.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(
        "How a partner recruited and trained specialised foster families."
    )
    page.locator("#id_partner").select_option(label="ASTRA")
    page.locator("#id_country").select_option(label="Serbia")
    page.locator("#id_date").fill("2011-03-01")
    # The date picker opens a moment after the field takes focus and would
    # cover the footer: wait for it to open, then close it with a click outside.
    date_picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(date_picker).to_have_count(1)
    page.locator("#id_title").click()
    expect(date_picker).to_have_count(0)
    footer_action(page, f"Submit to {WORKFLOW_NAME}")
    page.wait_for_url(f"**/admin/pages/{section.pk}/")

    guide = PracticeGuidePage.objects.get(title=TITLE)
    assert not guide.live
    assert guide.current_workflow_state.status == "in_progress"
    assert page.request.get(guide.url).status == 404

    review = new_tab(chromium, live_server)
    sign_in_to_admin(review, reviewer)
    review.get_by_role("link", name=TITLE).first.click()
    review.wait_for_url(f"**/admin/pages/{guide.pk}/edit/")
    footer_action(review, "Approve and Publish")
    review.wait_for_url(f"**/admin/pages/{section.pk}/")
    review.context.close()

    guide.refresh_from_db()
    assert guide.live
    reader = new_tab(chromium, live_server)
    reader.goto(guide.url)
    assert reader.get_by_role("heading", level=1).inner_text() == TITLE
    reader.context.close()
