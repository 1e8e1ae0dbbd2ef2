"""Absolute links in e-mails, and the signed unsubscribe tokens that work
without signing in."""

from urllib.parse import urljoin

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "follow.unsubscribe"


def absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL, path)


def unsubscribe_token(subscription_ids) -> str:
    """A token naming the subscriptions it removes, signed with the secret key."""
    return signing.dumps(sorted(subscription_ids), salt=SALT, compress=True)


def read_token(token: str) -> list[int] | None:
    try:
        ids = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        return None
    return ids


def unsubscribe_url(subscription_ids) -> str:
    """The address (in the active language) that removes the subscriptions."""
    return absolute(
        reverse(
            "follow_unsubscribe", kwargs={"token": unsubscribe_token(subscription_ids)}
        )
    )
