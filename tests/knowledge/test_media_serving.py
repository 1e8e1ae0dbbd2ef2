"""The development server (``make run``, DEBUG on) serves images from /media/, and
never a document's file: documents leave only through /documents/, which checks who
may read them (the trust issue's finding 8)."""

import importlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from django.urls import clear_url_caches

from editorial.roles import restricted_collection
from tests.factories import (
    ImageFactory,
    PartnerFactory,
    UploadedDocumentFactory,
    user_with_role,
)

CONTENT = b"%PDF-1.4 fictional referral form"


def reload_urlconf():
    """Build the URLs again: knowledge.urls adds /media/ only when DEBUG is on."""
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))


class DevelopmentMediaTests(TestCase):
    def setUp(self):
        # Cleanups run last first: DEBUG goes off, then the URLs are built again.
        debug = override_settings(DEBUG=True)
        debug.enable()
        self.addCleanup(reload_urlconf)
        self.addCleanup(debug.disable)
        reload_urlconf()

        astra = PartnerFactory(slug="astra", name="ASTRA")
        self.public_file = UploadedDocumentFactory(
            file=ContentFile(CONTENT, name="leaflet.pdf"), collection=astra.collection
        )
        self.restricted_file = UploadedDocumentFactory(
            file=ContentFile(CONTENT, name="referral.pdf"),
            collection=restricted_collection(astra.collection),
        )
        self.image = ImageFactory(collection=astra.collection)
        self.users = {
            "anonymous": None,
            "practitioner": user_with_role("practitioner"),
            "editor": user_with_role("editor", partner=astra),
            "admin": user_with_role("admin"),
        }

    def media_url(self, name):
        return settings.MEDIA_URL + name

    def sign_in(self, role):
        self.client.logout()
        if self.users[role] is not None:
            self.client.force_login(self.users[role])

    def assertNotServed(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 404, url)
        self.assertNotIn(CONTENT, b"".join(getattr(response, "streaming_content", [])))

    def test_files_of_documents_are_never_served_from_media(self):
        names = [self.public_file.file.name, self.restricted_file.file.name]
        self.assertTrue(all(name.startswith("documents/") for name in names))
        for role in self.users:
            self.sign_in(role)
            for name in names:
                with self.subTest(role=role, name=name):
                    self.assertNotServed(self.media_url(name))
                    # Nor through an image folder, however the path is spelt.
                    self.assertNotServed(self.media_url(f"images/../{name}"))
                    self.assertNotServed(self.media_url(f"images/..%2F{name}"))
                    self.assertNotServed(
                        self.media_url(f"original_images/../../media/{name}")
                    )

    def test_documents_are_served_by_the_view_that_checks_access(self):
        response = self.client.get(self.public_file.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), CONTENT)
        response = self.client.get(self.restricted_file.url)
        self.assertEqual(response.status_code, 302)

    def test_images_and_renditions_are_served(self):
        rendition = self.image.get_rendition("fill-20x10")
        names = [self.image.file.name, rendition.file.name]
        self.assertEqual(
            [name.split("/")[0] for name in names], ["original_images", "images"]
        )
        for role in self.users:
            self.sign_in(role)
            for name in names:
                with self.subTest(role=role, name=name):
                    response = self.client.get(self.media_url(name))
                    self.assertEqual(response.status_code, 200, name)
                    self.assertTrue(response["Content-Type"].startswith("image/"))

    def test_without_debug_nothing_is_served_from_media(self):
        with override_settings(DEBUG=False):
            reload_urlconf()
            self.assertNotServed(self.media_url(self.image.file.name))
        reload_urlconf()
