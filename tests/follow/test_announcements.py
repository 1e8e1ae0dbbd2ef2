"""*Notify followers*: a choice at publishing, off by default."""

from django.test import TestCase
from django.urls import reverse

from follow.models import Announcement
from tests.factories import PracticeGuidePageFactory, user_with_role


class AnnouncementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.reviewer = user_with_role("reviewer")

    def publish(self, page, *, notify):
        # As the admin does: the page as it is now, not as it was created.
        page = type(page).objects.get(pk=page.pk)
        page.notify_followers = notify
        page.save_revision(user=self.reviewer).publish(user=self.reviewer)

    def test_only_a_republication_with_notify_ticked_is_announced(self):
        guide = PracticeGuidePageFactory(title="Kinship guide", live=False)
        self.publish(guide, notify=True)  # A first publication: told anyway.
        self.assertFalse(Announcement.objects.exists())
        self.publish(guide, notify=False)  # A typo fixed.
        self.assertFalse(Announcement.objects.exists())
        self.publish(guide, notify=True)
        self.assertEqual(Announcement.objects.get().page_id, guide.pk)

    def test_the_editor_offers_it_unticked_every_time(self):
        guide = PracticeGuidePageFactory(title="Kinship guide")
        self.publish(guide, notify=True)
        self.client.force_login(self.reviewer)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
        field = response.context["form"]["notify_followers"]
        self.assertFalse(field.value())
