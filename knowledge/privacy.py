"""Who may read a document: the one rule behind every reader-facing output.

The live page's view restrictions (Wagtail's ``PageViewRestriction``, on the page
or any ancestor) are the source of truth. Each knowledge document keeps the
strictest of their kinds in its indexed ``privacy`` column, recomputed from those
rows whenever the page or a restriction changes, so listings, search and counts
filter on one column. Nothing an editor writes into content (a draft, an older
revision, an import) can lower it: only deleting or changing a restriction does.

- ``public``: anyone;
- ``login``: any signed-in, active account;
- ``groups``: members of every group-restricted ancestor's groups (superusers too,
  as Wagtail serves them);
- ``password``: never listed, searched, fed, exported or counted; only the page
  itself opens, after its password.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction, ReferenceIndex


class Privacy(models.TextChoices):
    PUBLIC = "public", _("Public")
    LOGIN = "login", _("Signed-in readers")
    GROUPS = "groups", _("Members of chosen groups")
    PASSWORD = "password", _("Shared password")


# Weakest first: a page under several restrictions takes the strictest.
STRICTNESS = (Privacy.PUBLIC, Privacy.LOGIN, Privacy.GROUPS, Privacy.PASSWORD)


def strictest(kinds) -> Privacy:
    return max(
        (Privacy(kind) for kind in kinds if kind in Privacy.values),
        key=STRICTNESS.index,
        default=Privacy.PUBLIC,
    )


def is_stricter(kind: str, than: str) -> bool:
    return STRICTNESS.index(Privacy(kind)) > STRICTNESS.index(Privacy(than))


class PasswordFormPage:
    """A page whose password form is built from nothing of the page: Wagtail's
    own builds the whole context of what the password guards (the title, the
    related documents) only to show a form."""

    def serve_password_required_response(self, request, form, action_url):
        return TemplateResponse(
            request,
            settings.WAGTAIL_PASSWORD_REQUIRED_TEMPLATE,
            {"form": form, "action_url": action_url},
        )


def restrictions_over(page) -> models.QuerySet:
    """The view restrictions on ``page`` and its ancestors."""
    return PageViewRestriction.objects.filter(
        page__in=Page.objects.ancestor_of(page, inclusive=True)
    )


def privacy_of(page) -> Privacy:
    """The privacy the live restrictions give ``page`` (saved, with a path)."""
    if not page.path:
        return Privacy.PUBLIC
    return strictest(restrictions_over(page).values_list("restriction_type", flat=True))


def group_ids(user) -> frozenset[int]:
    """The ids of the groups ``user`` belongs to, kept on the user object for
    the request."""
    if not hasattr(user, "_reader_group_ids"):
        user._reader_group_ids = frozenset(user.groups.values_list("pk", flat=True))
    return user._reader_group_ids


def _reader_groups(user) -> frozenset[int] | None:
    """:func:`group_ids`, or None when group restrictions do not apply
    (superusers)."""
    if user.is_superuser:
        return None
    return group_ids(user)


def is_member(user) -> bool:
    """Signed in with an active account: may read login-restricted documents."""
    return bool(user and user.is_authenticated and user.is_active)


def readable_kinds(user) -> list[Privacy]:
    """The kinds of privacy ``user`` may read some documents of: a filter a
    search server can apply itself (group membership is the database's)."""
    if not is_member(user):
        return [Privacy.PUBLIC]
    return [Privacy.PUBLIC, Privacy.LOGIN, Privacy.GROUPS]


def readable_by(user) -> Q:
    """Documents ``user`` may read, as a filter on ``privacy`` and ``path`` (add
    ``live=True``: drafts are nobody's reading)."""
    if not is_member(user):
        return Q(privacy=Privacy.PUBLIC)
    groups = _reader_groups(user)
    if groups is None:
        return Q(privacy__in=readable_kinds(user))
    # A group restriction over the document (on it or an ancestor, whose path
    # is a prefix of the document's) that names none of the reader's groups.
    shut = (
        PageViewRestriction.objects.filter(restriction_type=Privacy.GROUPS)
        .filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
        .exclude(groups__in=groups)
    )
    return Q(privacy__in=[Privacy.PUBLIC, Privacy.LOGIN]) | (
        Q(privacy=Privacy.GROUPS) & ~Exists(shut)
    )


def readable_sql(user, document: str, page: str) -> str:
    """:func:`readable_by` in SQL over a document alias (``privacy``) and its
    page alias (``path``), for the search's own SQL. It takes no parameters:
    every value in it is a constant of this module or a group's integer id.
    ``tests/search/test_sql.py`` holds the two equal."""
    public = f"{document}.privacy = '{Privacy.PUBLIC}'"
    if not is_member(user):
        return public
    member = f"{document}.privacy IN ('{Privacy.PUBLIC}', '{Privacy.LOGIN}')"
    groups = _reader_groups(user)
    if groups is None:
        return f"({member} OR {document}.privacy = '{Privacy.GROUPS}')"
    restriction = PageViewRestriction._meta.db_table
    restriction_groups = PageViewRestriction.groups.through._meta.db_table
    page_table = Page._meta.db_table
    names_a_group = "FALSE"
    if groups:
        ids = ", ".join(str(int(pk)) for pk in sorted(groups))
        names_a_group = (
            f"EXISTS (SELECT 1 FROM {restriction_groups} rg "  # noqa: S608 - table names and integer ids only
            f"WHERE rg.pageviewrestriction_id = r.id AND rg.group_id IN ({ids}))"
        )
    shut = (
        f"EXISTS (SELECT 1 FROM {restriction} r JOIN {page_table} rp "  # noqa: S608 - table names and constants only
        f"ON rp.id = r.page_id WHERE r.restriction_type = '{Privacy.GROUPS}' "
        f"AND substr({page}.path, 1, length(rp.path)) = rp.path "
        f"AND NOT {names_a_group})"
    )
    return f"({member} OR ({document}.privacy = '{Privacy.GROUPS}' AND NOT {shut}))"


def reader_key(user) -> str:
    """Readers with the same key may share cached answers (counts, rankings):
    they read exactly the same documents."""
    if not is_member(user):
        return "public"
    groups = _reader_groups(user)
    if groups is None:
        return "all"
    return "members:" + ",".join(map(str, sorted(groups)))


def may_open(request, page) -> bool:
    """Whether ``request`` passes every view restriction over ``page``: Wagtail's
    own check, for a single page or file (a password counts once entered)."""
    return all(
        restriction.accept_request(request)
        for restriction in restrictions_over(page).prefetch_related("groups")
    )


def placeholders(page_id: int, kind: str) -> models.QuerySet:
    """The restrictions of ``kind`` on the page that name no group or password
    (never passable: Wagtail asks for a non-empty password), and for the login
    kind, every one: a restriction of the kind added later replaces them."""
    same = PageViewRestriction.objects.filter(page_id=page_id, restriction_type=kind)
    if kind == Privacy.GROUPS:
        return same.filter(groups__isnull=True)
    if kind == Privacy.PASSWORD:
        return same.filter(password="")
    return same


# A document's field that only members read, whatever the document's privacy
# (knowledge.models.KnowledgePage.members_annex).
MEMBERS_ONLY_FIELD = "members_annex"


def members_only_uses() -> Q:
    """Rows of Wagtail's reference index for uses in a members-only annex."""
    return Q(model_path=MEMBERS_ONLY_FIELD) | Q(
        model_path__startswith=f"{MEMBERS_ONLY_FIELD}."
    )


def uses_of(obj) -> models.QuerySet:
    """The reference index rows of pages' live content using ``obj`` (a
    library file, say), in any field or block."""
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(type(obj)),
        to_object_id=str(obj.pk),
    )


def pages_using(obj) -> models.QuerySet:
    """Pages whose live content uses ``obj``, by Wagtail's reference index."""
    references = uses_of(obj).values_list("object_id", flat=True)
    return Page.objects.filter(pk__in=[int(pk) for pk in references if pk.isdigit()])


def may_download(request, obj) -> bool:
    """A file is as private as the strictest page that uses it: ``request`` must
    pass every restriction over each of them, and anonymous readers get no file
    of a page that is not live, nor one that a members-only annex uses."""
    if (
        not is_member(request.user)
        and uses_of(obj).filter(members_only_uses()).exists()
    ):
        return False
    for page in pages_using(obj):
        if not page.live and not is_member(request.user):
            return False
        if not may_open(request, page):
            return False
    return True


def restrict(page, kind: str, groups=()) -> None:
    """Add a restriction of ``kind`` (naming ``groups``) to ``page``'s own.

    Without groups, a group restriction admits only administrators until a
    reviewer names them in the Privacy dialog, or until the restriction being
    copied with the page (a copy, a translation) replaces it: see
    :func:`placeholders`. So a copy never comes out more public than its
    original."""
    restriction = PageViewRestriction(page=page, restriction_type=kind)
    restriction.save()
    if groups:
        restriction.groups.set(groups)
    page.privacy = privacy_of(page)


def lift_restrictions(page, user=None) -> bool:
    """Delete the page's own restrictions, each logged as Wagtail's Privacy
    dialog logs it; whether there were any. Restrictions of its section stay."""
    own = list(PageViewRestriction.objects.filter(page=page))
    for restriction in own:
        restriction.delete(user=user)
    page.privacy = privacy_of(page)
    return bool(own)


def mirror_restrictions(restrictions, page) -> None:
    """Give ``page`` its own copy of each of ``restrictions`` (kind, password,
    groups) that it does not carry yet."""
    own = {
        (
            r.restriction_type,
            r.password,
            frozenset(r.groups.values_list("pk", flat=True)),
        )
        for r in PageViewRestriction.objects.filter(page=page)
    }
    for restriction in restrictions:
        groups = list(restriction.groups.all())
        key = (
            restriction.restriction_type,
            restriction.password,
            frozenset(group.pk for group in groups),
        )
        if key in own:
            continue
        own.add(key)
        copy = PageViewRestriction.objects.create(
            page=page,
            restriction_type=restriction.restriction_type,
            password=restriction.password,
        )
        copy.groups.set(groups)


def keep_privacy_of(original, copy) -> None:
    """A copy or translation carries every restriction over its original as its
    own, wherever it lands, so it is never more public than the original."""
    mirror_restrictions(restrictions_over(original), copy)
