"""The API keeps the names briefs were published under before they moved."""

from django.test import TestCase

from briefs.models import BriefIndexPage
from tests.factories import PolicyBriefPageFactory, PracticeGuidePageFactory


class BriefTypeNameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.brief = PolicyBriefPageFactory(
            title="Brief", recommendations=[("recommendation", "Train carers.")]
        )
        cls.guide = PracticeGuidePageFactory(title="Guide")
        cls.section = BriefIndexPage.objects.get(locale__language_code="en")

    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, response.content)
        return response.json()

    def ids(self, types):
        data = self.get(f"/api/v2/pages/?type={types}")
        return {item["id"] for item in data["items"]}

    def test_old_and_new_names_select_the_briefs(self):
        for name in (
            "knowledge.PolicyBriefPage",
            "knowledge.policybriefpage",
            "briefs.PolicyBriefPage",
        ):
            with self.subTest(name):
                self.assertEqual(self.ids(name), {self.brief.pk})
        self.assertEqual(
            self.ids("knowledge.PolicyBriefPage,practices.PracticeGuidePage"),
            {self.brief.pk, self.guide.pk},
        )
        for name in ("knowledge.BriefIndexPage", "briefs.BriefIndexPage"):
            with self.subTest(name):
                data = self.get(f"/api/v2/pages/?type={name}&locale=en")
                self.assertEqual(
                    [item["id"] for item in data["items"]], [self.section.pk]
                )

    def test_unknown_types_are_still_refused(self):
        for name in ("briefs.Nothing", "Knowledge.PolicyBriefPage", "briefs"):
            with self.subTest(name):
                self.assertEqual(
                    self.get(f"/api/v2/pages/?type={name}", status=400),
                    {"message": "type doesn't exist"},
                )

    def test_types_are_shown_by_their_published_names(self):
        data = self.get("/api/v2/pages/?type=briefs.PolicyBriefPage")
        self.assertEqual(data["items"][0]["meta"]["type"], "knowledge.PolicyBriefPage")
        data = self.get(f"/api/v2/pages/{self.brief.pk}/")
        self.assertEqual(data["meta"]["type"], "knowledge.PolicyBriefPage")
        self.assertEqual(
            data["meta"]["parent"]["meta"]["type"], "knowledge.BriefIndexPage"
        )
        self.assertEqual(data["recommendations"], ["Train carers."])
        data = self.get(f"/api/v2/pages/{self.section.pk}/")
        self.assertEqual(data["meta"]["type"], "knowledge.BriefIndexPage")
        self.assertEqual(data["meta"]["parent"]["meta"]["type"], "knowledge.HomePage")
        data = self.get(f"/api/v2/pages/{self.guide.pk}/")
        self.assertEqual(data["meta"]["type"], "practices.PracticeGuidePage")
