"""The Atom feed of a saved search: what its digest would list, for readers
without an account (and so public documents only)."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from knowledge.selectors import visible_documents, with_card_data
from outputs.feeds import FEED_SIZE, DocumentFeed, FeedQuery


@dataclass(frozen=True)
class SavedSearchQuery(FeedQuery):
    followed: object = None


class SavedSearchFeed(DocumentFeed):
    def get_object(self, request, followed=None):
        return SavedSearchQuery(
            filters=followed.filters,
            labels=(followed.label,),
            self_url=request.get_full_path(),
            followed=followed,
        )

    def link(self, obj):
        return obj.followed.url

    def items(self, obj):
        # As an anonymous reader, whoever asks: feed readers share what they fetch.
        reader = AnonymousUser()
        ids = obj.followed.matches(user=reader, among=None)
        newest = visible_documents(user=reader).filter(pk__in=ids)
        return with_card_data(newest.order_by("-first_published_at", "-pk"))[:FEED_SIZE]


saved_search_feed_view = SavedSearchFeed()


def saved_search_feed(request, followed):
    return saved_search_feed_view(request, followed=followed)
