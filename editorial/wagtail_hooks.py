from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from editorial.review_due import DueForReviewPanel, DueForReviewView
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


@hooks.register("register_admin_urls")
def register_due_for_review_urls():
    return [
        path(
            "reports/due-for-review/",
            DueForReviewView.as_view(),
            name="editorial_due_for_review",
        ),
        path(
            "reports/due-for-review/results/",
            DueForReviewView.as_view(results_only=True),
            name="editorial_due_for_review_results",
        ),
    ]


class DueForReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return DueForReviewMenuItem(
        _("Due for review"),
        reverse("editorial_due_for_review"),
        name="due-for-review",
        icon_name="calendar-alt",
        order=710,
    )


@hooks.register("construct_homepage_panels")
def add_due_for_review_panel(request, panels):
    panels.append(DueForReviewPanel(request))
