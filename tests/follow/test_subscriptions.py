"""The subscriptions contract: follow, list, change, remove, unsubscribe by a
signed link, the buttons on the pages, and a saved search's feed."""

import datetime
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from follow.links import unsubscribe_token
from follow.models import Subscription
from knowledge.forms import DocumentFilterForm
from knowledge.models import Topic
from tests.factories import PartnerFactory, PracticeGuidePageFactory, UserFactory

URL = "/en/accounts/subscriptions/"


class SubscriptionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.topic = Topic.objects.create(name="Kinship care", slug="kinship")
        cls.partner = PartnerFactory(slug="astra", name="ASTRA")
        cls.reader = UserFactory(email="reader@example.org")
        cls.other = UserFactory(email="other@example.org")
        cls.guide = PracticeGuidePageFactory(
            title="Kinship placement guide", partner=cls.partner, topics=[cls.topic]
        )

    def setUp(self):
        self.client.force_login(self.reader)

    def post(self, **data):
        return self.client.post(URL, {"frequency": "daily", **data})

    def test_follow_each_kind(self):
        for kind, target, stored in (
            ("topic", "kinship", "kinship"),
            ("partner", "astra", "astra"),
            ("article", "cets-197:10", "cets-197:10"),
            ("article", "CETS-197:5", "cets-197:5"),
            ("search", "language=sr-latn&q=Kinship", "q=Kinship&language=sr-Latn"),
            ("search", "?q=kinship+care", "q=kinship+care"),
        ):
            with self.subTest(kind=kind, target=target):
                response = self.post(kind=kind, target=target)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(
                    Subscription.objects.filter(
                        user=self.reader, kind=kind, target=stored, frequency="daily"
                    ).exists()
                )

    def test_bad_targets_are_form_errors(self):
        for kind, target in (
            ("topic", "no-such-topic"),
            ("partner", ""),
            ("article", "cets-197:999"),
            ("article", "nonsense"),
            ("search", "q="),
            ("search", "q=x&type=nonsense"),
            ("search", "x" * 5000),
            ("planet", "mars"),
        ):
            with self.subTest(kind=kind, target=target):
                response = self.post(kind=kind, target=target)
                self.assertEqual(response.status_code, 400)
                self.assertContains(
                    response, 'class="field-error" role="alert"', status_code=400
                )
        response = self.post(kind="topic", target="kinship", frequency="hourly")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Subscription.objects.exists())

    def test_a_long_cyrillic_search_is_saved(self):
        words = " ".join(["заштита"] * 40)
        response = self.post(kind="search", target=f"q={words}&language=sr-Cyrl")
        self.assertEqual(response.status_code, 302)
        [saved] = Subscription.objects.all()
        self.assertTrue(saved.target.startswith("q=%D0%B7"))

    def test_the_same_subscription_twice_is_one(self):
        self.post(kind="topic", target="kinship")
        self.post(kind="topic", target="kinship", frequency="weekly")
        self.post(kind="search", target="q=kinship&language=sr-Latn")
        self.post(kind="search", target="language=sr-latn&q=kinship")
        self.assertEqual(Subscription.objects.count(), 2)
        self.assertEqual(Subscription.objects.get(kind="topic").frequency, "weekly")

    def test_list_change_and_remove(self):
        self.post(kind="topic", target="kinship")
        subscription = Subscription.objects.get()
        response = self.client.get(URL)
        self.assertContains(response, "Kinship care")
        self.assertIn("no-store", response["Cache-Control"])
        self.client.post(
            reverse("follow_change", args=[subscription.pk]),
            {f"{subscription.pk}-frequency": "immediate"},
        )
        subscription.refresh_from_db()
        self.assertEqual(subscription.frequency, "immediate")
        self.client.post(reverse("follow_remove", args=[subscription.pk]))
        self.assertFalse(Subscription.objects.exists())

    def test_nobody_touches_anothers_subscriptions(self):
        theirs = Subscription.objects.create(
            user=self.other, kind="topic", target="kinship"
        )
        response = self.client.get(URL)
        self.assertNotContains(response, "Kinship care")
        for url in (
            reverse("follow_change", args=[theirs.pk]),
            reverse("follow_remove", args=[theirs.pk]),
        ):
            self.assertEqual(
                self.client.post(url, {f"{theirs.pk}-frequency": "daily"}).status_code,
                404,
            )
        self.assertTrue(Subscription.objects.filter(pk=theirs.pk).exists())

    def test_anonymous_readers_are_asked_to_sign_in(self):
        self.client.logout()
        response = self.client.post(URL, {"kind": "topic", "target": "kinship"})
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        self.assertFalse(Subscription.objects.exists())

    def test_next_stays_on_the_site(self):
        response = self.post(
            kind="topic", target="kinship", next="https://evil.example/"
        )
        self.assertEqual(response["Location"], URL)
        response = self.post(kind="topic", target="kinship", next="/en/topics/kinship/")
        self.assertEqual(response["Location"], "/en/topics/kinship/")

    def test_unsubscribe_link_without_signing_in(self):
        subscription = Subscription.objects.create(
            user=self.reader, kind="topic", target="kinship"
        )
        self.client.logout()
        url = reverse("follow_unsubscribe", args=[unsubscribe_token([subscription.pk])])
        response = self.client.get(url)
        self.assertContains(response, "Kinship care")
        self.assertTrue(Subscription.objects.filter(pk=subscription.pk).exists())
        self.client.post(url, {"List-Unsubscribe": "One-Click"})
        self.assertFalse(Subscription.objects.filter(pk=subscription.pk).exists())
        self.assertEqual(self.client.post(url).status_code, 200)

    def test_forged_unsubscribe_links_do_nothing(self):
        subscription = Subscription.objects.create(
            user=self.reader, kind="topic", target="kinship"
        )
        token = unsubscribe_token([subscription.pk])
        for forged in (token[:-2] + "xx", "1", "abc:def"):
            url = reverse("follow_unsubscribe", args=[forged])
            self.assertEqual(self.client.post(url).status_code, 400)
        self.assertTrue(Subscription.objects.filter(pk=subscription.pk).exists())

    def test_buttons_on_the_pages(self):
        for url in (
            "/en/topics/kinship/",
            "/en/partners/astra/",
            "/en/standards/cets-197/10/",
        ):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), ">Follow</button>")
        response = self.client.get("/en/search/?q=kinship")
        self.assertContains(response, "Save this search")
        self.assertContains(response, 'href="/en/search/feed/?q=kinship"', count=2)
        self.post(kind="topic", target="kinship")
        self.assertContains(self.client.get("/en/topics/kinship/"), "You follow this.")
        self.client.logout()
        self.assertContains(self.client.get("/en/topics/kinship/"), "Sign in to follow")

    def test_the_search_page_builds_its_filters_once(self):
        """Building the filters costs queries: the button to save the search
        reads the page's own."""
        built = []
        build = DocumentFilterForm.__init__

        def counting(form, *args, like=None, **kwargs):
            if like is None:
                built.append(form)
            build(form, *args, like=like, **kwargs)

        with mock.patch.object(DocumentFilterForm, "__init__", counting):
            response = self.client.get("/en/search/?q=kinship&topic=kinship")
        self.assertContains(response, "Save this search")
        self.assertEqual(len(built), 1)


class SavedSearchFeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        published = timezone.now() - datetime.timedelta(days=1)
        cls.both = PracticeGuidePageFactory(
            title="Kinship placement guide", first_published_at=published
        )
        cls.one = PracticeGuidePageFactory(
            title="Kinship only guide", first_published_at=published
        )
        cls.closed = PracticeGuidePageFactory(
            title="Kinship placement for members", first_published_at=published
        )
        PageViewRestriction.objects.create(page=cls.closed, restriction_type="login")

    def test_feed_of_a_saved_search(self):
        self.client.force_login(UserFactory())
        response = self.client.get("/en/search/feed/?q=kinship+placement")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/atom+xml"))
        text = response.content.decode()
        self.assertIn("Kinship placement guide", text)
        self.assertNotIn("Kinship only guide", text)
        self.assertNotIn("for members", text)

    def test_bad_search_is_a_clear_answer(self):
        for query in ("", "?type=nonsense&q=x"):
            response = self.client.get("/en/search/feed/" + query)
            self.assertEqual(response.status_code, 400)


class HiddenTopicTests(TestCase):
    """A topic whose documents a reader may not open is unknown to them, as on
    its page: following it says so, and tells nothing of the topic."""

    @classmethod
    def setUpTestData(cls):
        cls.topic = Topic.objects.create(name="Closed casework", slug="closed")
        guide = PracticeGuidePageFactory(title="Closed guide", topics=[cls.topic])
        PageViewRestriction.objects.create(page=guide, restriction_type="password")

    def test_following_a_topic_one_may_not_see(self):
        self.client.force_login(UserFactory())
        response = self.client.post(
            URL, {"kind": "topic", "target": "closed", "frequency": "daily"}
        )
        self.assertContains(response, "There is no such topic.", status_code=400)
        self.assertFalse(Subscription.objects.exists())
