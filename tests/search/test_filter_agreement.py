"""One filter, one meaning: listings (the ORM), search's SQL and the search
server's candidates keep the same documents for every filter and reader."""

import datetime
from dataclasses import fields

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.test import TestCase

from exchanges.models import FollowUpAction
from knowledge.filters import DocumentFilters, document_filters, filtered_documents
from knowledge.forms import DocumentFilterForm
from knowledge.models import KnowledgePage
from knowledge.selectors import visible_documents
from practices.models import PracticeGuidePage
from search import sql
from search.forms import SearchForm
from search.queries import DocumentSearch
from search.text import parse_query
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    TrainingProgrammePageFactory,
    UserFactory,
    cite,
)

# Every filter with values that keep some documents and not others.
VALUES = {
    "document_type": ["practice", "visit", "brief", "training"],
    "topic": ["foster-care", "training"],
    "partner": ["astra", "kljuc", "baaf"],
    "country": ["RS", "SI"],
    "language": ["en", "sl"],
    "year": [2011, 2012],
    "evidence": ["promising", "evaluated"],
    "standard": ["cets-197", "uncrc"],
    "lineage": ["adapted", "adapted-elsewhere"],
    "follow_up": ["planned", "adopted"],
}


class FilterAgreementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        astra = PartnerFactory(name="ASTRA", slug="astra", country="RS")
        kljuc = PartnerFactory(name="Ključ", slug="kljuc", country="SI")
        baaf = PartnerFactory(name="BAAF", slug="baaf", country="GB")
        foster = TopicFactory(name="Foster care", slug="foster-care")
        training = TopicFactory(name="Training", slug="training")
        original = PracticeGuidePageFactory(
            slug="original",
            partner=astra,
            evidence_level="evaluated",
            topics=[foster],
            standard_citations=cite("uncrc:20"),
        )
        PracticeGuidePageFactory(
            slug="adaptation",
            partner=kljuc,
            country="SI",
            language="sl",
            adapted_from=original,
            adaptation_notes="Changed for Slovenia.",
            evidence_level="promising",
            topics=[foster, training],
        )
        # Adapted only into a restricted guide, which must not show through.
        hidden_original = PracticeGuidePageFactory(slug="hidden-original")
        PracticeGuidePageFactory(
            slug="restricted-adaptation",
            adapted_from=hidden_original,
            adaptation_notes="Changed for the police.",
            partner=baaf,
            restricted=True,
            topics=[foster],
        )
        PolicyBriefPageFactory(
            slug="brief",
            partner=kljuc,
            topics=[training],
            date=datetime.date(2012, 3, 1),
            standard_citations=cite("cets-197:10"),
        )
        visit = StudyVisitPageFactory(slug="visit", partner=astra, country="SI")
        visit.host = kljuc
        visit.save()
        visit.participants.add(baaf)
        visit.save()
        for status in ("planned", "adopted"):
            FollowUpAction.objects.create(
                visit=visit, owner=kljuc, description="Adopt it", status=status
            )
        hidden_visit = StudyVisitPageFactory(
            slug="hidden-visit", partner=baaf, restricted=True
        )
        FollowUpAction.objects.create(
            visit=hidden_visit, owner=baaf, description="Fund it", status="planned"
        )
        TrainingProgrammePageFactory(slug="course", partner=baaf, topics=[training])
        cls.readers = {"anonymous": AnonymousUser(), "member": UserFactory()}

    def test_every_filter_field_is_registered_once(self):
        attributes = [spec.attribute for spec in document_filters]
        self.assertEqual(
            sorted(attributes), sorted(f.name for f in fields(DocumentFilters))
        )
        self.assertEqual(set(VALUES), set(attributes))

    def test_listings_search_and_server_agree(self):
        for attribute, values in VALUES.items():
            for value in values:
                filters = DocumentFilters(**{attribute: value})
                for name, user in self.readers.items():
                    with self.subTest(filter=attribute, value=value, reader=name):
                        listed = set(
                            filtered_documents(user=user, filters=filters).values_list(
                                "pk", flat=True
                            )
                        )
                        counted = sql.matching_ids(
                            sql.every_document(), user=user, filters=filters
                        )
                        self.assertEqual(counted, listed)
                        browsed = DocumentSearch(
                            user=user,
                            query=parse_query(""),
                            filters=filters,
                            per_page=100,
                        ).run()
                        self.assertEqual(
                            {hit.document.pk for hit in browsed.hits}, listed
                        )
                        self.assertEqual(browsed.total, len(listed))
                        self.assertTrue(
                            listed
                            < set(
                                visible_documents(user=user).values_list(
                                    "pk", flat=True
                                )
                            ),
                            "every filter value here keeps some documents, not all",
                        )
                        server = DocumentSearch(
                            user=user, query=parse_query(""), filters=filters
                        )._server_queryset()
                        # The server may only narrow to a superset of the answer.
                        self.assertTrue(
                            listed <= set(server.values_list("pk", flat=True))
                        )

    def test_restricted_documents_never_satisfy_a_filter_for_outsiders(self):
        anonymous = self.readers["anonymous"]
        self.assertEqual(
            list(
                filtered_documents(
                    user=anonymous, filters=DocumentFilters(lineage="adapted-elsewhere")
                ).values_list("slug", flat=True)
            ),
            ["original"],
        )
        partner = filtered_documents(
            user=anonymous, filters=DocumentFilters(partner="baaf")
        )
        self.assertEqual(
            set(partner.values_list("slug", flat=True)), {"visit", "course"}
        )

    def test_forms_offer_what_the_documents_listed_can_meet(self):
        every_document = ["type", "topic", "partner", "country", "language", "year"]
        listed = [*every_document, "evidence", "standard"]
        visits = StudyVisitPageFactory._meta.model
        for form, offered in (
            (DocumentFilterForm(model=PracticeGuidePage), listed),
            (DocumentFilterForm(model=visits), every_document),
            (DocumentFilterForm(model=KnowledgePage), listed),
            (SearchForm(), [*listed, "lineage", "follow_up"]),
        ):
            with self.subTest(form=form):
                self.assertEqual(list(form.fields), offered)


class CompiledConditionTests(TestCase):
    """search.sql.documents_meeting: a condition on other tables (a join) falls
    back to an id subquery and still keeps the same documents."""

    def test_a_joined_condition_keeps_what_the_orm_keeps(self):
        astra = PartnerFactory(slug="astra")
        kept = PracticeGuidePageFactory(partner=astra)
        PracticeGuidePageFactory()
        condition = Q(partner__slug="astra")
        clause, _ = sql.documents_meeting(condition)
        self.assertIn("IN (SELECT", clause)
        source = sql.Source(
            sql.documents_join(), clause, sql.documents_meeting(condition)[1]
        )
        found = sql.matching_ids(source, user=None, filters=DocumentFilters())
        self.assertEqual(found, {kept.pk})

    def test_conditions_django_answers_without_sql(self):
        """A condition Django knows no document (or every document) meets has
        no SQL of its own; it still keeps what the ORM keeps."""
        astra = PartnerFactory(slug="astra")
        kept = PracticeGuidePageFactory(partner=astra)
        other = PracticeGuidePageFactory()
        for condition in (
            Q(pk__in=[]),
            ~Q(pk__in=[]),
            Q(pk__in=[]) | Q(pk=kept.pk),
            Q(pk__in=[]) & Q(partner__slug="astra"),
            ~Q(pk__in=[]) & Q(partner__slug="astra"),
        ):
            with self.subTest(condition=condition):
                clause, params = sql.documents_meeting(condition)
                found = sql.matching_ids(
                    sql.Source(sql.documents_join(), clause, params),
                    user=None,
                    filters=DocumentFilters(),
                )
                expected = set(
                    KnowledgePage.objects.filter(pk__in=[kept.pk, other.pk])
                    .filter(condition)
                    .values_list("pk", flat=True)
                )
                self.assertEqual(found, expected)
