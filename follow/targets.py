"""What a subscription follows: each kind's target read, checked and named.

A target is stored in one canonical spelling (``resolve``), so the same thing
followed twice is one subscription; ``Followed`` says which new documents a
target's reader is told about, through the search's own matching and the one
visibility rule, never a filter of its own.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from follow.models import Kind
from knowledge.filters import DocumentFilters, document_filters
from knowledge.privacy import reader_key
from knowledge.selectors import visible_documents
from outputs.feeds import filter_labels
from search.forms import SearchForm
from search.queries import matching_documents
from search.text import SearchQuery
from standards.models import StandardArticle

# As Subscription.target holds it (a Cyrillic query grows sixfold, encoded).
MAX_TARGET_CHARS = 2000


@dataclass
class Followed:
    """A resolved target: its canonical ``value``, what readers call it, where
    its documents are listed, and how its new documents are found."""

    kind: str
    value: str
    label: str
    url: str
    query: SearchQuery = field(default_factory=SearchQuery)
    filters: DocumentFilters = field(default_factory=DocumentFilters)
    article: StandardArticle | None = None

    def matches(self, *, user, among: list[int]) -> set[int]:
        """Which of the documents ``among`` the reader may see and this target
        follows: one query."""
        if self.article is not None:
            return set(
                visible_documents(user=user)
                .filter(pk__in=among, standard_citations__article=self.article)
                .values_list("pk", flat=True)
            )
        return matching_documents(
            user=user, query=self.query, filters=self.filters, among=among
        )


class Offered:
    """The search filters a reader is offered, in the active language: the
    topics of documents they may open, every partner… Topics and partners are
    followed as the filters name them, and saved searches are checked with
    them. Built once for any number of targets: building them costs queries.
    ``form``, a search form already built for ``user`` (the search page's), is
    used rather than built again."""

    def __init__(self, user=None, *, form: SearchForm | None = None):
        self.user = user or AnonymousUser()
        if form is not None:
            self.form = form

    @cached_property
    def form(self) -> SearchForm:
        return SearchForm(user=self.user)

    def label(self, name: str, value: str) -> str | None:
        """What the filter ``name`` calls ``value``; None when not offered."""
        return dict(self.form.fields[name].choices).get(value) if value else None

    def search_form(self, data) -> SearchForm:
        return SearchForm(data, user=self.user, like=self.form)


def resolve(kind: str, raw: str, *, user=None, offered=None) -> Followed:
    """The target ``raw`` of ``kind``, or a ValidationError saying what is
    wrong. ``offered`` (an :class:`Offered` for ``user``) is shared by the
    targets of one reader."""
    raw = (raw or "").strip()
    if not raw:
        raise ValidationError(_("Say what to follow."))
    if len(raw) > MAX_TARGET_CHARS:
        raise ValidationError(_("That is too long to follow."))
    offered = offered or Offered(user)
    if kind == Kind.TOPIC:
        # As the topic's page: unknown to a reader who may open none of its
        # documents, as the search form offers them no such topic.
        label = offered.label("topic", raw)
        if label is None:
            raise ValidationError(_("There is no such topic."))
        return Followed(
            kind,
            raw,
            label,
            reverse("topic_detail", kwargs={"slug": raw}),
            filters=DocumentFilters(topic=raw),
        )
    if kind == Kind.PARTNER:
        label = offered.label("partner", raw)
        if label is None:
            raise ValidationError(_("There is no such partner."))
        return Followed(
            kind,
            raw,
            label,
            reverse("partner_detail", kwargs={"slug": raw}),
            filters=DocumentFilters(partner=raw),
        )
    if kind == Kind.ARTICLE:
        code, _sep, key = raw.partition(":")
        article = (
            StandardArticle.objects.select_related("standard")
            .filter(standard__code=code.strip().lower(), key=key.strip().lower())
            .first()
        )
        if article is None:
            raise ValidationError(
                _("There is no such article (write it as cets-197:10).")
            )
        return Followed(
            kind,
            article.reference,
            f"{article.standard.local_short_name}, {article.label}",
            article.get_absolute_url(),
            article=article,
        )
    if kind == Kind.SEARCH:
        return _search(raw, offered=offered)
    raise ValidationError(
        _("You can follow a topic, a partner, an article or a search.")
    )


# The query string's parameters a saved search keeps: the words and the filters
# (not the page, its size or the format).
def _search_parameters() -> list[str]:
    return ["q", *(spec.name for spec in document_filters)]


def _search(raw: str, *, offered: Offered) -> Followed:
    data = QueryDict(raw.removeprefix("?"))
    form = offered.search_form(data)
    filters = form.cleaned_filters()
    if filters is None:
        raise ValidationError(
            _("Some filters of this search were not understood: %(errors)s"),
            params={"errors": form.errors.as_text()},
        )
    query = form.search_query()
    labels = filter_labels(form)
    if not query and not labels:
        raise ValidationError(_("Type some words or choose a filter to save a search."))
    kept = [("q", query.text)] if query else []
    kept += [
        (name, str(form.cleaned_data[name]))
        for name in _search_parameters()[1:]
        if form.cleaned_data.get(name) not in (None, "")
    ]
    value = urlencode(kept)
    if len(value) > MAX_TARGET_CHARS:
        raise ValidationError(_("That is too long to follow."))
    label = " · ".join([f"“{query.text}”"] * bool(query) + list(labels))
    return Followed(
        Kind.SEARCH,
        value,
        label,
        reverse("search") + "?" + value,
        query=query,
        filters=filters,
    )


class Resolver:
    """Targets resolved once per run, per set of readers who see the same
    documents (a search form offers each reader the topics they may open) and
    per language (what readers call them)."""

    def __init__(self):
        self.known: dict = {}
        self.offered: dict = {}

    def __call__(self, subscription, *, user) -> Followed | None:
        # Labels are in the active language: a topic's name is translated.
        reader = (reader_key(user), translation.get_language())
        key = (subscription.kind, subscription.target, *reader)
        if key not in self.known:
            offered = self.offered.setdefault(reader, Offered(user))
            try:
                self.known[key] = resolve(
                    subscription.kind, subscription.target, offered=offered
                )
            except ValidationError:
                # Its topic, partner or article is gone: nothing to tell.
                self.known[key] = None
        return self.known[key]
