"""Moving or copying a document out of a restricted section keeps it restricted."""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from practices.models import PracticeGuidePage, PracticeIndexPage
from tests.factories import PartnerFactory, PracticeGuidePageFactory, user_with_role

TITLE = "Fictional safe-house referral steps"


class MoveAndCopyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.section = PracticeIndexPage.objects.get(locale__language_code="en")
        cls.holder = cls.section.add_child(
            instance=Page(title="Closed practice", slug="closed")
        )
        cls.partner = PartnerFactory(slug="astra", name="ASTRA")
        cls.reviewer = user_with_role("reviewer")
        cls.admin = user_with_role("admin")

    def guide_in_holder(self, *, restrict_holder_first=True):
        """A guide restricted only because the section around it is."""
        if restrict_holder_first:
            PageViewRestriction.objects.create(
                page=self.holder, restriction_type=PageViewRestriction.LOGIN
            )
        guide = PracticeGuidePage(
            title=TITLE,
            slug="referral-steps",
            summary="Fictional.",
            partner=self.partner,
            country="RS",
            date="2011-05-01",
        )
        self.holder.add_child(instance=guide)
        guide.save_revision(clean=False).publish()
        if not restrict_holder_first:
            PageViewRestriction.objects.create(
                page=self.holder, restriction_type=PageViewRestriction.LOGIN
            )
        guide.refresh_from_db()
        self.assertTrue(guide.restricted)
        return guide

    def assertRestricted(self, page):
        page = PracticeGuidePage.objects.get(pk=page.pk)
        self.assertTrue(page.restricted)
        self.assertTrue(PageViewRestriction.objects.filter(page=page).exists())
        self.client.logout()
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        self.assertNotIn(TITLE, response.content.decode())

    def move(self, page, destination):
        self.client.force_login(self.admin)
        url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])
        response = self.client.post(url)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Page.objects.get(pk=page.pk).get_parent().pk, destination.pk)

    def copy(self, page, destination, user, slug="copied"):
        self.client.force_login(user)
        response = self.client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {
                "new_title": TITLE,
                "new_slug": slug,
                "new_parent_page": destination.pk,
                "publish_copies": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        copy = PracticeGuidePage.objects.get(slug=slug)
        self.assertEqual(copy.get_parent().pk, destination.pk)
        self.assertTrue(copy.live)
        return copy

    def test_moving_out_of_a_restricted_section(self):
        guide = self.guide_in_holder()
        self.move(guide, self.section)
        self.assertRestricted(guide)

    def test_moving_out_of_a_section_restricted_after_the_document(self):
        guide = self.guide_in_holder(restrict_holder_first=False)
        self.move(guide, self.section)
        self.assertRestricted(guide)

    def test_copying_out_of_a_restricted_section(self):
        guide = self.guide_in_holder()
        self.assertRestricted(self.copy(guide, self.section, self.admin))

    def test_copying_out_of_a_section_restricted_after_the_document(self):
        guide = self.guide_in_holder(restrict_holder_first=False)
        self.assertRestricted(self.copy(guide, self.section, self.admin))

    def test_copying_a_restricted_document(self):
        guide = PracticeGuidePageFactory(
            title=TITLE, partner=self.partner, restricted=True
        )
        copy = self.copy(guide, self.section, self.reviewer)
        self.assertRestricted(copy)
        self.assertEqual(PageViewRestriction.objects.filter(page=copy).count(), 1)
