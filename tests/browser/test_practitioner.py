import re

import pytest
from playwright.sync_api import expect

from practices.models import PracticeGuidePage
from tests.browser.checks import axe_violations, describe, save_screenshots
from tests.factories import user_with_role

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


def test_practitioner_signs_in_and_opens_a_restricted_guide(page, demo_content):
    guide = PracticeGuidePage.objects.live().filter(privacy="login").first()
    practitioner = user_with_role("practitioner", email="reader@example.org")
    practitioner.set_password(PASSWORD)
    practitioner.save()

    page.goto(guide.url)
    page.wait_for_url(re.compile(r"/en/accounts/login/\?next="))
    assert guide.summary not in page.content()
    form = page.get_by_role("main")
    form.get_by_label("Username").fill(practitioner.username)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"**{guide.url}")
    assert page.get_by_role("heading", level=1).inner_text() == guide.title
    assert page.get_by_text("Restricted: for signed-in practitioners only").is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    save_screenshots(page, "restricted-guide")


def test_wrong_password_is_answered_on_the_form(page, demo_content):
    page.goto("/en/accounts/login/")
    form = page.get_by_role("main")
    form.get_by_label("Username").fill("nobody")
    form.get_by_label("Password").fill("not the password")
    form.get_by_role("button", name="Sign in").click()
    expect(form.get_by_role("alert")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
