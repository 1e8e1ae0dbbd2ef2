import re

import pytest

from follow.models import Subscription
from knowledge.models import Topic
from tests.browser.checks import axe_violations, describe
from tests.factories import user_with_role

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


def sign_in(page, user, next_url):
    page.goto(next_url)
    page.get_by_role("link", name="Sign in to follow").click()
    form = page.get_by_role("main")
    form.get_by_label("Username").fill(user.username)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_url}")


def test_practitioner_follows_a_topic_and_saves_a_search(page, demo_content):
    topic = Topic.objects.filter(
        tagged_documents__content_object__live=True,
        tagged_documents__content_object__privacy="public",
    ).first()
    reader = user_with_role("practitioner", email="reader@example.org")
    reader.set_password(PASSWORD)
    reader.save()
    topic_url = f"/en/topics/{topic.slug}/"

    sign_in(page, reader, topic_url)
    page.get_by_label("E-mail me").select_option("daily")
    page.get_by_role("button", name="Follow").click()
    page.wait_for_url(f"**{topic_url}")
    assert page.get_by_text("You follow this.").is_visible()

    page.goto("/en/search/?q=child&language=sr-Latn")
    page.get_by_role("button", name="Save this search").click()
    page.wait_for_url(re.compile(r"/en/search/\?"))
    assert page.get_by_text("You saved this search.").is_visible()

    page.get_by_role("link", name="Your subscriptions").click()
    page.wait_for_url("**/en/accounts/subscriptions/")
    rows = page.get_by_role("row")
    assert rows.filter(has_text=topic.name).count() == 1
    assert rows.filter(has_text="“child”").count() == 1
    assert set(
        Subscription.objects.filter(user=reader).values_list("kind", "frequency")
    ) == {("topic", "daily"), ("search", "weekly")}
    violations = axe_violations(page)
    assert not violations, describe(violations)

    search_row = rows.filter(has_text="“child”")
    search_row.get_by_role("combobox").select_option("immediate")
    search_row.get_by_role("button", name="Change").click()
    page.wait_for_url("**/en/accounts/subscriptions/")
    assert Subscription.objects.get(user=reader, kind="search").frequency == "immediate"
    page.get_by_role("row").filter(has_text=topic.name).get_by_role(
        "button", name="Remove"
    ).click()
    page.wait_for_url("**/en/accounts/subscriptions/")
    assert list(
        Subscription.objects.filter(user=reader).values_list("kind", flat=True)
    ) == ["search"]
