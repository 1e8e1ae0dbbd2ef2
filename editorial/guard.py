"""A second lock on every admin door that names a page, document or image.

The partner rule lives in Wagtail's permission policy and page permission tester
(knowledge.permissions), which the admin's views consult. A few views show an
object without asking (the explorer's header, the page chooser's "children of"
view, bulk-action confirmations, the admin API's file endpoints), and a future
Wagtail release may add more. So before any admin view runs, this middleware
looks at the URL's parameters: if one names another partner's document, or a
file or image outside the user's collections, the answer is 403. It knows
nothing about individual views, so a new door is covered the day it appears.
"""

from django.core.exceptions import PermissionDenied
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from knowledge.permissions import partner_scope

PAGE_PARAMETERS = (
    "page_id",
    "parent_page_id",
    "page_to_move_id",
    "destination_id",
    "page_pk",
)
# The page choosers of the copy, move and "choose a parent" forms: Wagtail names
# the chosen page in the form's errors.
PAGE_FIELDS = ("parent_page", "new_parent_page")
DOCUMENT_PARAMETERS = ("document_id", "doc_id")
IMAGE_PARAMETERS = ("image_id",)
BULK_MODELS = {
    ("wagtailcore", "page"): "page",
    ("wagtaildocs", "document"): "document",
    ("wagtailimages", "image"): "image",
}


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


def _targets(request, view_kwargs) -> dict[str, list[int]]:
    """The pages, documents and images an admin request names, by kind."""
    targets = {"page": [], "document": [], "image": []}
    names = request.resolver_match.namespaces if request.resolver_match else []
    namespace = ":".join(names)
    for name in PAGE_PARAMETERS:
        targets["page"] += _ids([view_kwargs.get(name)])
    for name in PAGE_FIELDS:
        targets["page"] += _ids(request.POST.getlist(name))
    for name in DOCUMENT_PARAMETERS:
        targets["document"] += _ids([view_kwargs.get(name)])
    for name in IMAGE_PARAMETERS:
        targets["image"] += _ids([view_kwargs.get(name)])
    if "pk" in view_kwargs:
        for kind, keyword in (
            ("page", "page"),
            ("document", "doc"),
            ("image", "image"),
        ):
            if keyword in namespace:
                targets[kind] += _ids([view_kwargs["pk"]])
    if view_kwargs.get("app_label") == "wagtailcore" and "object_id" in view_kwargs:
        targets["page"] += _ids([view_kwargs["object_id"]])
    bulk = BULK_MODELS.get(
        (view_kwargs.get("app_label"), view_kwargs.get("model_name"))
    )
    if bulk and "action" in view_kwargs:
        targets[bulk] += _ids(request.GET.getlist("id"))
    return targets


def _media_refused(user, model, ids) -> bool:
    if not ids:
        return False
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(
        user, ["add", "change", "delete", "choose"]
    )
    return allowed.filter(pk__in=ids).count() != len(set(ids))


def refused(user, targets) -> bool:
    scope = partner_scope(user)
    if scope is None:
        return False
    from knowledge.models import KnowledgePage

    documents = KnowledgePage.objects
    if targets["page"] and documents.filter(pk__in=targets["page"]).exclude(
        partner_id__in=scope
    ):
        return True
    return _media_refused(user, get_document_model(), targets["document"]) or (
        _media_refused(user, get_image_model(), targets["image"])
    )


class AdminDoorGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith("/admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if refused(user, _targets(request, view_kwargs)):
            raise PermissionDenied
        return None
