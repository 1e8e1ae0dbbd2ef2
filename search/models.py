from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH

from knowledge.search_fields import FoldedSearchField


class UnansweredQuery(models.Model):
    """A query that found nothing, counted, so editors see what readers miss.

    Popular queries are Wagtail's search promotions ``Query`` hits; this adds the
    ones with no results, which Wagtail does not record.
    """

    query_string = models.CharField(
        _("search term"), max_length=MAX_QUERY_STRING_LENGTH, unique=True
    )
    hits = models.PositiveIntegerField(_("searches"), default=0)
    last_searched = models.DateField(_("last searched"), db_index=True)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string: str):
        today = timezone.localdate()
        updated = cls.objects.filter(query_string=query_string).update(
            hits=models.F("hits") + 1, last_searched=today
        )
        if not updated:
            cls.objects.get_or_create(
                query_string=query_string, defaults={"hits": 1, "last_searched": today}
            )


class MembersText(models.Model):  # noqa: DJ008 - it has no rows to name
    """Names, by its content type, the index entries that hold a document as
    members read it: its own text and its members-only annex (written by
    ``search.database``, read by members' searches only, see
    ``search.backends.entries_sql``). A document's own entry never holds the
    annex, so Wagtail's searches (the API, the admin) and a search server never
    see its words. Its own table stays empty: the entries are Wagtail's."""

    class Meta:
        default_permissions = ()

    @classmethod
    def get_search_fields(cls):
        """What a members' entry holds beside the document's own fields."""
        return [FoldedSearchField("members_annex_text")]
