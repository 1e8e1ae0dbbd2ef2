"""The partner rule: a partner editor works only on their own organisation's documents.

Wagtail's page permissions follow the page tree, but the three sections hold every
partner's documents side by side, so the tree alone cannot keep editor A away from
organisation B's guides. This module adds the partner to the question. Both of
Wagtail's entry points use it:

- :class:`DocumentPermissionTester` answers "may this user edit / preview / copy /
  compare revisions of this page?" for every knowledge document
  (``KnowledgePage.permissions_for_user``);
- :class:`PartnerPagePermissionPolicy` answers "which pages may this user see or
  change?" for the explorer, admin search, the admin API, reports and dashboards.

Reviewers and administrators are not bound by the rule. Every other admin user is:
a user who belongs to no partner's editor group sees no documents at all.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

PRACTITIONERS = "Practitioners"
PARTNER_EDITORS = "Partner editors"
REVIEWERS = "Reviewers"

_SCOPE_CACHE = "_partner_scope_cache"


def partner_scope(user) -> frozenset[int] | None:
    """IDs of the partners whose documents ``user`` may work on, or None for "all".

    Cached on the user object for the duration of a request.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    if hasattr(user, _SCOPE_CACHE):
        return getattr(user, _SCOPE_CACHE)
    if user.groups.filter(name=REVIEWERS).exists():
        scope = None
    else:
        Partner = apps.get_model("knowledge", "Partner")
        scope = frozenset(
            Partner.objects.filter(editor_group__user=user).values_list("pk", flat=True)
        )
    setattr(user, _SCOPE_CACHE, scope)
    return scope


def _documents():
    return apps.get_model("knowledge", "KnowledgePage").objects


class DocumentPermissionTester(PagePermissionTester):
    """Page permissions for a knowledge document, with the partner rule applied.

    An editor with "add" permission on a section may change every document of
    their own partners there (not only the ones they created), and nothing at all
    of another partner's: no edit, preview, revisions, copy, move, lock or workflow
    action.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.foreign = False
        scope = partner_scope(user)
        if scope is None or not user.is_active:
            return
        if page.partner_id in scope:
            if "add" in self.permissions:
                self.permissions.add("change")
        else:
            self.foreign = True
            self.permissions = set()

    def can_add_subpage(self):
        return not self.foreign and super().can_add_subpage()

    def can_edit(self):
        return not self.foreign and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return not self.foreign and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return not self.foreign and super().can_unpublish()

    def can_publish(self):
        return not self.foreign and super().can_publish()

    def can_submit_for_moderation(self):
        return not self.foreign and super().can_submit_for_moderation()

    def can_lock(self):
        return not self.foreign and super().can_lock()

    def can_unlock(self):
        return not self.foreign and super().can_unlock()

    def can_publish_subpage(self):
        return not self.foreign and super().can_publish_subpage()

    def can_reorder_children(self):
        return not self.foreign and super().can_reorder_children()

    def can_move_to(self, destination):
        return not self.foreign and super().can_move_to(destination)

    def can_copy_to(self, destination, recursive=False):
        return not self.foreign and super().can_copy_to(destination, recursive)

    def can_view_revisions(self):
        return not self.foreign and super().can_view_revisions()


class PartnerPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, plus the partner rule for documents."""

    def _foreign_documents(self, scope):
        return _documents().exclude(partner_id__in=scope).values("pk")

    def _own_documents(self, user, scope):
        """Own partners' documents under a page where the user may add pages."""
        add = self._get_permission_codename("add")
        sections = [
            perm.page
            for perm in self.get_cached_permissions_for_user(user)
            if perm.permission.codename == add
        ]
        if not sections:
            return _documents().none()
        in_sections = Q()
        for section in sections:
            in_sections |= Q(path__startswith=section.path)
        return _documents().filter(in_sections, partner_id__in=scope)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        scope = partner_scope(user)
        if scope is None or not user.is_active:
            return super().user_has_any_permission_for_instance(user, actions, instance)
        partner_id = (
            _documents().filter(pk=instance.pk).values_list("partner_id", flat=True)
        )
        partner_id = next(iter(partner_id), None)
        if partner_id is None:
            return super().user_has_any_permission_for_instance(user, actions, instance)
        if partner_id not in scope:
            return False
        if "change" in actions and self._own_documents(user, scope).filter(
            pk=instance.pk
        ):
            return True
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        scope = partner_scope(user)
        if scope is None or not user.is_active:
            return pages
        if "change" in actions:
            own = self._own_documents(user, scope).values("pk")
            pages = self.model._default_manager.filter(
                Q(pk__in=pages.values("pk")) | Q(pk__in=own)
            )
        return pages.exclude(pk__in=self._foreign_documents(scope))

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        scope = partner_scope(user)
        if scope is None or not user.is_active:
            return pages
        return pages.exclude(pk__in=self._foreign_documents(scope))

    def users_with_any_permission_for_instance(
        self, actions, instance, include_superusers=True
    ):
        users = super().users_with_any_permission_for_instance(
            actions, instance, include_superusers
        )
        partner_id = next(
            iter(
                _documents().filter(pk=instance.pk).values_list("partner_id", flat=True)
            ),
            None,
        )
        if partner_id is None:
            return users
        own = Q(groups__partner__pk=partner_id)
        allowed = Q(pk__in=users.values("pk"))
        if "change" in actions:
            add_groups = GroupPagePermission.objects.filter(
                permission__codename=self._get_permission_codename("add"),
                page__in=instance.get_ancestors(inclusive=True),
            ).values("group")
            allowed |= Q(groups__in=add_groups) & own
        unbound = Q(is_superuser=True) | Q(groups__name=REVIEWERS) | own
        User = get_user_model()
        return (
            User._default_manager.filter(is_active=True)
            .filter(allowed)
            .filter(pk__in=User._default_manager.filter(unbound).values("pk"))
            .distinct()
        )
