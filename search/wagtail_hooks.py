from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_analytics(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "search-analytics/popular/",
            admin_views.PopularSearchesView.as_view(),
            name="search_popular",
        ),
        path(
            "search-analytics/popular/results/",
            admin_views.PopularSearchesView.as_view(results_only=True),
            name="search_popular_results",
        ),
        path(
            "search-analytics/unanswered/",
            admin_views.UnansweredSearchesView.as_view(),
            name="search_unanswered",
        ),
        path(
            "search-analytics/unanswered/results/",
            admin_views.UnansweredSearchesView.as_view(results_only=True),
            name="search_unanswered_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return AnalyticsMenuItem(
        _("Popular searches"),
        reverse("search_popular"),
        name="popular-searches",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return AnalyticsMenuItem(
        _("Searches without results"),
        reverse("search_unanswered"),
        name="unanswered-searches",
        icon_name="warning",
        order=1320,
    )
