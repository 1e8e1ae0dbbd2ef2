"""A translation a reader may not open is never named on its original's page:
not in the hreflang links, the language switcher nor "Also available in"."""

from django.contrib.auth.models import Group
from django.test import Client, TestCase, override_settings
from wagtail.models import Locale, PageViewRestriction

from knowledge.languages import url_in_own_language
from tests.factories import PracticeGuidePageFactory, UserFactory

LANGUAGES = {"en": "en", "sr-latn": "sr-Latn", "sr": "sr-Cyrl", "sl": "sl"}


def translate(document, language_code, *, title, slug=None, live=True):
    """What "Translate" in the admin does, with the translator's title and slug."""
    copy = document.copy_for_translation(
        Locale.objects.get(language_code=language_code), copy_parents=True
    )
    copy.title = title
    copy.slug = slug or copy.slug
    copy.language = {"sr-latn": "sr-Latn", "sr": "sr-Cyrl"}.get(
        language_code, language_code
    )
    revision = copy.save_revision()
    if live:
        revision.publish()
        copy.refresh_from_db()
    return copy


def restrict(page):
    page.restricted = True
    page.save()
    page.refresh_from_db()
    return page


def alternate(code, path):
    return (
        f'<link rel="alternate" hreflang="{LANGUAGES[code]}" '
        f'href="http://testserver/{code}{path}">'
    )


class TranslationVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.original = PracticeGuidePageFactory(
            title="Foster care for trafficked children", slug="foster-care-guide"
        )
        # At the original's own path in its locale, as translations usually are.
        cls.same_path = restrict(
            translate(cls.original, "sl", title="Zaupni vodnik o rejništvu")
        )
        # At an address of its own.
        cls.own_slug = restrict(
            translate(
                cls.original,
                "sr-latn",
                title="Poverljivi vodič o hraniteljstvu",
                slug="poverljivi-vodic",
            )
        )
        cls.draft = translate(
            cls.original,
            "sr",
            title="Нацрт водича о хранитељству",
            slug="nacrt-vodica",
            live=False,
        )
        cls.member = UserFactory()

    def names(self, response, translation) -> list[str]:
        """What of ``translation`` shows on the page: its title or address (a
        draft has the address it will be published at only in its revision)."""
        content = response.content.decode()
        shown = [translation.title]
        if translation.live:
            shown.append(url_in_own_language(translation))
        return [text for text in shown if text in content]

    def switcher(self, response) -> dict:
        return {v.code: v.url for v in response.context["language_versions"]}

    def test_anonymous_readers_are_not_shown_hidden_translations(self):
        response = self.client.get("/en/practices/foster-care-guide/")
        self.assertEqual(response.status_code, 200)
        for translation in (self.same_path, self.own_slug, self.draft):
            with self.subTest(translation=translation.title):
                self.assertEqual(self.names(response, translation), [])
        self.assertNotContains(response, "poverljivi-vodic")
        self.assertNotContains(response, "nacrt-vodica")
        self.assertNotContains(response, 'class="also-available"')
        self.assertNotContains(response, 'hreflang="sl" href')
        self.assertNotContains(response, 'hreflang="sr-Latn" href')
        self.assertContains(
            response, alternate("sr", "/practices/foster-care-guide/"), html=True
        )

    def test_the_switcher_opens_the_home_page_for_a_hidden_translation(self):
        switcher = self.switcher(self.client.get("/en/practices/foster-care-guide/"))
        self.assertEqual(switcher["sl"], "/sl/")
        self.assertEqual(switcher["sr-latn"], "/sr-latn/")
        # The draft is not live: the original is served under its prefix.
        self.assertEqual(switcher["sr"], "/sr/practices/foster-care-guide/")
        followed = self.client.get(switcher["sr"])
        self.assertEqual(followed.context["page"].pk, self.original.pk)
        self.assertEqual(self.client.get(switcher["sl"]).status_code, 200)

    def test_members_are_offered_the_translations_they_may_open(self):
        self.client.force_login(self.member)
        response = self.client.get("/en/practices/foster-care-guide/")
        switcher = self.switcher(response)
        self.assertEqual(switcher["sl"], "/sl/practices/foster-care-guide/")
        self.assertEqual(switcher["sr-latn"], "/sr-latn/practices/poverljivi-vodic/")
        self.assertContains(
            response, alternate("sl", "/practices/foster-care-guide/"), html=True
        )
        self.assertContains(
            response, alternate("sr-latn", "/practices/poverljivi-vodic/"), html=True
        )
        self.assertContains(response, 'class="also-available"')
        self.assertEqual(self.names(response, self.draft), [])
        self.assertNotContains(response, "nacrt-vodica")

    def test_a_restricted_original_is_not_named_on_its_public_translation(self):
        original = PracticeGuidePageFactory(
            title="Referral protocol", slug="referral-protocol"
        )
        translation = translate(original, "sl", title="Napotitveni protokol")
        restrict(original)
        response = self.client.get("/sl/practices/referral-protocol/")
        self.assertEqual(response.context["page"].pk, translation.pk)
        self.assertNotContains(response, "/en/practices/referral-protocol/")
        self.assertNotContains(response, 'hreflang="x-default"')
        self.assertNotContains(response, 'class="also-available"')
        self.assertEqual(self.switcher(response)["en"], "/en/")

    def test_a_group_restricted_translation_is_shown_to_its_group_only(self):
        """Fails until visible_documents honours group restrictions."""
        original = PracticeGuidePageFactory(
            title="Interviewing children", slug="interviewing-children"
        )
        translation = translate(original, "sl", title="Skupinski vodnik")
        group = Group.objects.create(name="Case workers")
        restriction = PageViewRestriction.objects.create(
            page=translation, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
        outsider, insider = UserFactory(), UserFactory()
        insider.groups.add(group)
        for reader in (None, outsider):
            with self.subTest(reader=reader):
                client = Client()
                if reader is not None:
                    client.force_login(reader)
                response = client.get("/en/practices/interviewing-children/")
                self.assertEqual(self.names(response, translation), [])
                self.assertNotContains(response, 'hreflang="sl" href')
        self.client.force_login(insider)
        response = self.client.get("/en/practices/interviewing-children/")
        self.assertEqual(
            self.switcher(response)["sl"], "/sl/practices/interviewing-children/"
        )

    @override_settings(PAGE_CACHE_SECONDS=300)
    def test_a_members_page_is_never_served_to_an_anonymous_reader(self):
        member = Client()
        member.force_login(self.member)
        response = member.get("/en/practices/foster-care-guide/")
        self.assertNotEqual(self.names(response, self.same_path), [])
        for attempt in ("miss", "hit"):
            with self.subTest(attempt=attempt):
                response = self.client.get("/en/practices/foster-care-guide/")
                self.assertEqual(response["X-Cache"], attempt)
                self.assertEqual(self.names(response, self.same_path), [])
        response = member.get("/en/practices/foster-care-guide/")
        self.assertNotEqual(self.names(response, self.same_path), [])
