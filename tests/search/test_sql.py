from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from knowledge.filters import DocumentFilters
from knowledge.selectors import visible_documents
from search import sql
from tests.factories import (
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    UserFactory,
    cite,
)
from tests.search.fixtures import SearchFixture


class VisibilityTests(SearchFixture, TestCase):
    """The SQL the counts use sees exactly what ``visible_documents`` sees."""

    def test_same_documents_for_every_reader(self):
        expired = PracticeGuidePageFactory(slug="expired")
        expired.unpublish()
        police, other = (
            Group.objects.create(name="Police"),
            Group.objects.create(name="Other"),
        )
        for kind, groups in (("groups", [police]), ("password", [])):
            guide = PracticeGuidePageFactory(slug=f"under-{kind}")
            setattr(self, kind, guide)
            restriction = PageViewRestriction.objects.create(
                page=guide,
                restriction_type=kind,
                password="secret" * (kind != "groups"),
            )
            restriction.groups.set(groups)
        officer, outsider = UserFactory(), UserFactory()
        officer.groups.add(police)
        outsider.groups.add(other)
        admin = UserFactory(is_superuser=True)
        for user in (None, self.member, officer, outsider, admin):
            with self.subTest(user=user):
                expected = set(
                    visible_documents(user=user).values_list("pk", flat=True)
                )
                found = sql.matching_ids(
                    sql.every_document(), user=user, filters=DocumentFilters()
                )
                self.assertEqual(found, expected)
                self.assertNotIn(expired.pk, found)
                self.assertNotIn(self.password.pk, found)
                self.assertEqual(
                    self.groups.pk in found, user in (officer, admin), user
                )
                self.assertNotIn(self.draft.pk, found)
        self.assertNotIn(
            self.restricted.pk,
            sql.matching_ids(
                sql.every_document(), user=None, filters=DocumentFilters()
            ),
        )


# Every search counts and ranks, as the first one after a change does.
@override_settings(SEARCH_CACHE_SECONDS=0)
class QueryCountTests(TestCase):
    """A search makes the same number of queries whatever the number of hits."""

    def add_documents(self, count):
        for _ in range(count):
            PracticeGuidePageFactory(
                summary="Foster families in every town.",
                standard_citations=cite("uncrc:20", "cets-197:12"),
            )
            StudyVisitPageFactory(summary="A visit to foster families.")

    def count_queries(self, params):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("search"), params)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_constant_with_n_and_2n_documents(self):
        cases = [
            {"q": "foster"},
            {"q": "foster", "format": "json"},
            {"q": "foster families", "type": "visit", "year": "2011"},
            {"q": "foster", "standard": "uncrc"},
            {"q": "foster", "lineage": "adapted", "follow_up": "adopted"},
            {},
        ]

        def measure():
            # Warm per-process caches (content types, sites) and the topic
            # counts, remembered until the content changes.
            for params in cases:
                self.count_queries(params)
            return [self.count_queries(params) for params in cases]

        self.add_documents(6)
        before = measure()
        self.add_documents(6)
        self.assertEqual(measure(), before)
