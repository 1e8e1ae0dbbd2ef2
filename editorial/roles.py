"""Who may do what: the four roles as Django groups, and a collection per partner.

- **Practitioners** (group): signed-in readers; no admin access. Any signed-in,
  active account may read restricted documents; the group names the role.
- **Partner editors** (group) may use the admin, add pages in the sections
  and translate their documents, but not publish. Each partner also has its own group ("Partner
  editors: <slug>"), created when the partner is saved: its members edit that
  partner's documents (see knowledge.permissions) and upload into its collection.
- **Reviewers** (group) approve or reject submissions in the "Partner review"
  workflow, publish, unpublish and restrict, manage every collection, and
  keep the list of standards and their articles, promote search results and
  read the search analytics. Partner editors only choose articles to cite.
- **Administrators** are Django superusers.

Everything here only adds what is missing, so it runs after every ``migrate``.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
)

from knowledge.document_types import document_types
from knowledge.permissions import PARTNER_EDITORS, PRACTITIONERS, REVIEWERS

ROLES = ("practitioner", "editor", "reviewer", "admin")
# Stored in English; shown in each reader's language (editorial.names).
RESTRICTED_COLLECTION = gettext_noop("Restricted (signed-in readers only)")
EDITOR_PAGE_PERMISSIONS = ("add",)
REVIEWER_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
EDITOR_MEDIA_PERMISSIONS = ("add", "change", "choose")
REVIEWER_MEDIA_PERMISSIONS = ("add", "change", "delete", "choose")
REVIEWER_STANDARDS_PERMISSIONS = ("add", "change", "delete", "view")
# Reviewers promote search results, and so read what readers search for.
REVIEWER_PROMOTION_PERMISSIONS = ("add", "change", "delete", "view")


def sections() -> list:
    """The document sections in every locale (each translation is a section
    too), by document type."""
    return [
        page
        for entry in document_types
        for page in entry.section_model.objects.order_by("path")
    ]


def share_page_permissions(original, translation) -> None:
    """Give ``translation`` the group permissions set on ``original`` itself."""
    for permission in GroupPagePermission.objects.filter(page=original):
        GroupPagePermission.objects.get_or_create(
            group_id=permission.group_id,
            page=translation,
            permission_id=permission.permission_id,
        )


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _media_permissions(actions) -> list[Permission]:
    return [
        _permission(app_label, f"{action}_{model}")
        for app_label, model in (
            ("wagtaildocs", "document"),
            ("wagtailimages", "image"),
        )
        for action in actions
    ]


def _grant_collection(group: Group, collection: Collection, actions) -> None:
    for permission in _media_permissions(actions):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def _grant_pages(group: Group, actions) -> None:
    for section in sections():
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=section,
                permission=_permission("wagtailcore", f"{action}_page"),
            )


def restricted_collection(parent: Collection) -> Collection:
    """The login-restricted child of ``parent``, created if missing."""
    for child in parent.get_children():
        if child.view_restrictions.filter(
            restriction_type=CollectionViewRestriction.LOGIN
        ).exists():
            return child
    child = parent.add_child(instance=Collection(name=RESTRICTED_COLLECTION))
    CollectionViewRestriction.objects.create(
        collection=child, restriction_type=CollectionViewRestriction.LOGIN
    )
    return child


def ensure_roles() -> None:
    access_admin = _permission("wagtailadmin", "access_admin")
    # Wagtail's migration makes the root collection; a flushed database lacks it.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")

    Group.objects.get_or_create(name=PRACTITIONERS)

    editors, _ = Group.objects.get_or_create(name=PARTNER_EDITORS)
    submit_translation = _permission("simple_translation", "submit_translation")
    editors.permissions.add(
        access_admin, _permission("knowledge", "view_partner"), submit_translation
    )
    _grant_pages(editors, EDITOR_PAGE_PERMISSIONS)

    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.add(
        access_admin,
        submit_translation,
        _permission("knowledge", "view_partner"),
        _permission("wagtailcore", "add_pageviewrestriction"),
        _permission("wagtailcore", "change_pageviewrestriction"),
    )
    _grant_pages(reviewers, REVIEWER_PAGE_PERMISSIONS)
    _grant_collection(reviewers, root, REVIEWER_MEDIA_PERMISSIONS)
    # This runs after the knowledge app's migrations, before Django has made
    # the standards app's permissions on a new database.
    create_permissions(apps.get_app_config("standards"), verbosity=0)
    create_permissions(apps.get_app_config("wagtailsearchpromotions"), verbosity=0)
    reviewers.permissions.add(
        *(
            _permission("standards", f"{action}_{model}")
            for model in ("standard", "standardarticle", "amendment", "amendmentcheck")
            for action in REVIEWER_STANDARDS_PERMISSIONS
        ),
        *(
            _permission("wagtailsearchpromotions", f"{action}_searchpromotion")
            for action in REVIEWER_PROMOTION_PERMISSIONS
        ),
    )

    restricted_collection(root)
    from knowledge.models import Partner

    for partner in Partner.objects.filter(editor_group=None) | Partner.objects.filter(
        collection=None
    ):
        ensure_partner_team(partner)


def ensure_partner_team(partner) -> None:
    """Give ``partner`` an editor group and a collection (with a restricted child)."""
    Partner = type(partner)
    group = partner.editor_group
    if group is None:
        group, _ = Group.objects.get_or_create(
            name=f"{PARTNER_EDITORS}: {partner.slug}"
        )
    collection = partner.collection
    if collection is None:
        collection = Collection.get_first_root_node().add_child(
            instance=Collection(name=partner.name)
        )
    elif collection.name != partner.name:
        collection.name = partner.name
        collection.save(update_fields=["name"])
    restricted_collection(collection)
    _grant_collection(group, collection, EDITOR_MEDIA_PERMISSIONS)
    if partner.editor_group_id != group.pk or partner.collection_id != collection.pk:
        Partner.objects.filter(pk=partner.pk).update(
            editor_group=group, collection=collection
        )
        partner.editor_group, partner.collection = group, collection


@dataclass
class Grant:
    user: object
    created: bool
    set_password_url: str | None


class RoleError(ValueError):
    pass


@transaction.atomic
def grant_role(
    email: str,
    role: str,
    *,
    partner_slug: str | None = None,
    base_url: str | None = None,
) -> Grant:
    """Give the account with ``email`` a role, creating the account if needed.

    A new account (or one that never had a password) gets a one-time link to set
    its password, on ``base_url`` (default ``WAGTAILADMIN_BASE_URL``): the link
    stops working once the password is set.
    """
    from knowledge.models import Partner

    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise RoleError(f"Not an e-mail address: {email!r}") from error
    if role not in ROLES:
        raise RoleError(f"Unknown role {role!r}; choose one of: {', '.join(ROLES)}")
    partner = None
    if role == "editor":
        if not partner_slug:
            raise RoleError("An editor needs --partner SLUG.")
        partner = Partner.objects.filter(slug=partner_slug.strip().lower()).first()
        if partner is None:
            raise RoleError(f"No partner with the slug {partner_slug!r}.")
    elif partner_slug:
        raise RoleError("--partner only goes with the editor role.")

    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created = user is None
    if created:
        user = User(username=email.lower()[:150], email=email)
        user.set_unusable_password()
        user.save()

    if role == "practitioner":
        user.groups.add(Group.objects.get(name=PRACTITIONERS))
    elif role == "editor":
        ensure_partner_team(partner)
        user.groups.add(Group.objects.get(name=PARTNER_EDITORS), partner.editor_group)
    elif role == "reviewer":
        user.groups.add(Group.objects.get(name=REVIEWERS))
    else:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])

    link = None
    if not user.has_usable_password():
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        link = (base_url or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path
    return Grant(user=user, created=created, set_password_url=link)
