from functools import reduce
from operator import and_

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from knowledge.snippets import SnippetViewSet

from .models import Amendment, AmendmentCheck, Standard, StandardArticle

ARTICLE_SEARCH_FIELDS = (
    "label",
    "key",
    "title",
    "standard__code",
    "standard__short_name",
    "standard__title",
)


def search_articles(queryset, query: str):
    """Articles where every word of ``query`` is in the article's label, key or
    title or in its standard's code or names ("cets 197 10", "2011/36 child")."""
    conditions = [
        reduce(
            lambda q, field: q | Q(**{f"{field}__icontains": word}),
            ARTICLE_SEARCH_FIELDS,
            Q(),
        )
        for word in query.split()
    ]
    if not conditions:
        return queryset
    return queryset.filter(reduce(and_, conditions))


class ArticleSearchForm(BaseFilterForm):
    """The chooser's search box, answered from the database rows themselves,
    so articles seeded by a migration are found without a search index."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = search_articles(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


class ArticleChooserMixin:
    filter_form_class = ArticleSearchForm

    def get_object_list(self):
        return StandardArticle.objects.select_related("standard")


class ArticleChooseView(ArticleChooserMixin, ChooseView):
    pass


class ArticleChooseResultsView(ArticleChooserMixin, ChooseResultsView):
    pass


class ArticleChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ArticleChooseView
    choose_results_view_class = ArticleChooseResultsView


class StandardViewSet(SnippetViewSet):
    model = Standard
    icon = "doc-full"
    menu_label = _("Standards")
    list_display = ["short_name", "title", "kind", "year"]
    list_filter = ["kind"]
    search_fields = ["short_name", "title", "code", "issuing_body"]
    search_backend_name = None


class StandardArticleViewSet(SnippetViewSet):
    model = StandardArticle
    icon = "list-ul"
    menu_label = _("Articles")
    list_display = ["label", "title", "standard"]
    list_filter = ["standard"]
    search_fields = ["label", "key", "title", "standard__short_name"]
    search_backend_name = None
    chooser_viewset_class = ArticleChooserViewSet

    def get_queryset(self, request):
        return StandardArticle.objects.select_related("standard")


class AmendmentViewSet(SnippetViewSet):
    """Recording an amendment flags the documents citing the article."""

    model = Amendment
    icon = "history"
    menu_label = _("Amendments")
    list_display = ["article", "date", "note"]
    list_filter = ["article__standard"]
    search_backend_name = None

    def get_queryset(self, request):
        return Amendment.objects.select_related("article__standard")


class AmendmentCheckViewSet(SnippetViewSet):
    """A reviewer marks a flagged document checked, with a comment."""

    model = AmendmentCheck
    icon = "tick"
    menu_label = _("Checks after amendments")
    list_display = ["page", "amendment", "checked_at", "comment"]
    search_backend_name = None
    panels = [FieldPanel("amendment"), FieldPanel("page"), FieldPanel("comment")]


@hooks.register("after_create_snippet")
def record_checker(request, instance):
    if isinstance(instance, AmendmentCheck) and instance.checked_by_id is None:
        AmendmentCheck.objects.filter(pk=instance.pk).update(checked_by=request.user)


class StandardsViewSetGroup(SnippetViewSetGroup):
    items = (
        StandardViewSet,
        StandardArticleViewSet,
        AmendmentViewSet,
        AmendmentCheckViewSet,
    )
    menu_icon = "doc-full-inverse"
    menu_label = _("Standards")
    menu_name = "standards"


register_snippet(StandardsViewSetGroup)
