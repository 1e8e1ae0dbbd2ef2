"""Editor A never reads organisation B's draft in the admin: not by id, not in a list,
not in a count (the trust issue's finding 4).

B has an unpublished document with two revisions, locked and in review. Every admin
view that takes a page id is asked for it, and every page listing, chooser and report
is read, as editor A; none may show its title, slug or summary. Reviewers and
administrators are not bound by the partner rule and still see it.
``test_every_admin_url_with_parameters_is_checked`` keeps the list complete.
"""

import json

from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.models import Page

from editorial.workflow import review_task
from practices.models import PracticeIndexPage
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    TopicFactory,
    user_with_role,
)

SECRET = "Kljuc unfinished exit strategy"
SECRET_V1 = "Kljuc first outline"
SECRET_SLUG = "kljuc-exit-strategy-draft"
SECRET_SUMMARY = "Kljuc shelter relocation plan"
SECRETS = (SECRET, SECRET_V1, SECRET_SLUG, SECRET_SUMMARY)

# Parameters that name a page in the admin's URLs.
PAGE_PARAMETERS = {
    "page_id",
    "parent_page_id",
    "page_to_move_id",
    "destination_id",
    "page_pk",
}

# Admin URLs with parameters that name no page, by namespace or URL name, and why
# none of them shows a page's fields. Anything else with parameters must be in
# PartnerDraftLeakTests.doors().
NOT_ABOUT_PAGES = {
    # Files and images: their own partner rule, tests/knowledge/test_permissions.py.
    "wagtailadmin_api:documents": "a file",
    "wagtailadmin_api:images": "an image",
    "wagtaildocs": "a file",
    "wagtaildocs_chooser": "a file",
    "wagtailimages": "an image",
    "wagtailimages_chooser": "an image",
    # Snippets (partners, topics, standards): their usage views list the pages
    # that use them, marked "(Private page)" where the policy says no; read in
    # test_editor_a_reads_no_draft_of_b_in_any_listing.
    "wagtailsnippets_": "a snippet",
    "wagtailsnippetchoosers_": "a snippet",
    "simple_translation:submit_snippet_translation": "a snippet",
    "wagtailsettings": "a site setting",
    # Administrators' tools: a partner editor has none of their permissions.
    "wagtailadmin_collections": "a collection",
    "wagtailadmin_workflows": "a workflow or task",
    "wagtailusers_users": "a user",
    "wagtailusers_groups": "a group",
    "wagtailsites": "a site (its root page is the home page)",
    "wagtaillocales": "a language",
    "wagtailredirects": "a redirect",
    "wagtailsearchpromotions": "a search query",
    # Editing sessions of one's own: the ping's page is in doors().
    "wagtailadmin_editing_sessions:release": "an editing session",
    "wagtailadmin_tag_model_autocomplete": "a tag model",
    "wagtailadmin_password_reset_confirm": "a password reset token",
}


def admin_routes():
    """(route, namespaced name, parameter names) of every admin URL with parameters."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                child = namespace
                if pattern.namespace:
                    child = f"{namespace}{pattern.namespace}:"
                yield from walk(
                    pattern.url_patterns, prefix + str(pattern.pattern), child
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                params = set(pattern.pattern.regex.groupindex)
                if route.startswith("admin/") and params:
                    yield route, namespace + pattern.name, params

    return list(walk(get_resolver().url_patterns, "", ""))


def not_about_pages(name):
    """In NOT_ABOUT_PAGES: by name, namespace, or prefix (the keys ending in _)."""
    namespace = name.rpartition(":")[0]
    return name in NOT_ABOUT_PAGES or any(
        (key.endswith("_") and name.startswith(key)) or key == namespace
        for key in NOT_ABOUT_PAGES
    )


class PartnerDraftLeakTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(slug="astra", name="ASTRA")
        cls.kljuc = PartnerFactory(slug="kljuc", name="Drustvo Kljuc", country="SI")
        cls.editor_a = user_with_role("editor", partner=cls.astra)
        cls.editor_b = user_with_role("editor", partner=cls.kljuc)
        cls.reviewer = user_with_role("reviewer")
        cls.admin = user_with_role("admin")
        cls.topic = TopicFactory(name="Exit strategies")
        cls.own = PracticeGuidePageFactory(
            title="ASTRA own draft", partner=cls.astra, live=False
        )
        cls.draft = PracticeGuidePageFactory(
            title=SECRET_V1,
            slug=SECRET_SLUG,
            summary=SECRET_SUMMARY,
            partner=cls.kljuc,
            live=False,
            topics=[cls.topic],
        )
        cls.draft.title = SECRET
        cls.draft.save_revision(user=cls.editor_b, log_action=True, clean=False)
        cls.workflow_state = cls.draft.get_workflow().start(cls.draft, cls.editor_b)
        Page.objects.filter(pk=cls.draft.pk).update(
            locked=True, locked_by=cls.editor_b, locked_at=timezone.now()
        )
        cls.section = PracticeIndexPage.objects.get(locale__language_code="en")

    def door_values(self):
        page = self.draft
        task_state = self.workflow_state.current_task_state
        return {
            "page_id": page.pk,
            "parent_page_id": page.pk,
            "page_to_move_id": page.pk,
            "page_pk": page.pk,
            "pk": page.pk,
            "object_id": page.pk,
            "destination_id": self.section.pk,
            "revision_id": self.draft.latest_revision_id,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "task_state_id": task_state.pk,
            "task_id": review_task().pk,
            "workflow_state_id": self.workflow_state.pk,
            "workflow_pk": self.draft.get_workflow().pk,
            "action_name": "approve",
            "action": "publish",
            "content_type_app_name": "practices",
            "content_type_model_name": "practiceguidepage",
            "app_label": "wagtailcore",
            "model_name": "page",
            "session_id": 1,
        }

    def doors(self):
        """(URL name, URL) of every admin view that names B's draft by id, and of
        every admin view about page types (which list and count pages)."""
        values = self.door_values()
        doors = []
        for _route, name, params in admin_routes():
            about_pages = params & PAGE_PARAMETERS or not not_about_pages(name)
            if not about_pages or not params <= values.keys():
                continue
            kwargs = {param: values[param] for param in params}
            url = reverse(name, kwargs=kwargs)
            if name == "wagtail_bulk_action":
                # Bulk actions take their pages from the query string.
                url += f"?id={self.draft.pk}"
            doors.append((name, url))
            if name == "wagtailadmin_pages:move_confirm":
                # Editor A's own draft moved under B's: the destination is B's.
                kwargs.update(page_to_move_id=self.own.pk, destination_id=self.draft.pk)
                doors.append((name, reverse(name, kwargs=kwargs)))
            if name == "wagtailadmin_api:pages:action":
                kwargs["action_name"] = "copy"
                doors.append((name, reverse(name, kwargs=kwargs)))
        return doors

    def listings(self):
        """Admin views that list, choose, count or report pages without a page id
        in the path (some take one in the query string)."""
        pk, section = self.draft.pk, self.section.pk
        api = reverse("wagtailadmin_api:pages:listing")
        return [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore_root"),
            reverse("wagtailadmin_explore", args=[section]),
            reverse("wagtailadmin_explore", args=[section]) + "?q=Kljuc",
            reverse("wagtailadmin_explore_results", args=[section]) + "?q=Kljuc",
            reverse("wagtailadmin_pages:search") + "?q=Kljuc",
            reverse("wagtailadmin_pages:search_results") + "?q=Kljuc",
            reverse("wagtailadmin_pages:search_results") + "?q=kljuc-exit",
            reverse("wagtailadmin_choose_page"),
            reverse("wagtailadmin_choose_page")
            + "?page_type=practices.practiceguidepage",
            reverse("wagtailadmin_choose_page_child", args=[section]) + "?multiple=1",
            reverse("wagtailadmin_choose_page_child", args=[section])
            + f"?target_pages[]={pk}",
            reverse("wagtailadmin_choose_page_search") + "?q=Kljuc",
            reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={pk}",
            reverse("wagtailadmin_choose_page_chosen_multiple")
            + f"?id={pk}&id={self.own.pk}",
            api + f"?child_of={section}",
            api + f"?child_of={pk}",
            api + f"?descendant_of={section}",
            api + "?search=Kljuc",
            api + "?type=practices.PracticeGuidePage&fields=title,slug,summary",
            api + f"find/?id={pk}",
            reverse("wagtailadmin_reports:page_types_usage"),
            reverse("wagtailadmin_reports:page_types_usage_results"),
            reverse("wagtailadmin_reports:locked_pages"),
            reverse("wagtailadmin_reports:locked_pages_results"),
            reverse("wagtailadmin_reports:aging_pages"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:site_history_results"),
            reverse("wagtailadmin_reports:workflow"),
            reverse("wagtailadmin_reports:workflow_tasks"),
            reverse("editorial_due_for_review"),
            reverse("wagtailsnippets_knowledge_partner:usage", args=[self.kljuc.pk]),
            reverse("wagtailsnippets_knowledge_topic:usage", args=[self.topic.pk]),
        ]

    def assertNoSecret(self, response, url):
        body = response.content.decode(errors="replace")
        for secret in SECRETS:
            self.assertFalse(secret in body, f"{url} shows {secret!r}")

    def test_every_admin_url_with_parameters_is_checked(self):
        checked = {name for name, _url in self.doors()}
        for route, name, params in admin_routes():
            with self.subTest(route=route, name=name):
                if params & PAGE_PARAMETERS:
                    self.assertIn(name, checked, "takes a page id: add it to doors()")
                else:
                    self.assertTrue(
                        name in checked or not_about_pages(name),
                        "new admin URL: add it to doors() or to NOT_ABOUT_PAGES",
                    )
        # The views of the finding are among them.
        for name in ("wagtailadmin_pages:type_use", "wagtailadmin_pages:usage",
                     "wagtailadmin_pages:history", "wagtailadmin_pages:revisions_view",
                     "wagtailadmin_pages:revisions_compare", "wagtailadmin_explore",
                     "wagtailadmin_pages:preview_on_edit", "wagtailadmin_api:pages:detail",
                     "wagtailadmin_choose_page_child"):  # fmt: skip
            self.assertIn(name, checked)

    def test_editor_a_reads_no_draft_of_b_by_its_id(self):
        self.client.force_login(self.editor_a)
        for name, url in self.doors():
            with self.subTest(name=name, url=url, method="GET"):
                self.assertNoSecret(self.client.get(url, follow=True), url)
            with self.subTest(name=name, url=url, method="POST"):
                response = self.client.post(url, {"title": "Taken over"}, follow=True)
                self.assertNoSecret(response, url)
        self.draft.refresh_from_db()
        self.assertEqual(self.draft.draft_title, SECRET)
        self.assertTrue(self.draft.locked)
        self.assertTrue(Page.objects.filter(pk=self.draft.pk).exists())

    def test_editor_a_cannot_choose_a_draft_of_b_in_a_form(self):
        """Wagtail's copy, move and "choose a parent" forms name the chosen page in
        their errors."""
        own, draft = self.own.pk, self.draft.pk
        choose_parent = "wagtailadmin_pages:choose_parent"
        forms = [
            (
                reverse("wagtailadmin_pages:copy", args=[own]),
                {"new_title": "Copy", "new_slug": "copy", "new_parent_page": draft},
            ),
            (
                reverse("wagtailadmin_pages:move", args=[own]),
                {"new_parent_page": draft},
            ),
            (
                reverse(choose_parent, args=["practices", "practiceguidepage"]),
                {"parent_page": draft},
            ),
            (
                reverse(choose_parent, args=["wagtailcore", "page"]),
                {"parent_page": draft},
            ),
        ]
        self.client.force_login(self.editor_a)
        for url, data in forms:
            with self.subTest(url=url):
                response = self.client.post(url, data, follow=True)
                self.assertEqual(response.status_code, 403)
                self.assertNoSecret(response, url)
        self.assertEqual(Page.objects.filter(slug="copy").count(), 0)
        self.own.refresh_from_db()
        self.assertEqual(self.own.get_parent().pk, self.section.pk)

    def test_editor_a_reads_no_draft_of_b_in_any_listing(self):
        self.client.force_login(self.editor_a)
        for url in self.listings():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertIn(response.status_code, (200, 302, 400, 403, 404), url)
                self.assertNoSecret(response, url)

    def test_chosen_pages_are_the_ones_the_chooser_lists(self):
        url = reverse("wagtailadmin_choose_page_chosen_multiple")
        self.client.force_login(self.editor_a)
        response = self.client.get(f"{url}?id={self.draft.pk}&id={self.own.pk}&id=x")
        chosen = json.loads(response.content)["result"]
        self.assertEqual([page["id"] for page in chosen], [self.own.pk])
        # Another partner's public document may still be linked to.
        public = PracticeGuidePageFactory(
            title="Kljuc public guide", partner=self.kljuc
        )
        response = self.client.get(f"{url}?id={public.pk}")
        self.assertEqual(json.loads(response.content)["result"][0]["id"], public.pk)

    def test_page_types_report_counts_only_explorable_pages(self):
        url = reverse("wagtailadmin_reports:page_types_usage")
        for user, count in ((self.editor_a, 1), (self.admin, 2)):
            self.client.force_login(user)
            response = self.client.get(url)
            row = next(
                item
                for item in response.context["object_list"]
                if item.model == "practiceguidepage"
            )
            self.assertEqual(row.count, count, user)

    def test_reviewers_and_administrators_still_see_the_draft(self):
        pk = self.draft.pk
        urls = [
            reverse("wagtailadmin_pages:edit", args=[pk]),
            reverse("wagtailadmin_pages:history", args=[pk]),
            reverse("wagtailadmin_pages:view_draft", args=[pk]),
            reverse(
                "wagtailadmin_pages:revisions_compare", args=[pk, "earliest", "latest"]
            ),
            reverse(
                "wagtailadmin_pages:type_use", args=["practices", "practiceguidepage"]
            ),
            reverse("wagtailadmin_explore", args=[self.section.pk]),
            reverse("wagtailadmin_choose_page_child", args=[self.section.pk]),
            reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={pk}",
            reverse("wagtailadmin_api:pages:detail", args=[pk]),
            reverse("wagtailadmin_reports:page_types_usage"),
            reverse("wagtailadmin_reports:locked_pages"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:workflow"),
        ]
        for user in (self.reviewer, self.admin):
            self.client.force_login(user)
            for url in urls:
                with self.subTest(user=user.username, url=url):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200, url)
                    self.assertTrue(SECRET in response.content.decode(), url)
