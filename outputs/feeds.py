"""An Atom feed of the newest public documents, filterable like the listings."""

import re
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from knowledge.filters import DocumentFilters, filtered_documents
from knowledge.forms import DocumentFilterForm
from knowledge.languages import prefix_language
from knowledge.site_structure import site_name

FEED_SIZE = 30
# Characters XML 1.0 forbids; a stray one would make the whole feed unreadable.
XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return XML_INVALID_RE.sub("", text or "")


@dataclass(frozen=True)
class FeedQuery:
    filters: DocumentFilters
    labels: tuple[str, ...]
    self_url: str


def filter_labels(form: DocumentFilterForm) -> tuple[str, ...]:
    """The chosen filters in words, e.g. ("Policy briefs", "Foster care")."""
    labels = []
    for name, value in form.cleaned_data.items():
        if not value:
            continue
        choices = dict(getattr(form.fields[name], "choices", ()))
        labels.append(str(choices.get(value, value)))
    return tuple(labels)


class DocumentFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def get_object(self, request, filters=None, labels=()):
        return FeedQuery(
            filters=filters, labels=labels, self_url=request.get_full_path()
        )

    def title(self, obj):
        return xml_safe(" · ".join([site_name(), *obj.labels]))

    def subtitle(self, obj):
        return _("The newest practice guides, study visits and policy briefs.")

    def link(self, obj):
        return "/"

    def feed_url(self, obj):
        return obj.self_url

    def items(self, obj):
        # Always as an anonymous reader, whoever asks: feed readers share what
        # they fetch.
        return filtered_documents(user=AnonymousUser(), filters=obj.filters)[:FEED_SIZE]

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        return xml_safe(item.summary)

    def item_link(self, item):
        return item.url

    def item_author_name(self, item):
        return xml_safe(item.partner.name)

    def item_categories(self, item):
        return [xml_safe(topic.local_name) for topic in item.card_topics]

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time()))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)


document_feed_view = DocumentFeed()


def document_feed(request):
    """The feed, in the interface language ``?lang=`` names (topic names,
    filter labels, the subtitle), English by default."""
    language = prefix_language(request.GET.get("lang") or settings.LANGUAGE_CODE)
    if language is None:
        return HttpResponseBadRequest(
            "lang: not a language of this site.",
            content_type="text/plain; charset=utf-8",
        )
    with translation.override(language):
        form = DocumentFilterForm(request.GET)
        filters = form.cleaned_filters()
        if filters is None:
            return HttpResponseBadRequest(
                form.errors.as_text(), content_type="text/plain; charset=utf-8"
            )
        response = document_feed_view(
            request, filters=filters, labels=filter_labels(form)
        )
        response["Content-Language"] = language
        return response
