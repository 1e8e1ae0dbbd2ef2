"""Upload rules through the real admin forms: type by content, size, GPS removed,
and a clear form error (with nothing saved) when the disk cannot take the file."""

import errno
import io
import os
import zipfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from serving.uploads import GPS_IFD
from tests.factories import UserFactory
from tests.safeguarding.files import make_docx, make_jpeg, make_pdf

Document = get_document_model()
Image = get_image_model()


def make_xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def make_odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


HTML = (
    b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
)


class UploadTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = UserFactory(is_superuser=True, is_staff=True)
        cls.collection = Collection.get_first_root_node()

    def setUp(self):
        self.client.force_login(self.admin)

    def add_document(self, name, content):
        return self.client.post(
            "/admin/documents/add/",
            {
                "title": "Upload",
                "collection": self.collection.pk,
                "file": SimpleUploadedFile(name, content),
            },
        )

    def add_image(self, name, content):
        return self.client.post(
            "/admin/images/add/",
            {
                "title": "Upload",
                "collection": self.collection.pk,
                "file": SimpleUploadedFile(name, content),
            },
        )

    def file_errors(self, response):
        self.assertEqual(response.status_code, 200)
        return list(response.context["form"].errors.get("file", []))


class DocumentTypeTests(UploadTestCase):
    def test_real_pdf_docx_xlsx_and_odt_files_are_accepted(self):
        for name, content in [
            ("brief.pdf", make_pdf("A brief")),
            ("guide.docx", make_docx("A guide")),
            ("figures.xlsx", make_xlsx()),
            ("notes.odt", make_odt()),
        ]:
            with self.subTest(name=name):
                response = self.add_document(name, content)
                self.assertEqual(response.status_code, 302)
                document = Document.objects.get(file__endswith=name)
                self.assertEqual(document.file.read(), content)
                self.assertEqual(document.file_size, len(content))

    def test_a_page_or_program_renamed_to_an_allowed_extension_is_refused(self):
        for name, content in [
            ("brief.pdf", HTML),
            ("guide.docx", b"MZ\x90\x00 not a document"),
            ("guide.docx", self.zip_without_word_parts()),
            ("notes.odt", b"PK\x03\x04 broken archive"),
        ]:
            with self.subTest(name=name):
                errors = self.file_errors(self.add_document(name, content))
                self.assertIn("whatever its name says", " ".join(errors))
        self.assertFalse(Document.objects.exists())

    def test_a_file_whose_name_lies_about_its_type_is_refused(self):
        errors = self.file_errors(self.add_document("guide.pdf", make_docx("x")))
        self.assertEqual(
            errors,
            [
                "This file is a DOCX file but its name ends in .pdf. "
                "Rename it to .docx and upload it again."
            ],
        )

    def test_html_and_svg_are_refused_by_extension(self):
        for name in ("page.html", "drawing.svg"):
            with self.subTest(name=name):
                self.assertTrue(self.file_errors(self.add_document(name, HTML)))
        self.assertFalse(Document.objects.exists())

    @override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1000)
    def test_a_file_over_the_size_limit_gets_a_clear_error(self):
        errors = self.file_errors(self.add_document("brief.pdf", make_pdf("x" * 2000)))
        self.assertEqual(len(errors), 1)
        self.assertIn("This file is too big", errors[0])
        self.assertFalse(Document.objects.exists())

    def test_the_multiple_upload_applies_the_same_rules(self):
        response = self.client.post(
            "/admin/documents/multiple/add/",
            {
                "collection": self.collection.pk,
                "files[]": SimpleUploadedFile("brief.pdf", HTML),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.json()["success"])
        self.assertIn("whatever its name says", response.json()["error_message"])
        self.assertFalse(Document.objects.exists())

    def test_the_multiple_upload_stores_a_good_file_once(self):
        content = make_pdf("A brief")
        response = self.client.post(
            "/admin/documents/multiple/add/",
            {
                "collection": self.collection.pk,
                "files[]": SimpleUploadedFile("brief.pdf", content),
            },
        )
        self.assertTrue(response.json()["success"])
        self.assertEqual(Document.objects.get().file.read(), content)
        self.assertEqual(len(list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))), 1)

    def test_replacing_a_file_checks_the_new_one_and_keeps_the_old_on_refusal(self):
        self.add_document("brief.pdf", make_pdf("First"))
        document = Document.objects.get()
        response = self.client.post(
            f"/admin/documents/edit/{document.pk}/",
            {
                "title": "Upload",
                "collection": self.collection.pk,
                "file": SimpleUploadedFile("brief.pdf", HTML),
            },
        )
        self.assertTrue(self.file_errors(response))
        document.refresh_from_db()
        self.assertIn(b"First", document.file.read())

    def test_only_pdfs_open_in_the_browser_and_nothing_served_runs_script(self):
        self.add_document("brief.pdf", make_pdf("A brief"))
        self.add_document("guide.docx", make_docx("A guide"))
        for document in Document.objects.all():
            with self.subTest(document=document.filename):
                response = self.client.get(document.url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(
                    response["Content-Security-Policy"], "default-src 'none'"
                )
                self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                disposition = response.get("Content-Disposition", "")
                if document.filename.endswith(".pdf"):
                    self.assertNotIn("attachment", disposition)
                else:
                    self.assertTrue(disposition.startswith("attachment"))

    @staticmethod
    def zip_without_word_parts() -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("index.html", HTML)
        return out.getvalue()


class ImageUploadTests(UploadTestCase):
    def test_gps_position_is_removed_and_the_rest_kept(self):
        response = self.add_image("shelter.jpg", make_jpeg(gps=True))
        self.assertEqual(response.status_code, 302)
        image = Image.objects.get()
        with image.open_file() as handle, PillowImage.open(handle) as picture:
            exif = picture.getexif()
            self.assertEqual(picture.format, "JPEG")
            self.assertEqual(picture.size, (8, 8))
        self.assertNotIn(GPS_IFD, exif)
        self.assertEqual(dict(exif.get_ifd(GPS_IFD)), {})
        self.assertEqual((image.width, image.height), (8, 8))
        self.assertEqual(image.file_size, image.file.size)

    def test_the_multiple_image_upload_removes_gps_too(self):
        response = self.client.post(
            "/admin/images/multiple/add/",
            {
                "collection": self.collection.pk,
                "files[]": SimpleUploadedFile("shelter.jpg", make_jpeg(gps=True)),
            },
        )
        self.assertTrue(response.json()["success"])
        with (
            Image.objects.get().open_file() as handle,
            PillowImage.open(handle) as picture,
        ):
            self.assertEqual(dict(picture.getexif().get_ifd(GPS_IFD)), {})

    def test_the_multiple_upload_never_keeps_an_unchecked_copy(self):
        """Wagtail keeps the raw upload for later when a field other than the
        file fails; here the file is refused instead, so no copy with its GPS
        position is stored."""
        for bad_field in ({"title": ""}, {"collection": 999_999}):
            response = self.client.post(
                "/admin/images/multiple/add/",
                {
                    "collection": self.collection.pk,
                    "files[]": SimpleUploadedFile("shelter.jpg", make_jpeg(gps=True)),
                    **bad_field,
                },
            )
            self.assertFalse(response.json()["success"], bad_field)
            self.assertIn("choose the file again", response.json()["error_message"])
        self.assertFalse(UploadedFile.objects.exists())
        self.assertFalse(Image.objects.exists())
        self.assertEqual(list(Path(settings.MEDIA_ROOT).rglob("*.jpg")), [])

    def test_an_image_without_gps_is_stored_unchanged(self):
        content = make_jpeg(gps=False)
        self.assertEqual(self.add_image("logo.jpg", content).status_code, 302)
        self.assertEqual(Image.objects.get().file.read(), content)

    def test_a_page_renamed_to_an_image_is_refused(self):
        self.assertTrue(self.file_errors(self.add_image("photo.jpg", HTML)))
        self.assertTrue(self.file_errors(self.add_image("drawing.svg", HTML)))
        self.assertFalse(Image.objects.exists())

    @override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=100)
    def test_an_image_over_the_size_limit_gets_a_clear_error(self):
        errors = self.file_errors(self.add_image("logo.jpg", make_jpeg(gps=False)))
        self.assertIn("This file is too big", errors[0])


def full_disk(self, name, content, max_length=None):
    raise OSError(errno.ENOSPC, "No space left on device")


def half_written(self, name, content, max_length=None):
    path = Path(self.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 half")
    raise OSError(errno.ENOSPC, "No space left on device")


class StorageFailureTests(UploadTestCase):
    message = "The file could not be stored"

    def assert_nothing_saved(self, response, model):
        errors = self.file_errors(response)
        self.assertIn(self.message, errors[0])
        self.assertFalse(model.objects.exists())

    def test_a_full_disk_is_a_form_error_for_documents_and_images(self):
        with mock.patch.object(FileSystemStorage, "_save", full_disk):
            self.assert_nothing_saved(
                self.add_document("brief.pdf", make_pdf("x")), Document
            )
            self.assert_nothing_saved(
                self.add_image("logo.jpg", make_jpeg(gps=False)), Image
            )

    def test_a_partly_written_file_is_removed(self):
        with mock.patch.object(FileSystemStorage, "_save", half_written):
            self.assert_nothing_saved(
                self.add_document("brief.pdf", make_pdf("x")), Document
            )
        self.assertEqual(list(Path(settings.MEDIA_ROOT).rglob("*.pdf")), [])

    def test_a_media_folder_that_cannot_be_written_is_a_form_error(self):
        """A real failure, no patching (root may write anywhere, so a file
        stands where the folder should be)."""
        media = Path(settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        blocker = media / "documents"
        blocker.write_text("a file where the documents folder should be")
        self.assert_nothing_saved(
            self.add_document("brief.pdf", make_pdf("x")), Document
        )
        if os.geteuid() != 0:
            blocker.unlink()
            media.chmod(0o555)
            self.addCleanup(media.chmod, 0o755)
            self.assert_nothing_saved(
                self.add_document("brief.pdf", make_pdf("x")), Document
            )
            self.assert_nothing_saved(
                self.add_document("brief.pdf", make_pdf("x")), Document
            )

    def test_the_multiple_upload_reports_a_full_disk(self):
        with mock.patch.object(FileSystemStorage, "_save", full_disk):
            response = self.client.post(
                "/admin/documents/multiple/add/",
                {
                    "collection": self.collection.pk,
                    "files[]": SimpleUploadedFile("brief.pdf", make_pdf("x")),
                },
            )
        self.assertFalse(response.json()["success"])
        self.assertIn(self.message, response.json()["error_message"])
        self.assertFalse(Document.objects.exists())
