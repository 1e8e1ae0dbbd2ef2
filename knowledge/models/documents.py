import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from knowledge.admin_forms import DocumentPageForm
from knowledge.blocks import DocumentBodyBlock
from knowledge.downloads import serve_download
from knowledge.languages import (
    TRANSLATED_LANGUAGES,
    InterfaceLanguageURLMixin,
    Language,
)
from knowledge.page_context import page_context
from knowledge.privacy import (
    PasswordFormPage,
    Privacy,
    is_stricter,
    keep_privacy_of,
    privacy_of,
    restrict,
)
from knowledge.search_fields import (
    FoldedAutocompleteField,
    FoldedSearchField,
    StoredFilterField,
)
from knowledge.serializers import PartnerSerializer, TopicSerializer
from safeguarding.panels import SafeguardingPanel

from .topics import TaggedDocument


class ReviewInterval(models.IntegerChoices):
    """How often a document is checked to be still accurate, in months."""

    SIX_MONTHS = 6, _("Every 6 months")
    ONE_YEAR = 12, _("Every year")
    TWO_YEARS = 24, _("Every 2 years")
    THREE_YEARS = 36, _("Every 3 years")


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class KnowledgePage(
    PasswordFormPage, InterfaceLanguageURLMixin, RoutablePageMixin, Page
):
    """What practice guides, study visits and policy briefs share.

    A concrete (multi-table) base rather than an abstract one: the shared metadata
    lives in one table, so listings, filters and facet counts across all document
    types are single indexed queries instead of one query per type.
    """

    summary = models.TextField(
        verbose_name=_("Summary"),
        help_text=_("Two or three sentences shown in listings."),
    )
    body = StreamField(DocumentBodyBlock(), blank=True, verbose_name=_("Body"))
    # What only members (knowledge.privacy.is_member) read of a document
    # anyone may read: never in the search index's public entries, the API, a
    # feed or the public PDF (see search.database and outputs.pdf).
    members_annex = StreamField(
        DocumentBodyBlock(),
        blank=True,
        verbose_name=_("Members-only annex"),
        help_text=_(
            "Only signed-in members read this part: intake lines, escort "
            "arrangements, referral contacts. Never write anything about a "
            "victim here or anywhere else."
        ),
    )
    partner = models.ForeignKey(
        "knowledge.Partner",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("Partner"),
    )
    country = CountryField(db_index=True, verbose_name=_("Country"))
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.EN,
        db_index=True,
        verbose_name=_("Language"),
    )
    date = models.DateField(
        db_index=True,
        verbose_name=_("Date"),
        help_text=_("Date of publication or of the event."),
    )
    topics = ClusterTaggableManager(
        through=TaggedDocument, blank=True, verbose_name=_("Topics")
    )
    privacy = models.CharField(
        max_length=8,
        choices=Privacy.choices,
        default=Privacy.PUBLIC,
        db_index=True,
        editable=False,
        help_text=_("Who may read the document: set under Privacy."),
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Last reviewed"),
        help_text=_(
            "When a reviewer last checked that the document is still accurate."
        ),
    )
    review_interval = models.PositiveSmallIntegerField(
        choices=ReviewInterval.choices,
        verbose_name=_("Review interval"),
        default=ReviewInterval.ONE_YEAR,
        help_text=_("How often the document should be reviewed."),
    )
    next_review = models.DateField(
        null=True,
        editable=False,
        db_index=True,
        help_text=_("Last reviewed (or the document's date) plus the review interval."),
    )
    # Read from the published revision by the follow app; the admin form
    # always offers it unticked, so a revision only asks once.
    notify_followers = models.BooleanField(
        default=False,
        verbose_name=_("Notify followers"),
        help_text=_(
            "Tell the readers who follow this document's topics, partner or "
            "articles that it changed. Leave it off for small corrections."
        ),
    )

    is_creatable = False
    # Each concrete document class declares its type as ``type_entry`` (a
    # knowledge.document_types.DocumentType), which sets ``document_type`` to
    # the type's key.
    document_type = ""
    # Whether readers can download the document as a PDF and cite it.
    has_downloads = False
    # What came of a study visit, set on listed visits (exchanges.attach_outcomes).
    # None here so that cards do not ask every other document in vain, which
    # costs the template engine a dir() of the whole page class.
    outcome = None
    base_form_class = DocumentPageForm

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("partner"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("language")]),
                FieldRowPanel([FieldPanel("date"), FieldPanel("last_reviewed")]),
                FieldPanel("review_interval"),
                FieldPanel("topics"),
            ],
            heading=_("About this document"),
        ),
    ]
    content_panels = [
        SafeguardingPanel(),
        *Page.content_panels,
        FieldPanel("summary"),
        *metadata_panels,
        FieldPanel("body"),
    ]
    annex_panels = [
        HelpPanel(
            content=_(
                "<p><strong>Members only.</strong> Anonymous readers see only that "
                "an annex exists and are asked to sign in. Files linked here are "
                "served to members only.</p>"
            ),
        ),
        FieldPanel("members_annex"),
    ]
    # "restricted" is a field of DocumentPageForm: it can only raise privacy.
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("restricted"),
        FieldPanel("notify_followers"),
    ]

    search_fields = [
        *Page.search_fields,
        # What readers search is indexed folded (see search.text): the title
        # weighted above the summary, the summary above everything else.
        FoldedSearchField("indexed_title", boost=10),
        FoldedAutocompleteField("indexed_title"),
        FoldedSearchField("summary", boost=4),
        FoldedSearchField("body"),
        index.RelatedFields(
            "partner", [FoldedSearchField("name"), index.FilterField("slug")]
        ),
        index.RelatedFields("topics", [FoldedSearchField("name")]),
        FoldedSearchField("own_language_topic_names"),
        index.FilterField("privacy"),
        index.FilterField("language"),
        StoredFilterField("country"),
        index.FilterField("date"),
        index.FilterField("partner"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("partner", serializer=PartnerSerializer()),
        APIField("country"),
        APIField("language"),
        APIField("date"),
        APIField("last_reviewed"),
        APIField("topics", serializer=TopicSerializer(many=True)),
        APIField("body"),
    ]

    @cached_classmethod
    def get_edit_handler(cls):
        """Wagtail's tabs, with the members-only annex in a tab of its own."""
        tabs = [
            ObjectList(panels, heading=heading, classname=name)
            for panels, heading, name in (
                (cls.content_panels, _("Content"), "content"),
                (cls.annex_panels, _("Members-only annex"), "members-annex"),
                (cls.promote_panels, _("Promote"), "promote"),
                (cls.settings_panels, _("Settings"), "settings"),
            )
            if panels
        ]
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(
            cls
        )

    class Meta:
        verbose_name = _("Document")
        indexes = [
            models.Index(fields=["-date", "page_ptr"], name="knowledge_date_idx")
        ]

    def clean(self):
        super().clean()
        # A text area sends its lines ended by CR LF: keep them as written
        # everywhere else (imports, the database), or every save changes them.
        for field in self._meta.concrete_fields:
            value = getattr(self, field.attname)
            if isinstance(field, models.TextField) and isinstance(value, str):
                setattr(self, field.attname, value.replace("\r\n", "\n"))
        errors = {}
        if self.language and not Language.normalise(self.language):
            errors["language"] = _("Choose one of: %(languages)s") % {
                "languages": ", ".join(Language.values)
            }
        if errors:
            raise ValidationError(errors)

    @property
    def restricted(self) -> bool:
        """Whether only some readers may read the document."""
        return self.privacy != Privacy.PUBLIC

    @restricted.setter
    def restricted(self, value: bool) -> None:
        """``restricted = True`` asks for a login restriction when the page is
        next saved; False asks for nothing: only deleting a view restriction
        (the Privacy dialog) makes a document more public."""
        if value:
            self._restriction_requested = True
            if self.privacy == Privacy.PUBLIC:
                self.privacy = Privacy.LOGIN

    def get_view_restrictions(self):
        """Wagtail asks on every page it serves (two queries); a public
        document has none over it, as its ``privacy`` says (the one rule every
        listing and search reads). An alias defers to its original's."""
        if self.pk and self.alias_of_id is None and self.privacy == Privacy.PUBLIC:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def save(self, *args, **kwargs):
        self.language = Language.normalise(self.language) or self.language
        self.next_review = self.compute_next_review()
        # The live restrictions decide, whatever a revision or an import says.
        # A new page (a copy or translation too) asks for the privacy it
        # carries; an existing one only through ``restricted = True``.
        requested = self.privacy
        if self.pk is not None and not self.__dict__.pop(
            "_restriction_requested", False
        ):
            requested = Privacy.PUBLIC
        self.privacy = privacy_of(self)
        super().save(*args, **kwargs)
        if is_stricter(requested, self.privacy):
            restrict(self, requested)

    def copy(self, *args, **kwargs):
        """Copies and translations (``copy_for_translation`` copies too) keep
        every restriction over the original, wherever they land."""
        copy = super().copy(*args, **kwargs)
        keep_privacy_of(self, copy)
        return copy

    def with_content_json(self, content):
        """A revision as a page, with the live privacy: privacy is the page's,
        not any revision's, in the editor, previews, comparisons and reverts."""
        page = super().with_content_json(content)
        page.privacy = self.privacy
        return page

    def publish(self, revision, user=None, **kwargs):
        """Every ``Revision.publish()`` ends here: a revision with unresolved
        safeguarding findings is not published (see ``safeguarding.gate``)."""
        from safeguarding import gate

        if not gate.check_revision(revision, user=user):
            return None
        return super().publish(revision, user=user, **kwargs)

    def compute_next_review(self) -> datetime.date | None:
        reviewed = self.last_reviewed or self.date
        if not reviewed or not self.review_interval:
            return None
        if isinstance(reviewed, str):
            reviewed = datetime.date.fromisoformat(reviewed)
        return add_months(reviewed, self.review_interval)

    def permissions_for_user(self, user):
        # Every admin view asks the page this question, so the partner rule
        # (editors touch only their own organisation's documents) lives here.
        from knowledge.permissions import DocumentPermissionTester

        return DocumentPermissionTester(user, self)

    def own_language_topic_names(self) -> str:
        """Its topics' names in the document's own language, for search: a
        Slovenian guide on foster care is found by "rejništvo" as an English one
        is by "foster care" (English names are indexed with the topics)."""
        return " ".join(
            topic.translated("name", self.language)
            for topic in self.topics.all()
            if self.language in TRANSLATED_LANGUAGES
        )

    @property
    def has_members_annex(self) -> bool:
        return bool(self.members_annex)

    def members_annex_text(self) -> str:
        """The annex's words, for the index entry only members' searches read
        (``search.database``) and their snippets."""
        field = KnowledgePage._meta.get_field("members_annex")
        return " ".join(
            str(piece) for piece in field.get_searchable_content(self.members_annex)
        )

    def indexed_title(self) -> str:
        """The title, under its own name in the index: Wagtail keeps fields named
        ``title`` apart from the rest, and search matches folded text only."""
        return self.title

    @property
    def type_label(self) -> str:
        return str(self.specific_class.type_entry.label)

    @property
    def language_label(self) -> str:
        return Language(self.language).label if self.language in Language.values else ""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The page itself only: downloads show partner and topic names too, which
        # change without the page being published again (the PDF has an ETag).
        is_page = response.get("Content-Type", "").startswith("text/html")
        if response.status_code == 200 and self.last_published_at and is_page:
            response.setdefault(
                "Last-Modified", http_date(self.last_published_at.timestamp())
            )
        return response

    @path("pdf/", name="pdf")
    def pdf(self, request):
        return serve_download(request, self, "pdf")

    @path("cite.bib/", name="bibtex")
    def bibtex(self, request):
        return serve_download(request, self, "bibtex")

    @path("cite.ris/", name="ris")
    def ris(self, request):
        return serve_download(request, self, "ris")

    def keep_topics(self) -> None:
        """Read the topics once, in their tagging order, for everything that
        asks ``topics.all()`` of this instance (the related documents, the topic
        list, the citation): Django's prefetch cache, which tagging clears.
        Django's own prefetch would lose the order; a preview holds its topics
        in memory already."""
        if self.tagged_topics.is_deferring:
            return
        topics = self.topics.all()
        len(topics)  # evaluated now, and kept with its rows
        self.__dict__.setdefault("_prefetched_objects_cache", {})["topics"] = topics

    def get_context(self, request, *args, **kwargs):
        self.keep_topics()
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(KnowledgePage, self, request))
        return context
