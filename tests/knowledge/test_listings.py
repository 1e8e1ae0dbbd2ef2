import re

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from knowledge.models import LISTING_PAGE_SIZE
from knowledge.selectors import related_documents
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    TrainingProgrammePageFactory,
    UserFactory,
)
from tests.translations import translate


class ListingFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA", country="RS")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ", country="SI")
        cls.foster = TopicFactory(name="Foster care", slug="foster-care")
        cls.labour = TopicFactory(name="Forced labour", slug="forced-labour")
        cls.old = PracticeGuidePageFactory(
            title="Foster care 2010",
            partner=cls.astra,
            topics=[cls.foster],
            date="2010-02-01",
            language="sr-Latn",
        )
        cls.new = PracticeGuidePageFactory(
            title="Labour 2012",
            partner=cls.kljuc,
            country="SI",
            topics=[cls.labour],
            date="2012-06-01",
            language="sl",
        )

    def titles(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return [document.title for document in response.context["documents"]]

    def test_lists_newest_first(self):
        self.assertEqual(
            self.titles("/en/practices/"), ["Labour 2012", "Foster care 2010"]
        )

    def test_filters_by_each_field(self):
        self.assertEqual(
            self.titles("/en/practices/?topic=forced-labour"), ["Labour 2012"]
        )
        self.assertEqual(
            self.titles("/en/practices/?partner=astra"), ["Foster care 2010"]
        )
        self.assertEqual(self.titles("/en/practices/?country=si"), ["Labour 2012"])
        self.assertEqual(
            self.titles("/en/practices/?language=SR-LATN"), ["Foster care 2010"]
        )
        self.assertEqual(self.titles("/en/practices/?year=2012"), ["Labour 2012"])

    def test_filters_combine(self):
        self.assertEqual(
            self.titles("/en/practices/?topic=foster-care&partner=kljuc"), []
        )
        self.assertEqual(
            self.titles("/en/practices/?topic=foster-care&partner=astra&year=2010"),
            ["Foster care 2010"],
        )

    def test_unknown_filter_values_answer_with_an_empty_result_and_a_message(self):
        for query in [
            "topic=nope",
            "partner=%00",
            "year=20x1",
            "language=de",
            "country=XX",
        ]:
            with self.subTest(query=query):
                response = self.client.get(f"/en/practices/?{query}")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(list(response.context["documents"]), [])
                self.assertContains(response, "were not understood")

    def test_bad_page_numbers_give_the_nearest_page(self):
        for page in ["-1", "abc", "999999"]:
            with self.subTest(page=page):
                self.assertEqual(len(self.titles(f"/en/practices/?page={page}")), 2)

    def test_drafts_and_restricted_documents_stay_out_for_anonymous_readers(self):
        PracticeGuidePageFactory(title="Draft", live=False, partner=self.astra)
        PracticeGuidePageFactory(title="Secret", restricted=True, partner=self.astra)
        self.assertNotIn("Draft", self.titles("/en/practices/"))
        self.assertNotIn("Secret", self.titles("/en/practices/"))
        self.client.force_login(UserFactory())
        self.assertIn("Secret", self.titles("/en/practices/"))
        self.assertNotIn("Draft", self.titles("/en/practices/"))


class ListingQueryCountTests(TestCase):
    """The number of SQL queries of a page does not grow with its items, for an
    anonymous reader and for a signed-in one who also sees restricted items."""

    urls = [
        "/en/",
        "/en/practices/",
        "/en/briefs/",
        "/en/exchanges/",
        "/en/topics/",
        "/en/topics/foster-care/",
        "/en/partners/",
        "/en/partners/astra/",
        "/en/practices/?topic=foster-care&partner=astra",
        "/en/exchanges/?partner=astra&language=en",
        "/en/briefs/?topic=foster-care&year=2011",
    ]

    @classmethod
    def setUpTestData(cls):
        partner = PartnerFactory(slug="astra", name="ASTRA")
        topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.guide = PracticeGuidePageFactory(partner=partner, topics=[topic])
        cls.visit = StudyVisitPageFactory(partner=partner, topics=[topic])
        cls.brief = PolicyBriefPageFactory(partner=partner, topics=[topic])
        cls.training = TrainingProgrammePageFactory(partner=partner, topics=[topic])
        cls.reader = UserFactory()

    def add_documents(self, count):
        for number in range(count):
            partner = PartnerFactory(slug="astra", name="ASTRA")
            topics = [
                TopicFactory(name="Foster care", slug="foster-care"),
                TopicFactory(),
            ]
            restricted = number % 2 == 0
            PracticeGuidePageFactory(partner=partner, topics=topics)
            PracticeGuidePageFactory(
                partner=partner, topics=topics, restricted=restricted
            )
            PolicyBriefPageFactory(
                partner=partner, topics=topics, restricted=restricted
            )
            visit = StudyVisitPageFactory(
                partner=partner, topics=topics, restricted=restricted
            )
            visit.participants.add(PartnerFactory())
            visit.related_practices.add(self.guide)
            visit.save()

    def count_queries(self, url):
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        return len(queries)

    def all_counts(self):
        documents = (self.guide, self.visit, self.brief, self.training)
        urls = [*self.urls, *(document.url for document in documents)]
        return {url: self.count_queries(url) for url in urls}

    def test_queries_stay_constant_from_n_to_2n_items(self):
        self.add_documents(3)
        before = self.all_counts()
        self.add_documents(3)
        self.assertEqual(before, self.all_counts())

    def test_queries_stay_constant_for_a_signed_in_reader(self):
        self.client.force_login(self.reader)
        self.add_documents(3)
        before = self.all_counts()
        self.add_documents(3)
        self.assertEqual(before, self.all_counts())

    def test_a_document_page_reads_its_topics_and_translations_once(self):
        """The related documents, the topic list and the citation share one
        read of the topics; "Also available in" and the language switcher
        share one of the translations, however many there are."""
        # Tagged in the other order than made: the page lists them as tagged.
        earlier, later = TopicFactory(name="Earlier"), TopicFactory(name="Later")
        self.guide.topics.add(later)
        self.guide.topics.add(earlier)
        self.guide.save()
        translate(self.guide, "sl", title="Vodnik", language="sl")
        translate(self.guide, "sr", title="Водич", language="sr-Cyrl")
        self.client.force_login(self.reader)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.guide.url)
        self.assertContains(response, "Vodnik")
        self.assertContains(response, "Водич")
        text = response.content.decode()
        self.assertLess(text.index(">Later</a>"), text.index(">Earlier</a>"))
        own_topics = re.compile(
            rf'FROM "knowledge_topic" .*"content_object_id" (= |IN \(){self.guide.pk}\b'
        )
        sql = [query["sql"] for query in queries.captured_queries]
        self.assertEqual(len([q for q in sql if own_topics.search(q)]), 1)
        # The translations, each marked readable or not, in one query.
        key = self.guide.translation_key.hex
        translations = [q for q in sql if f"\"translation_key\" = '{key}'" in q]
        self.assertEqual(len(translations), 1, translations)

    def test_a_public_document_is_served_without_reading_view_restrictions(self):
        """Its ``privacy`` says none is over it; a restricted one is checked."""
        self.client.force_login(self.reader)

        def restriction_queries(page):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(page.url).status_code, 200)
            return [
                q["sql"]
                for q in queries.captured_queries
                if q["sql"].startswith('SELECT "wagtailcore_pageviewrestriction"')
            ]

        self.assertEqual(restriction_queries(self.guide), [])
        restricted = PracticeGuidePageFactory(restricted=True)
        self.assertNotEqual(restriction_queries(restricted), [])


class RelatedDocumentTests(TestCase):
    """A document page's related documents: most shared topics first, then the
    newest, never the document itself, restricted ones only for members."""

    @classmethod
    def setUpTestData(cls):
        partner = PartnerFactory()
        cls.foster, cls.labour, cls.other = (
            TopicFactory(),
            TopicFactory(),
            TopicFactory(),
        )
        both = [cls.foster, cls.labour]
        cls.document = PracticeGuidePageFactory(topics=both, partner=partner)
        cls.old_both = PolicyBriefPageFactory(
            topics=both, date="2009-01-01", partner=partner
        )
        cls.new_one = StudyVisitPageFactory(
            topics=[cls.foster], date="2012-01-01", partner=partner
        )
        cls.old_one = PracticeGuidePageFactory(
            topics=[cls.labour, cls.other], date="2010-01-01", partner=partner
        )
        cls.secret = PracticeGuidePageFactory(
            topics=both, date="2013-01-01", restricted=True, partner=partner
        )
        PracticeGuidePageFactory(topics=[cls.other], partner=partner)
        cls.reader = UserFactory()

    def related(self, user=None):
        return [d.pk for d in related_documents(document=self.document, user=user)]

    def test_ranked_by_shared_topics_then_newest(self):
        self.assertEqual(
            self.related(), [self.old_both.pk, self.new_one.pk, self.old_one.pk]
        )

    def test_members_also_get_restricted_ones(self):
        self.assertEqual(
            self.related(self.reader),
            [self.secret.pk, self.old_both.pk, self.new_one.pk, self.old_one.pk],
        )

    def test_the_limit_keeps_the_best(self):
        documents = related_documents(document=self.document, user=None, limit=2)
        self.assertEqual([d.pk for d in documents], [self.old_both.pk, self.new_one.pk])
        self.assertEqual(documents[1].evidence, None)
        self.assertEqual(documents[0].card_topics, [self.foster, self.labour])

    def test_the_ranking_is_remembered_until_content_changes(self):
        self.related()
        with CaptureQueriesContext(connection) as warm:
            self.assertEqual(
                self.related(), [self.old_both.pk, self.new_one.pk, self.old_one.pk]
            )
        self.assertFalse([q for q in warm.captured_queries if "COUNT(" in q["sql"]])
        self.old_both.unpublish()
        self.assertEqual(self.related(), [self.new_one.pk, self.old_one.pk])
        newest = StudyVisitPageFactory(topics=[self.foster, self.labour])
        self.assertEqual(self.related()[0], newest.pk)


class TopicCountTests(TestCase):
    """Topic counts are remembered between requests, apart for members and the
    public, and follow every change of content at once."""

    @classmethod
    def setUpTestData(cls):
        cls.topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.guide = PracticeGuidePageFactory(topics=[cls.topic])
        PracticeGuidePageFactory(topics=[cls.topic], restricted=True)
        cls.reader = UserFactory()

    def count(self, url="/en/topics/"):
        topics = self.client.get(url).context["topics"]
        return {topic.slug: topic.document_count for topic in topics}["foster-care"]

    def test_members_and_the_public_each_get_their_own_counts(self):
        self.assertEqual(self.count(), 1)
        self.client.force_login(self.reader)
        self.assertEqual(self.count(), 2)
        self.client.logout()
        self.assertEqual(self.count("/en/"), 1)

    def test_counting_runs_once_until_content_changes(self):
        self.count()
        with CaptureQueriesContext(connection) as warm:
            self.count()
        self.assertFalse(
            [q for q in warm.captured_queries if "knowledge_taggeddocument" in q["sql"]]
        )
        self.guide.unpublish()
        # The topic list leaves out topics with nothing to read; the home page
        # counts every topic.
        self.assertEqual(self.count("/en/"), 0)
        PracticeGuidePageFactory(topics=[self.topic])
        self.assertEqual(self.count(), 1)


class ListingCountTests(TestCase):
    """A listing's total is counted once per content version, for each filter
    and audience apart."""

    @classmethod
    def setUpTestData(cls):
        cls.topic = TopicFactory(slug="foster-care")
        cls.guide = PracticeGuidePageFactory(topics=[cls.topic], date="2011-01-01")
        for _ in range(LISTING_PAGE_SIZE):
            PracticeGuidePageFactory(restricted=True, date="2012-01-01")
        cls.reader = UserFactory()

    def total(self, url):
        return self.client.get(url).context["page_obj"].paginator.count

    def test_each_filter_and_audience_gets_its_own_total(self):
        self.assertEqual(self.total("/en/practices/"), 1)
        self.assertEqual(self.total("/en/practices/?year=2012"), 0)
        self.assertEqual(self.total("/en/practices/?year=not-a-year"), 0)
        self.client.force_login(self.reader)
        self.assertEqual(self.total("/en/practices/"), 1 + LISTING_PAGE_SIZE)
        self.assertEqual(self.total("/en/practices/?year=2012"), LISTING_PAGE_SIZE)
        self.assertEqual(self.total("/en/topics/foster-care/"), 1)

    def test_counting_runs_once_until_content_changes(self):
        self.total("/en/practices/")
        with CaptureQueriesContext(connection) as warm:
            self.total("/en/practices/")
        self.assertFalse([q for q in warm.captured_queries if "COUNT(" in q["sql"]])
        PracticeGuidePageFactory()
        self.assertEqual(self.total("/en/practices/"), 2)
        self.guide.unpublish()
        self.assertEqual(self.total("/en/practices/"), 1)


class PartnerVisitTests(TestCase):
    """A partner's study visits: those it hosted or joined, each once however
    many partners took part, restricted ones only for members."""

    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra")
        cls.hosted = StudyVisitPageFactory(host=cls.astra, start_date="2011-03-01")
        cls.joined = StudyVisitPageFactory(start_date="2011-02-01")
        cls.secret = StudyVisitPageFactory(start_date="2011-01-01", restricted=True)
        for visit in (cls.joined, cls.secret):
            visit.participants.add(cls.astra, PartnerFactory(), PartnerFactory())
            visit.save()
        cls.published = StudyVisitPageFactory(partner=cls.astra, host=PartnerFactory())
        StudyVisitPageFactory()
        cls.reader = UserFactory()

    def visit_ids(self, url, key):
        return [d.pk for d in self.client.get(url).context[key]]

    def test_partner_page_lists_hosted_and_joined_visits_once(self):
        self.assertEqual(
            self.visit_ids("/en/partners/astra/", "visits"),
            [self.hosted.pk, self.joined.pk],
        )
        self.client.force_login(self.reader)
        self.assertEqual(
            self.visit_ids("/en/partners/astra/", "visits"),
            [self.hosted.pk, self.joined.pk, self.secret.pk],
        )

    def test_partner_filter_takes_published_hosted_and_joined_visits(self):
        ids = self.visit_ids("/en/exchanges/?partner=astra", "documents")
        self.assertEqual(
            sorted(ids), sorted([self.published.pk, self.hosted.pk, self.joined.pk])
        )
        self.assertEqual(
            self.client.get("/en/exchanges/?partner=astra")
            .context["page_obj"]
            .paginator.count,
            3,
        )
