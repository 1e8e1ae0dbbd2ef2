"""Accounts and signing in to the admin, for the browser tests."""

from tests.factories import user_with_role

PASSWORD = "correct horse battery"


def account(role, **kwargs):
    user = user_with_role(role, **kwargs)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in_to_admin(page, user) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
