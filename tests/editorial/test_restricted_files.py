"""Files of restricted documents reach signed-in readers only, through Django."""

from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents import get_document_model

from editorial.restricted_documents import is_restricted
from tests.factories import (
    PartnerFactory,
    PracticeGuidePageFactory,
    UploadedDocumentFactory,
    user_with_role,
)
from tests.safeguarding.files import make_pdf

# A real PDF: the safeguarding gate reads every file a page publishes.
CONTENT = make_pdf("Fictional case conference minutes")


def pdf(name):
    return ContentFile(CONTENT, name=name)


class RestrictedFileTests(TestCase):
    # Files are written in setUp, into each test's own media folder.
    def setUp(self):
        self.astra = PartnerFactory(slug="astra", name="ASTRA")
        self.practitioner = user_with_role("practitioner")
        self.public_file = UploadedDocumentFactory(
            title="Leaflet", file=pdf("leaflet.pdf"), collection=self.astra.collection
        )
        self.attached = UploadedDocumentFactory(
            title="Minutes", file=pdf("minutes.pdf"), collection=self.astra.collection
        )
        self.page = PracticeGuidePageFactory(
            title="Case conferences",
            partner=self.astra,
            restricted=True,
            body=[
                ("document", {"document": self.attached, "title": "Minutes"}),
            ],
        )
        self.page.save_revision(clean=False).publish()

    def test_files_of_a_restricted_page_move_to_a_restricted_collection(self):
        self.attached.refresh_from_db()
        self.assertTrue(is_restricted(self.attached.collection))
        # Still the partner's, so its editors keep working on it.
        self.assertEqual(self.attached.collection.get_parent(), self.astra.collection)
        self.public_file.refresh_from_db()
        self.assertFalse(is_restricted(self.public_file.collection))

    def test_anonymous_readers_are_sent_to_sign_in_and_back(self):
        self.attached.refresh_from_db()
        url = self.attached.url
        self.assertTrue(url.startswith("/documents/"))
        response = self.client.get(url)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/en/accounts/login/?next="))
        self.assertNotIn(CONTENT, response.content)

        response = self.client.post(
            "/en/accounts/login/",
            {
                "username": self.practitioner.username,
                "password": "unused",
                "next": url,
            },
        )
        self.assertEqual(response.status_code, 200)  # a wrong password: the form again
        self.practitioner.set_password("a practitioner's passphrase")
        self.practitioner.save()
        response = self.client.post(
            "/en/accounts/login/",
            {
                "username": self.practitioner.username,
                "password": "a practitioner's passphrase",
                "next": url,
            },
        )
        self.assertRedirects(response, url, fetch_redirect_response=False)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), CONTENT)

    def test_a_file_uploaded_into_a_restricted_collection_is_restricted(self):
        self.attached.refresh_from_db()
        restricted = self.attached.collection
        upload = get_document_model().objects.create(
            title="Referral form", file=pdf("referral.pdf"), collection=restricted
        )
        self.assertEqual(self.client.get(upload.url).status_code, 302)
        self.client.force_login(self.practitioner)
        self.assertEqual(self.client.get(upload.url).status_code, 200)

    def test_public_files_are_served_to_everyone(self):
        response = self.client.get(self.public_file.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), CONTENT)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_a_wrong_file_name_is_not_found(self):
        url = self.attached.url.replace("minutes", "other")
        self.assertEqual(self.client.get(url).status_code, 404)
