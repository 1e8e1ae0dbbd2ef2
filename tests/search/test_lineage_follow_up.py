"""The lineage and follow-up facets and filters of /search/."""

import json

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from exchanges.models import FollowUpAction
from knowledge.filters import DocumentFilters, filtered_documents
from tests.factories import (
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    UserFactory,
)


def adapt(original, **fields):
    return PracticeGuidePageFactory(
        adapted_from=original, adaptation_notes="Changed for Serbia.", **fields
    )


def act(visit, status, note="Adopted by the ministry"):
    FollowUpAction.objects.create(
        visit=visit,
        owner=visit.host,
        description="Adopt the kinship protocol",
        status=status,
        note=note,
    )


class LineageFollowUpFixture:
    @classmethod
    def setUpTestData(cls):
        cls.original = PracticeGuidePageFactory(
            title="Kinship care original", slug="original", country="GB"
        )
        cls.adaptation = adapt(
            cls.original, title="Kinship care in Serbia", slug="adaptation"
        )
        # Adapted only into a restricted guide: for anonymous readers it is
        # neither an original nor adapted, since that would reveal the guide.
        cls.hidden_original = PracticeGuidePageFactory(
            title="Kinship mentoring", slug="hidden-original"
        )
        cls.restricted_adaptation = adapt(
            cls.hidden_original,
            title="Kinship mentoring restricted",
            slug="restricted-adaptation",
            restricted=True,
        )
        cls.visit_both = StudyVisitPageFactory(
            title="Kinship visit to Ljubljana", slug="visit-both", country="SI"
        )
        act(cls.visit_both, "adopted")
        act(cls.visit_both, "planned", note="")
        act(cls.visit_both, "adopted")
        cls.visit_adopted = StudyVisitPageFactory(
            title="Kinship visit to Belgrade", slug="visit-adopted", country="RS"
        )
        act(cls.visit_adopted, "adopted")
        cls.visit_restricted = StudyVisitPageFactory(
            title="Kinship visit restricted", slug="visit-restricted", restricted=True
        )
        act(cls.visit_restricted, "dropped", note="No funding")
        cls.member = UserFactory()


class LineageFollowUpTests(LineageFollowUpFixture, TestCase):
    url = reverse("search")

    def search(self, **params):
        response = self.client.get(self.url, {"format": "json", **params})
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)

    def facet(self, data, name):
        return {value["value"]: value["count"] for value in data["facets"][name]}

    def slugs(self, data):
        return {result["slug"] for result in data["results"]}

    def test_counts(self):
        for q in ("kinship", ""):
            with self.subTest(q=q):
                data = self.search(q=q)
                self.assertEqual(
                    self.facet(data, "lineage"),
                    {"adapted": 1, "adapted-elsewhere": 1},
                )
                # A visit counts once per status, however many actions have it.
                self.assertEqual(
                    self.facet(data, "follow_up"), {"adopted": 2, "planned": 1}
                )

    def test_members_count_restricted_guides_and_visits(self):
        self.client.force_login(self.member)
        data = self.search(q="kinship")
        self.assertEqual(
            self.facet(data, "lineage"), {"adapted": 2, "adapted-elsewhere": 2}
        )
        self.assertEqual(
            self.facet(data, "follow_up"), {"adopted": 2, "planned": 1, "dropped": 1}
        )
        data = self.search(q="kinship", lineage="adapted-elsewhere")
        self.assertEqual(self.slugs(data), {"original", "hidden-original"})

    def test_restricted_adaptation_does_not_show_through_its_original(self):
        for q in ("kinship", ""):
            with self.subTest(q=q):
                data = self.search(q=q, lineage="adapted-elsewhere")
                self.assertEqual(data["total"], 1)
                self.assertEqual(self.slugs(data), {"original"})
                data = self.search(q=q, lineage="adapted")
                self.assertEqual(self.slugs(data), {"adaptation"})
        self.assertEqual(
            set(
                filtered_documents(
                    user=None, filters=DocumentFilters(lineage="adapted-elsewhere")
                ).values_list("slug", flat=True)
            ),
            {"original"},
        )

    def test_filter_with_a_query_and_another_filter(self):
        data = self.search(q="kinship", follow_up="adopted", type="visit")
        self.assertEqual(self.slugs(data), {"visit-both", "visit-adopted"})
        # Each facet keeps the other filters and drops its own.
        self.assertEqual(self.facet(data, "follow_up"), {"adopted": 2, "planned": 1})
        self.assertEqual(self.facet(data, "type"), {"visit": 2})
        self.assertEqual(self.facet(data, "lineage"), {})
        data = self.search(q="kinship", lineage="adapted", type="practice")
        self.assertEqual(self.slugs(data), {"adaptation"})
        self.assertEqual(self.facet(data, "type"), {"practice": 1})
        self.assertEqual(self.facet(data, "follow_up"), {})
        self.assertEqual(self.search(q="belgrade", follow_up="adopted")["total"], 1)
        self.assertEqual(self.search(q="belgrade", follow_up="planned")["total"], 0)
        self.assertEqual(
            self.search(q="serbia", lineage="adapted-elsewhere")["total"], 0
        )

    def test_json_values_and_labels(self):
        data = self.search(q="kinship", type="visit", follow_up="Adopted")
        self.assertEqual(
            data["facets"]["follow_up"],
            [
                {"value": "planned", "label": "Planned", "count": 1},
                {"value": "adopted", "label": "Adopted", "count": 2},
            ],
        )
        self.assertEqual(
            self.search(q="kinship")["facets"]["lineage"],
            [
                {"value": "adapted", "label": "Adapted from another guide", "count": 1},
                {
                    "value": "adapted-elsewhere",
                    "label": "Adapted elsewhere",
                    "count": 1,
                },
            ],
        )

    def test_page_links_and_translated_labels(self):
        response = self.client.get(self.url, {"q": "kinship"})
        self.assertContains(response, "Follow-up")
        self.assertContains(response, "?q=kinship&amp;follow_up=adopted")
        self.assertContains(response, "?q=kinship&amp;lineage=adapted-elsewhere")
        with translation.override("sr-latn"):
            url = reverse("search")
        data = json.loads(
            self.client.get(url, {"q": "kinship", "format": "json"}).content
        )
        labels = {v["value"]: v["label"] for v in data["facets"]["follow_up"]}
        self.assertEqual(labels["adopted"], "Usvojeno")

    def test_unknown_values_are_form_errors_like_evidence(self):
        for params in ({"lineage": "sideways"}, {"follow_up": "forgotten"}):
            with self.subTest(params=params):
                data = self.search(q="kinship", **params)
                self.assertEqual((data["total"], data["results"]), (0, []))
                response = self.client.get(self.url, {"q": "kinship", **params})
                self.assertContains(response, "Some filters were not understood")

    def test_new_facets_and_filters_add_no_queries(self):
        def count(params):
            with CaptureQueriesContext(connection) as queries:
                self.client.get(self.url, params)
            return len(queries)

        for q in ("kinship", ""):
            with self.subTest(q=q):
                count({"q": q})  # Warm per-process caches.
                plain = count({"q": q, "type": "visit"})
                self.assertEqual(
                    count({"q": q, "type": "visit", "follow_up": "adopted"}), plain
                )
                self.assertEqual(
                    count({"q": q, "type": "practice", "lineage": "adapted"}), plain
                )
