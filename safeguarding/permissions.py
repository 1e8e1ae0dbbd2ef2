"""Give reviewers the right to override findings, after every ``migrate``."""

from django.contrib.auth.models import Group, Permission

# Wagtail's own moderators and the site's reviewers.
OVERRIDING_GROUPS = ("Moderators", "Reviewers")


def grant_override_permission(**kwargs) -> None:
    permission = Permission.objects.filter(
        content_type__app_label="safeguarding", codename="override_finding"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=OVERRIDING_GROUPS):
        group.permissions.add(permission)
