"""The partner rule: editor A never reaches organisation B's pages, files or images."""

from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page, TaskState, WorkflowState

from editorial.workflow import review_task
from knowledge.permissions import partner_scope
from practices.models import PracticeIndexPage
from tests.factories import (
    ImageFactory,
    PartnerFactory,
    PracticeGuidePageFactory,
    UploadedDocumentFactory,
    user_with_role,
)

B_PAGE = "Kljuc confidential foster protocol"
B_DRAFT = "Kljuc unfinished exit strategy"
B_FILE = "Kljuc case conference minutes"
B_IMAGE = "Kljuc safe house photo"
B_TITLES = (B_PAGE, B_DRAFT, B_FILE, B_IMAGE)

# Bulk actions take their objects from the query string.
BULK_ACTIONS = {
    "page": ("wagtailcore", "page", ["delete", "move", "publish", "unpublish"]),
    "document": (
        "wagtaildocs",
        "document",
        ["delete", "add_to_collection", "add_tags"],
    ),
    "image": ("wagtailimages", "image", ["delete", "add_to_collection", "add_tags"]),
}


def admin_routes():
    """(namespaced name, parameter names) of every admin URL that takes parameters."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                child_namespace = namespace
                if pattern.namespace:
                    child_namespace = f"{namespace}{pattern.namespace}:"
                yield from walk(
                    pattern.url_patterns, prefix + str(pattern.pattern), child_namespace
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                groups = list(pattern.pattern.regex.groupindex)
                route = prefix + str(pattern.pattern)
                if route.startswith("admin/") and groups:
                    yield route, namespace + pattern.name, groups

    return list(walk(get_resolver().url_patterns, "", ""))


class PartnerRuleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Društvo Ključ", country="SI")
        cls.editor_a = user_with_role("editor", partner=cls.astra)
        cls.editor_b = user_with_role("editor", partner=cls.kljuc)
        cls.reviewer = user_with_role("reviewer")
        cls.page_a = PracticeGuidePageFactory(title="ASTRA guide", partner=cls.astra)
        cls.page_b = PracticeGuidePageFactory(
            title=B_PAGE, partner=cls.kljuc, restricted=True
        )
        cls.draft_b = PracticeGuidePageFactory(
            title=B_DRAFT, partner=cls.kljuc, live=False
        )
        cls.page_b.save_revision(user=cls.editor_b, clean=False)
        cls.workflow_state = cls.page_b.get_workflow().start(cls.page_b, cls.editor_b)
        cls.task_state = cls.workflow_state.current_task_state
        cls.file_b = UploadedDocumentFactory(
            title=B_FILE, collection=cls.kljuc.collection
        )
        cls.image_b = ImageFactory(title=B_IMAGE, collection=cls.kljuc.collection)
        cls.section = PracticeIndexPage.objects.get(locale__language_code="en")

    def door_values(self):
        revision = self.page_b.get_latest_revision()
        return {
            "page": {
                "page_id": self.page_b.pk,
                "page_to_move_id": self.page_b.pk,
                "parent_page_id": self.page_b.pk,
                "pk": self.page_b.pk,
                "object_id": self.page_b.pk,
                "revision_id": revision.pk,
                "revision_id_a": "earliest",
                "revision_id_b": "latest",
                "task_state_id": self.task_state.pk,
                "workflow_state_id": self.workflow_state.pk,
                "task_id": review_task().pk,
                "action_name": "approve",
                "destination_id": self.section.pk,
                "content_type_app_name": "practices",
                "content_type_model_name": "practiceguidepage",
                "app_label": "wagtailcore",
                "model_name": "page",
                "session_id": 1,
            },
            "document": {
                "document_id": self.file_b.pk,
                "doc_id": self.file_b.pk,
                "pk": self.file_b.pk,
            },
            "image": {
                "image_id": self.image_b.pk,
                "pk": self.image_b.pk,
                "filter_spec": "original",
            },
        }

    def doors(self):
        """Every admin URL that names one of B's page, file or image."""
        values = self.door_values()
        object_params = {
            "page": {"page_id", "page_to_move_id", "parent_page_id", "object_id"},
            "document": {"document_id", "doc_id"},
            "image": {"image_id"},
        }
        urls = []
        for route, name, params in admin_routes():
            if "uploaded_file_id" in params or "uidb64" in params:
                continue
            kind = next(
                (k for k, names in object_params.items() if names & set(params)), None
            )
            if kind is None and "pk" in params:
                kind = next(
                    (k for k in ("page", "document", "image") if f"{k}s" in route), None
                )
                if "revisions/compare" in route:
                    kind = "page"
            if kind is None or not set(params) <= set(values[kind]):
                continue
            urls.append(reverse(name, kwargs={p: values[kind][p] for p in params}))
        for kind, (app_label, model_name, actions) in BULK_ACTIONS.items():
            pk = values[kind]["pk"]
            for action in actions:
                bulk = reverse(
                    "wagtail_bulk_action", args=[app_label, model_name, action]
                )
                urls.append(f"{bulk}?id={pk}")
        return urls

    def assertRefused(self, response, url):
        """403 or 404 (405 where the door has no such method), after redirects."""
        body = response.content.decode(errors="replace")
        self.assertIn(response.status_code, (403, 404, 405), url)
        for title in B_TITLES:
            self.assertNotIn(title, body, f"{url} leaked {title!r}")

    def test_the_doors_are_enumerated(self):
        urls = self.doors()
        self.assertGreater(len(urls), 45)
        for fragment in ("/edit/preview/", "/revisions/compare/", "/history/",
                         "/copy/", "/move/", "/api/main/pages/", "/images/",
                         "/documents/chooser/chosen/", "/choose-page/"):  # fmt: skip
            self.assertTrue(any(fragment in url for url in urls), fragment)

    def test_editor_a_is_refused_at_every_door_of_b(self):
        self.client.force_login(self.editor_a)
        for url in self.doors():
            with self.subTest(url=url, method="GET"):
                self.assertRefused(self.client.get(url, follow=True), url)
            with self.subTest(url=url, method="POST"):
                response = self.client.post(url, {"title": "Taken over"}, follow=True)
                self.assertRefused(response, url)
        self.page_b.refresh_from_db()
        self.assertEqual(self.page_b.title, B_PAGE)
        self.assertTrue(self.page_b.live)
        self.assertTrue(Page.objects.filter(pk=self.draft_b.pk).exists())
        self.assertEqual(
            TaskState.objects.get(pk=self.task_state.pk).status,
            TaskState.STATUS_IN_PROGRESS,
        )
        self.assertEqual(
            WorkflowState.objects.get(pk=self.workflow_state.pk).status,
            WorkflowState.STATUS_IN_PROGRESS,
        )

    def test_editor_b_and_the_reviewer_open_the_same_doors(self):
        edit = reverse("wagtailadmin_pages:edit", args=[self.page_b.pk])
        for user in (self.editor_b, self.reviewer):
            self.client.force_login(user)
            response = self.client.get(edit)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, B_PAGE)

    def test_listings_and_choosers_hide_b_from_editor_a(self):
        self.client.force_login(self.editor_a)
        listings = [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=[self.section.pk]),
            reverse("wagtailadmin_pages:search") + "?q=Kljuc",
            reverse("wagtailadmin_choose_page_child", args=[self.section.pk]),
            reverse("wagtailadmin_choose_page_search") + "?q=Kljuc",
            reverse("wagtailadmin_api:pages:listing") + f"?child_of={self.section.pk}",
            reverse("wagtailadmin_api:pages:listing") + "?search=Kljuc",
            reverse("wagtailadmin_api:documents:listing"),
            reverse("wagtailadmin_api:images:listing"),
            reverse("wagtaildocs:index"),
            reverse("wagtaildocs:index") + "?q=Kljuc",
            reverse("wagtaildocs_chooser:choose"),
            reverse("wagtailimages:index"),
            reverse("wagtailimages_chooser:choose"),
            reverse("wagtailadmin_reports:workflow"),
            reverse("wagtailadmin_reports:workflow_tasks"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:aging_pages"),
        ]
        for url in listings:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (200, 302, 403), url)
                body = response.content.decode()
                for title in B_TITLES:
                    self.assertNotIn(title, body)
        response = self.client.get(
            reverse("wagtailadmin_explore", args=[self.section.pk])
        )
        self.assertContains(response, "ASTRA guide")

    def test_partner_scope(self):
        self.assertEqual(partner_scope(self.editor_a), {self.astra.pk})
        self.assertIsNone(partner_scope(self.reviewer))
        self.assertEqual(partner_scope(user_with_role("practitioner")), frozenset())
