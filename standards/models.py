"""Standards (laws, conventions, guidelines) article by article, and the
documents that cite those articles."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from knowledge.languages import TranslatedFields
from knowledge.panels import translation_panels
from knowledge.search_fields import FoldedSearchField


class StandardKind(models.TextChoices):
    EU_LAW = "eu-law", _("EU law")
    COE_CONVENTION = "coe-convention", _("Council of Europe convention")
    UN_INSTRUMENT = "un-instrument", _("UN instrument")
    MONITORING = "monitoring", _("Monitoring recommendations")
    GUIDELINES = "guidelines", _("Guidelines")
    NATIONAL_LAW = "national-law", _("National law")
    QUALITY_STANDARDS = "quality-standards", _("Quality standards")


FROM_LATIN = _("Leave empty to write it from the Latin.")


class Standard(TranslatedFields, models.Model):
    """A legal instrument or body of guidance that practices implement. Its
    short name and title are kept in each interface language beside the
    English (:class:`~knowledge.languages.TranslatedFields`)."""

    translated_fields = ("short_name", "title")

    code = models.SlugField(
        max_length=40,
        unique=True,
        help_text=_(
            "A short, stable key used in addresses and imports, "
            "e.g. eu-2011-36 or cets-197. Changing it breaks links."
        ),
    )
    title = models.CharField(max_length=300, help_text=_("The official title."))
    short_name = models.CharField(
        max_length=80, help_text=_("e.g. Directive 2011/36/EU, CETS No. 197, UNCRC.")
    )
    short_name_sr_latn = models.CharField(
        _("short name in Serbian (Latin)"), max_length=80, blank=True
    )
    title_sr_latn = models.CharField(
        _("title in Serbian (Latin)"), max_length=300, blank=True
    )
    short_name_sr_cyrl = models.CharField(
        _("short name in Serbian (Cyrillic)"),
        max_length=80,
        blank=True,
        help_text=FROM_LATIN,
    )
    title_sr_cyrl = models.CharField(
        _("title in Serbian (Cyrillic)"),
        max_length=300,
        blank=True,
        help_text=FROM_LATIN,
    )
    short_name_sl = models.CharField(
        _("short name in Slovenian"), max_length=80, blank=True
    )
    title_sl = models.CharField(_("title in Slovenian"), max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=StandardKind.choices)
    issuing_body = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Year of adoption.")
    )
    official_url = models.URLField(
        max_length=500, help_text=_("The official text (EUR-Lex, coe.int, un.org…).")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Position in the list of standards (smallest first).")
    )
    aliases = models.TextField(
        blank=True,
        help_text=_(
            "Other names documents and imported files use for it, one per line "
            "(e.g. Lanzarote Convention). An import reads each of them, the code, "
            "the short name and the title as a citation of the whole standard."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("code")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("issuing_body"),
        FieldPanel("official_url"),
        FieldPanel("aliases"),
        FieldPanel("sort_order"),
        *translation_panels(translated_fields),
    ]

    class Meta:
        ordering = ["sort_order", "short_name"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self):
        return self.local_short_name

    def get_absolute_url(self):
        return reverse("standard_detail", kwargs={"code": self.code})

    @property
    def local_short_name(self) -> str:
        return self.translated("short_name")

    @property
    def local_title(self) -> str:
        return self.translated("title")

    @property
    def short_name_language(self) -> str:
        return self.language_of("short_name")

    @property
    def title_language(self) -> str:
        return self.language_of("title")

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def names(self) -> list[str]:
        """Every name an import recognises the standard by."""
        return [self.code, self.short_name, self.title, *self.alias_list]

    def clean(self):
        super().clean()
        mine = {name_key(name) for name in self.names()} - {""}
        others = Standard.objects.exclude(pk=self.pk) if self.pk else Standard.objects
        for other in others:
            shared = sorted(
                name
                for name in other.names()
                if name_key(name) in mine and name_key(name)
            )
            if shared:
                raise ValidationError(
                    {
                        "aliases": _(
                            "%(name)s already names %(standard)s: an import "
                            "could not tell the two apart."
                        )
                        % {"name": shared[0], "standard": other.short_name}
                    }
                )


def name_key(name: str) -> str:
    """A name as imports compare it: letters and digits only, in any case
    ("EU Directive 2011/36/EU" and "eu directive 2011 36 eu" are one)."""
    return " ".join(re.findall(r"\w+", name.casefold()))


class StandardArticle(TranslatedFields, models.Model):
    """One article, recommendation or standard of a :class:`Standard`, its
    title and summary kept in each interface language beside the English."""

    translated_fields = ("title", "summary")

    standard = models.ForeignKey(
        Standard, on_delete=models.CASCADE, related_name="articles"
    )
    label = models.CharField(
        max_length=80, help_text=_("e.g. Article 10, Recommendation on guardianship.")
    )
    key = models.SlugField(
        max_length=40,
        help_text=_(
            "Short key within the standard, used in addresses and imports "
            "(e.g. 10, so that cets-197:10 names Article 10 of CETS No. 197)."
        ),
    )
    title = models.CharField(max_length=300)
    summary = models.TextField(
        blank=True, help_text=_("A sentence or two on what the article requires.")
    )
    title_sr_latn = models.CharField(
        _("title in Serbian (Latin)"), max_length=300, blank=True
    )
    summary_sr_latn = models.TextField(_("summary in Serbian (Latin)"), blank=True)
    title_sr_cyrl = models.CharField(
        _("title in Serbian (Cyrillic)"),
        max_length=300,
        blank=True,
        help_text=FROM_LATIN,
    )
    summary_sr_cyrl = models.TextField(
        _("summary in Serbian (Cyrillic)"), blank=True, help_text=FROM_LATIN
    )
    title_sl = models.CharField(_("title in Slovenian"), max_length=300, blank=True)
    summary_sl = models.TextField(_("summary in Slovenian"), blank=True)
    official_url = models.URLField(
        max_length=500,
        blank=True,
        help_text=_("A deep link to the article, where the official site has one."),
    )
    sort_order = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("standard"),
        FieldRowPanel([FieldPanel("label"), FieldPanel("key")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("official_url"),
        FieldPanel("sort_order"),
        *translation_panels(translated_fields),
    ]

    class Meta:
        ordering = ["standard__sort_order", "standard__short_name", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "key"], name="unique_article_key_per_standard"
            )
        ]
        verbose_name = _("article of a standard")
        verbose_name_plural = _("articles of standards")

    def __str__(self):
        return f"{self.standard.local_short_name}, {self.label}: {self.local_title}"

    def get_absolute_url(self):
        return reverse(
            "standard_article", kwargs={"code": self.standard.code, "key": self.key}
        )

    @property
    def local_title(self) -> str:
        return self.translated("title")

    @property
    def local_summary(self) -> str:
        return self.translated("summary")

    @property
    def title_language(self) -> str:
        return self.language_of("title")

    @property
    def summary_language(self) -> str:
        return self.language_of("summary")

    @property
    def reference(self) -> str:
        """How imports and exports name the article: ``cets-197:10``."""
        return f"{self.standard.code}:{self.key}"

    @property
    def source_url(self) -> str:
        """The official text of the article, or of its standard."""
        return self.official_url or self.standard.official_url


class StandardCitation(Orderable):
    """A document citing an article, or a standard as a whole (an instrument
    without an article), in the order the editor gave."""

    page = ParentalKey(
        "knowledge.KnowledgePage",
        on_delete=models.CASCADE,
        related_name="standard_citations",
    )
    # Always set: the article's standard, or the standard cited as a whole.
    standard = models.ForeignKey(
        Standard,
        on_delete=models.PROTECT,
        related_name="citations",
        blank=True,
        help_text=_("Choose the standard to cite it as a whole, or an article."),
    )
    article = models.ForeignKey(
        StandardArticle,
        on_delete=models.PROTECT,
        related_name="citations",
        null=True,
        blank=True,
    )

    panels = [FieldPanel("article"), FieldPanel("standard")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "article"], name="unique_citation_per_document"
            ),
        ]
        verbose_name = _("cited standard or article")

    def clean(self):
        super().clean()
        if self.article_id is None and self.standard_id is None:
            raise ValidationError(
                {"article": _("Choose an article, or a standard to cite as a whole.")}
            )
        if self.article_id is not None:
            if self.standard_id not in (None, self.article.standard_id):
                raise ValidationError(
                    {"standard": _("The article is of another standard.")}
                )
            self.standard_id = self.article.standard_id

    def save(self, *args, **kwargs):
        if self.article_id is not None:
            self.standard_id = self.article.standard_id
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """How imports and exports name what is cited: ``cets-197:10`` for an
        article, ``cets-197`` for the standard as a whole."""
        return self.article.reference if self.article_id else self.standard.code


# What a queryset of citing documents prefetches (``prefetch_related``): their
# citations with the standards and articles cited, in one query.
CITED_ARTICLES = models.Prefetch(
    "standard_citations",
    queryset=StandardCitation.objects.select_related("standard", "article"),
)


class CitesStandards(models.Model):
    """What document types that cite articles (practice guides, policy briefs)
    add to their panels, search fields and templates.

    An abstract model rather than a plain mixin: Elasticsearch and OpenSearch name
    an index field after the model that defines it, and ``cited_standards_text``
    is defined here.
    """

    citation_panels = [
        InlinePanel(
            "standard_citations",
            heading=_("Standards this document implements or cites"),
            label=_("Cited article"),
        )
    ]
    citation_search_fields = [FoldedSearchField("cited_standards_text")]

    class Meta:
        abstract = True

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related(CITED_ARTICLES)

    def citations(self) -> list[StandardCitation]:
        """What the document cites, in order: articles, and standards cited as
        a whole (``citation.article`` is None)."""
        citations = self.standard_citations.all()
        if "standard_citations" not in getattr(self, "_prefetched_objects_cache", {}):
            citations = citations.select_related("standard", "article")
        citations = list(citations)
        for citation in citations:
            if citation.article is None:
                continue
            if citation.standard_id is None:
                # A revision saved before instrument citations existed.
                citation.standard = citation.article.standard
            else:
                # The article's standard is the citation's: read once.
                citation.article.standard = citation.standard
        return citations

    def cited_articles(self) -> list[StandardArticle]:
        return [c.article for c in self.citations() if c.article is not None]

    def get_context(self, request, *args, **kwargs):
        """The citations, read once for the list and its amendment notices."""
        context = super().get_context(request, *args, **kwargs)
        context["citations"] = self.citations()
        context["amendment_notices"] = self.amendment_notices(context["citations"])
        return context

    def amendment_notices(self, citations: list[StandardCitation]) -> list:
        """Each amendment of an article the document cites (or of any article
        of a standard it cites as a whole), newest first, with ``reviewed_on``:
        when a reviewer checked the document after it (or None), in one query.
        ``citations``: what :meth:`citations` gave."""
        articles = [c.article_id for c in citations if c.article_id]
        wholes = [c.standard_id for c in citations if not c.article_id]
        if not citations or not self.pk:
            return []
        checks = AmendmentCheck.objects.filter(page=self.pk, amendment=OuterRef("pk"))
        notices = list(
            Amendment.objects.filter(
                models.Q(article__in=articles) | models.Q(article__standard__in=wholes)
            )
            .select_related("article__standard")
            .annotate(reviewed_on=Subquery(checks.values("checked_at")[:1]))
        )
        for notice in notices:
            first = self.first_published_at
            if notice.reviewed_on is None and first and first > notice.recorded_at:
                notice.reviewed_on = first
        return notices

    def cited_standards_text(self) -> str:
        """Names and titles of the cited standards and articles, for the index:
        in English and in the document's own language, as its topics are."""
        tags = dict.fromkeys((settings.LANGUAGE_CODE, self.language))
        lines = (
            f"{c.standard.translated('short_name', tag)} "
            f"{c.standard.translated('title', tag)}"
            + (
                f" {c.article.label} {c.article.translated('title', tag)}"
                if c.article
                else ""
            )
            for c in self.citations()
            for tag in tags
        )
        return "\n".join(dict.fromkeys(lines))


class Amendment(models.Model):
    """An amendment of an article (Directive 2011/36/EU by Directive (EU)
    2024/1712, say): every published document citing the article is flagged
    for review until a reviewer has checked it (:class:`AmendmentCheck`)."""

    article = models.ForeignKey(
        StandardArticle, on_delete=models.CASCADE, related_name="amendments"
    )
    date = models.DateField(help_text=_("When the amendment was adopted."))
    note = models.TextField(help_text=_("What changed, in a sentence or two."))
    url = models.URLField(
        max_length=500, blank=True, help_text=_("The amending act, if online.")
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    panels = [
        FieldPanel("article"),
        FieldPanel("date"),
        FieldPanel("note"),
        FieldPanel("url"),
    ]

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "date"], name="one_amendment_per_article_and_day"
            )
        ]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self):
        return f"{self.article.reference} ({self.date:%Y-%m-%d})"


class AmendmentCheck(models.Model):
    """A reviewer checked a document after an amendment of an article it cites:
    by approving a new revision, or by marking it checked with a comment."""

    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, related_name="checks"
    )
    page = models.ForeignKey(
        "knowledge.KnowledgePage", on_delete=models.CASCADE, related_name="+"
    )
    checked_at = models.DateTimeField(auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "page"], name="one_check_per_amendment_and_page"
            )
        ]
        verbose_name = _("check after an amendment")

    def __str__(self):
        return f"{self.amendment} checked on {self.page_id}"
