from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

from knowledge.models import KnowledgePage
from knowledge.permissions import partner_scope


class PermittedMediaMixin:
    """Admin API endpoints list only the files the user may use."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "delete", "choose"]
        ).order_by("id")


class PermittedDocumentsAPIViewSet(PermittedMediaMixin, DocumentsAdminAPIViewSet):
    pass


class PermittedImagesAPIViewSet(PermittedMediaMixin, ImagesAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)
def limit_admin_api_media(router):
    router.register_endpoint("documents", PermittedDocumentsAPIViewSet)
    router.register_endpoint("images", PermittedImagesAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def hide_other_partners_unpublished_documents(pages, request):
    """A partner editor may link to another partner's public documents only."""
    scope = partner_scope(request.user)
    if scope is None:
        return pages
    hidden = (
        KnowledgePage.objects.exclude(partner_id__in=scope)
        .exclude(live=True, restricted=False)
        .values("pk")
    )
    return pages.exclude(pk__in=hidden)
