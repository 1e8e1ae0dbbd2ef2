import copy

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns
from wagtail.utils.version import get_main_version

from editorial.review_due import DueForReviewPanel, DueForReviewView
from knowledge.models import KnowledgePage
from knowledge.permissions import partner_scope
from knowledge.privacy import Privacy, keep_privacy_of


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
        .exclude(live=True, privacy=Privacy.PUBLIC)
        .values("pk")
    )
    return pages.exclude(pk__in=hidden)


class ChoosablePagesChosenView(ChosenMultipleView):
    """Wagtail's view answers with the title of any page id it is given; this one
    only for pages the chooser lists (``construct_page_chooser_queryset``). Other
    ids are dropped, as Wagtail drops the ids of pages that do not exist."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdecimal()]
        pages = Page.objects.filter(pk__in=ids)
        for hook in hooks.get_hooks("construct_page_chooser_queryset"):
            pages = hook(pages, request)
        request.GET = request.GET.copy()
        request.GET.setlist(
            "id", [str(pk) for pk in pages.values_list("pk", flat=True)]
        )
        return super().get(request)


class PermittedPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's report counts, and names the last edited page of, every page of
    each type; this one only the pages the user may explore (the permission
    policy's answer), as the per-type listing it links to does."""

    def get_queryset(self):
        self.queryset = ContentType.objects.filter(model__in=self.page_models)
        self.filter_queryset(self.queryset)  # validates the filter form
        form = self.filters.form.cleaned_data
        pages = self.permission_policy.explorable_instances(self.request.user)
        pages = pages.filter(depth__gt=1, content_type=OuterRef("pk"))
        if form.get("page_locale"):
            pages = pages.filter(locale__language_code=form["page_locale"])
        if form.get("site"):
            pages = pages.filter(path__startswith=form["site"])
        count = pages.order_by().values("content_type").annotate(n=Count("pk"))
        latest = pages.order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        types = self.queryset.annotate(
            count=Coalesce(Subquery(count.values("n")), 0),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        )
        if form.get("page_locale") or form.get("site"):
            types = types.filter(count__gt=0)
        # Wagtail's base page type only where there are pages of it.
        base = ContentType.objects.get_for_model(Page)
        types = types.exclude(pk=base.pk, count=0)
        return types.order_by("-count", "app_label", "model")


def admin_view_overrides():
    """Wagtail admin views that read pages past the permission policy and the
    chooser hooks, replaced by versions that do not. knowledge.urls puts these
    URLs before Wagtail's own; they are unnamed, so reversing Wagtail's names
    still gives these paths."""
    report = PermittedPageTypesUsageReportView
    urlpatterns = [
        path("choose-page/chosen-multiple/", ChoosablePagesChosenView.as_view()),
        path("reports/page-types-usage/", report.as_view()),
        path("reports/page-types-usage/results/", report.as_view(results_only=True)),
    ]
    decorate_urlpatterns(urlpatterns, require_admin_access)
    decorate_urlpatterns(urlpatterns, never_cache)
    return urlpatterns


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


@hooks.register("after_copy_page")
def copy_keeps_privacy(request, page, new_page):
    """The admin's copy view copies without ``Page.copy``: see KnowledgePage.copy."""
    if isinstance(new_page.specific, KnowledgePage):
        keep_privacy_of(page, new_page)


@hooks.register("construct_help_menu")
def whats_new_in_the_editors_language(request, menu_items):
    """Wagtail words its "What's new" item once, in the language of whoever
    first opens the admin; word it again in each editor's own."""
    version = get_main_version(include_patch=False)
    for index, item in enumerate(menu_items):
        if item.name == f"whats-new-in-wagtail-{version}":
            item = copy.copy(item)
            item.label = gettext("What's new in Wagtail %(version)s") % {
                "version": version
            }
            menu_items[index] = item
