"""The filters readers narrow documents with, each specified once.

A filter is a condition on documents, written once as a Django ``Q`` over
:class:`~knowledge.models.KnowledgePage`. Everything else derives from it:

- listings, topic and partner pages and the feed apply the ``Q`` itself
  (:func:`filtered_documents`);
- search's SQL counts and ranks with the same condition, compiled by Django into
  a subquery of document ids (:func:`search.sql.filter_clauses`);
- a filter on fields the search server indexes (``server=True``) is handed to the
  server too, so it proposes only candidates that can pass;
- its facet (:mod:`knowledge.facets`) tells search what to count, how to name
  the values and in which order to show them.

The filter also brings the form field that reads its query parameter, so the
listing, feed and search forms check values the same way. The core registers the
filters every document has; a document type's app registers its own (its
``filters`` module, imported by its app config).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Page

from knowledge.document_types import document_types
from knowledge.facets import Facet, Pairs, each
from knowledge.models import KnowledgePage, Language, TaggedDocument
from knowledge.selectors import (
    every_partner,
    every_topic,
    topics_with_counts,
    visible_documents,
    with_card_data,
)


class NormalisedChoiceField(forms.ChoiceField):
    """A choice that accepts its value in any letter case (``sr-latn`` = ``sr-Latn``)."""

    def __init__(self, *, normalise, **kwargs):
        self.normalise = normalise
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return (self.normalise(value) or value) if value else value


class NamesSelect(forms.Select):
    """A select whose options are names, each in a language of its own
    (``languages``, by value), such as the topics: each option says which, for
    screen readers."""

    def __init__(self, languages: dict[str, str], **kwargs):
        self.languages = languages
        super().__init__(**kwargs)

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.languages:
            option["attrs"]["lang"] = self.languages[value]
        return option


@dataclass(frozen=True)
class DocumentFilters:
    """Validated filter values; ``None`` means "no filter"."""

    document_type: str | None = None
    topic: str | None = None
    partner: str | None = None
    country: str | None = None
    language: str | None = None
    year: int | None = None
    evidence: str | None = None
    standard: str | None = None
    lineage: str | None = None
    follow_up: str | None = None

    def active(self) -> list[tuple["DocumentFilter", object]]:
        """The filters set, with their values, in the registry's order."""
        return [
            (spec, getattr(self, spec.attribute))
            for spec in document_filters
            if getattr(self, spec.attribute) is not None
        ]


@dataclass(frozen=True)
class DocumentFilter:
    """One filter: its query parameter ``name`` (also its facet's name), the
    :class:`DocumentFilters` ``attribute`` holding its value, and

    - ``condition(value, user=...)``: the documents it keeps, as a ``Q`` over
      KnowledgePage (``user`` for filters that follow other documents, which
      must only follow those the reader may open);
    - ``form_field(user)``: the field reading and checking its parameter;
    - ``document_models``: the models whose documents it can keep (a listing of
      other types does not offer it); empty means every document;
    - ``listed``: offered by the listings and the feed, not only by search;
    - ``server``: the search server indexes the fields ``condition`` reads;
    - ``facet``: how search counts and shows its values (knowledge.facets).
    """

    name: str
    attribute: str
    position: int
    condition: Callable[..., Q]
    form_field: Callable[..., forms.Field]
    document_models: tuple = ()
    listed: bool = True
    server: bool = False
    facet: Facet | None = None

    def applies_to(self, model) -> bool:
        """Whether a listing of ``model`` can hold documents this filter keeps."""
        if not self.document_models:
            return True
        return any(
            issubclass(entry.model, model)
            and issubclass(entry.model, self.document_models)
            for entry in document_types
        )


@dataclass
class FilterRegistry:
    """Every filter by name, kept in ``position`` order."""

    filters: dict[str, DocumentFilter] = field(default_factory=dict)

    def register(self, spec: DocumentFilter) -> None:
        attributes = {f.name for f in fields(DocumentFilters)}
        if spec.attribute not in attributes:
            raise ValueError(f"DocumentFilters has no field {spec.attribute!r}")
        named = {**self.filters, spec.name: spec}
        by_position = sorted(named.values(), key=lambda each: each.position)
        self.filters = {each.name: each for each in by_position}

    def __iter__(self):
        return iter(self.filters.values())

    def __getitem__(self, name: str) -> DocumentFilter:
        return self.filters[name]


document_filters = FilterRegistry()


def filters_condition(filters: DocumentFilters, *, user) -> Q:
    """Every active filter's condition, combined."""
    condition = Q()
    for spec, value in filters.active():
        condition &= spec.condition(value, user=user)
    return condition


def filtered_documents(
    *,
    user,
    filters: DocumentFilters,
    model: str | None = None,
    parent: Page | None = None,
) -> QuerySet:
    if model is None and filters.document_type:
        model = document_types[filters.document_type].model_label
    queryset = visible_documents(user=user, model=model or "knowledge.KnowledgePage")
    if parent is not None:
        queryset = queryset.filter(_children_of_translations(parent))
    queryset = queryset.filter(filters_condition(filters, user=user))
    return with_card_data(queryset.order_by("-date", "-pk"))


def _children_of_translations(parent: Page) -> Q:
    """Children of ``parent`` or of any of its translations: a section lists the
    documents of every locale, since most are never translated."""
    paths = parent.get_translations(inclusive=True).values_list("path", flat=True)
    under_any = Q()
    for path in paths:
        under_any |= Q(path__startswith=path)
    return under_any & Q(depth=parent.depth + 1)


def choice_field(label, choices=(), *, normalise=str.lower) -> NormalisedChoiceField:
    return NormalisedChoiceField(
        label=label, required=False, normalise=normalise, choices=choices
    )


def _type_condition(key: str, *, user) -> Q:
    model = document_types[key].model
    return Q(content_type_id=ContentType.objects.get_for_model(model).pk)


def _type_field(user) -> forms.Field:
    return choice_field(
        _("Type"),
        lambda: [("", _("All types")), *((t.key, t.plural) for t in document_types)],
    )


def _topic_condition(slug: str, *, user) -> Q:
    tagged = TaggedDocument.objects.filter(tag__slug=slug).values("content_object")
    return Q(pk__in=tagged)


def _topic_field(user) -> forms.Field:
    topics = [topic for topic in topics_with_counts(user=user) if topic.document_count]
    field = choice_field(
        _("Topic"),
        [("", _("All topics")), *((topic.slug, topic.local_name) for topic in topics)],
    )
    languages = {topic.slug: topic.language for topic in topics}
    field.widget = NamesSelect(languages, choices=field.choices)
    return field


def _partner_condition(slug: str, *, user) -> Q:
    """The documents a partner published, and those it took part in otherwise
    (a type's ``partner_involvement``, such as the study visits it hosted or
    joined), as id subqueries: joins would repeat a document per participant."""
    published = KnowledgePage.objects.filter(partner__slug=slug).values("pk")
    condition = Q(pk__in=published)
    for entry in document_types:
        involvement = getattr(entry.model, "partner_involvement", None)
        if involvement is not None:
            condition |= involvement(partner__slug=slug)
    return condition


def _partner_field(user) -> forms.Field:
    return choice_field(
        _("Partner"),
        [
            ("", _("All partners")),
            *((partner.slug, partner.name) for partner in every_partner()),
        ],
    )


def _country_field(user) -> forms.Field:
    used = sorted({partner.country.code for partner in every_partner()})
    return choice_field(
        _("Country"),
        [("", _("All countries")), *((code, countries.name(code)) for code in used)],
        normalise=str.upper,
    )


def _language_field(user) -> forms.Field:
    return choice_field(
        _("Language"),
        [("", _("All languages")), *Language.choices],
        normalise=Language.normalise,
    )


def _year_field(user) -> forms.Field:
    return forms.IntegerField(
        label=_("Year"), required=False, min_value=1900, max_value=2100
    )


def _type_names(raw: list[str]) -> dict[str, tuple[str, str]]:
    types = {
        str(ContentType.objects.get_for_model(entry.model).pk): entry
        for entry in document_types
    }
    return {pk: (types[pk].key, str(types[pk].label)) for pk in raw}


def _topic_names(raw: list[str]) -> dict[str, tuple[str, str]]:
    wanted = set(raw)
    return {
        str(topic.pk): (topic.slug, topic.local_name)
        for topic in every_topic()
        if str(topic.pk) in wanted
    }


def _partner_pairs() -> list[Pairs]:
    """The partner that published a document, and the partners a type names
    otherwise (its ``partner_pairs``, such as a study visit's host)."""
    pairs = [Pairs(KnowledgePage, "partner")]
    for entry in document_types:
        if hasattr(entry.model, "partner_pairs"):
            pairs += entry.model.partner_pairs()
    return pairs


def _partner_names(raw: list[str]) -> dict[str, tuple[str, str]]:
    wanted = set(raw)
    return {
        str(partner.pk): (partner.slug, partner.name)
        for partner in every_partner()
        if str(partner.pk) in wanted
    }


def _language_label(code: str) -> str:
    return Language(code).label if code in Language.values else code


CORE_FILTERS = (
    DocumentFilter(
        "type",
        "document_type",
        10,
        _type_condition,
        _type_field,
        server=True,
        facet=Facet(_type_names, lambda: [Pairs(Page, "content_type")]),
    ),
    DocumentFilter(
        "topic",
        "topic",
        20,
        _topic_condition,
        _topic_field,
        facet=Facet(
            _topic_names, lambda: [Pairs(TaggedDocument, "tag", "content_object")]
        ),
    ),
    DocumentFilter(
        "partner",
        "partner",
        30,
        _partner_condition,
        _partner_field,
        facet=Facet(_partner_names, _partner_pairs),
    ),
    DocumentFilter(
        "country",
        "country",
        40,
        lambda code, *, user: Q(country=code),
        _country_field,
        server=True,
        facet=Facet(
            each(lambda code: countries.name(code) or code),
            lambda: [Pairs(KnowledgePage, "country")],
        ),
    ),
    DocumentFilter(
        "language",
        "language",
        50,
        lambda code, *, user: Q(language=code),
        _language_field,
        server=True,
        facet=Facet(each(_language_label), lambda: [Pairs(KnowledgePage, "language")]),
    ),
    DocumentFilter(
        "year",
        "year",
        60,
        lambda year, *, user: Q(
            date__gte=date(year, 1, 1), date__lte=date(year, 12, 31)
        ),
        _year_field,
        # The latest year first.
        facet=Facet(
            each(str),
            lambda: [Pairs(KnowledgePage, "date", year=True)],
            order=lambda year: -int(year),
        ),
    ),
)
for core_filter in CORE_FILTERS:
    document_filters.register(core_filter)
