"""Images are public (page privacy does not cover them): editors are told so."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import ImageFactory, PartnerFactory, user_with_role

NOTICE = 'class="images-are-public"'


class PublicImagesNoticeTests(TestCase):
    def test_every_image_upload_and_chooser_says_images_are_public(self):
        astra = PartnerFactory(slug="astra", name="ASTRA")
        editor = user_with_role("editor", partner=astra)
        image = ImageFactory(collection=astra.collection)
        self.client.force_login(editor)
        for url in (
            reverse("wagtailimages:add"),
            reverse("wagtailimages:add_multiple"),
            reverse("wagtailimages:edit", args=[image.pk]),
            reverse("wagtailimages_chooser:choose"),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                body = response.content.decode()
                if response["Content-Type"] == "application/json":
                    body = response.json()["html"]
                self.assertEqual(body.count(NOTICE), 1)
