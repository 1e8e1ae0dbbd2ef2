"""Admin reports of what readers search for, for editors who promote results."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

from search.models import UnansweredQuery


def can_see_analytics(user) -> bool:
    return user.is_superuser or any(
        user.has_perm(f"wagtailsearchpromotions.{action}_searchpromotion")
        for action in ("add", "change", "delete")
    )


class AnalyticsReportView(ReportView):
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]

    def dispatch(self, request, *args, **kwargs):
        if not can_see_analytics(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class PopularSearchesView(AnalyticsReportView):
    page_title = _("Popular searches")
    index_url_name = "search_popular"
    index_results_url_name = "search_popular_results"
    default_ordering = "-_hits"
    columns = [
        Column("query_string", label=_("Search term"), sort_key="query_string"),
        NumberColumn("_hits", label=_("Searches"), sort_key="_hits"),
    ]
    list_export = ["query_string", "_hits"]
    export_headings = {"query_string": _("Search term"), "_hits": _("Searches")}

    def get_base_queryset(self):
        return Query.get_most_popular()


class UnansweredSearchesView(AnalyticsReportView):
    page_title = _("Searches without results")
    header_icon = "warning"
    index_url_name = "search_unanswered"
    index_results_url_name = "search_unanswered_results"
    default_ordering = "-hits"
    columns = [
        Column("query_string", label=_("Search term"), sort_key="query_string"),
        NumberColumn("hits", label=_("Searches"), sort_key="hits"),
        # A day written as a date: a DateColumn would show the time since its midnight.
        Column("last_searched", label=_("Last searched"), sort_key="last_searched"),
    ]
    list_export = ["query_string", "hits", "last_searched"]

    def get_base_queryset(self):
        return UnansweredQuery.objects.all()
