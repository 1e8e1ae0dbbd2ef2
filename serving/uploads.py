"""Upload rules for documents and images, shared by every admin upload form.

* A document's type is read from its content (PDF header, the parts inside a
  DOCX, XLSX or ODT archive) and must match its extension: a renamed HTML page or
  program is refused whatever it is called. Images are opened with Pillow by
  Wagtail's own field, which also refuses a wrong extension.
* Size: ``UPLOAD_MAX_BYTES`` (Wagtail's ``*_MAX_UPLOAD_SIZE``) for both.
* An image's EXIF GPS position is removed before it is stored.
* The file is written during validation, so a full disk or a read-only media
  folder becomes a form error and no database row is written. When another
  field is wrong the file is refused too: nothing unchecked is kept.

Settings ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and ``WAGTAILIMAGES_IMAGE_FORM_BASE``
point Wagtail's forms (single and multiple upload, add and edit) here.
"""

import io
import logging
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

GPS_IFD = 0x8825
OPENDOCUMENT_TEXT = b"application/vnd.oasis.opendocument.text"
# Parts that only a real file of each Office Open XML type has.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def document_type(upload) -> str | None:
    """``"pdf"``, ``"docx"``, ``"xlsx"`` or ``"odt"`` from the file's content."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" in head:
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                if archive.read("mimetype").strip() == OPENDOCUMENT_TEXT:
                    return "odt"
                return None
            if "[Content_Types].xml" in names:
                for kind, part in OOXML_PARTS.items():
                    if part in names:
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


def validate_document_content(upload) -> None:
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    found = document_type(upload)
    if found is None:
        raise ValidationError(
            _(
                "This file is not a PDF, Word (DOCX), OpenDocument text (ODT) "
                "or Excel (XLSX) file, whatever its name says."
            ),
            code="invalid_content",
        )
    if found != extension:
        raise ValidationError(
            _(
                "This file is a %(kind)s file but its name ends in .%(extension)s. "
                "Rename it to .%(found)s and upload it again."
            ),
            code="extension_mismatch",
            params={"kind": found.upper(), "found": found, "extension": extension},
        )


def without_gps(upload):
    """The upload with its EXIF GPS position removed, or unchanged if it has none."""
    upload.seek(0)
    try:
        with Image.open(upload) as picture:
            exif = picture.getexif()
            if not exif.get_ifd(GPS_IFD) and GPS_IFD not in exif:
                return upload
            del exif[GPS_IFD]
            image_format = picture.format
            options = {"exif": exif.tobytes()}
            if image_format == "JPEG":
                options["quality"] = "keep"
            if picture.info.get("icc_profile"):
                options["icc_profile"] = picture.info["icc_profile"]
            out = io.BytesIO()
            picture.save(out, image_format, **options)
    except (OSError, ValueError, KeyError):
        # Not readable as an image: Wagtail's own field refuses it.
        upload.seek(0)
        return upload
    out.seek(0)
    return InMemoryUploadedFile(
        out,
        "file",
        upload.name,
        getattr(upload, "content_type", None),
        out.getbuffer().nbytes,
        None,
    )


class StoreFileFirstMixin:
    """Writes the new file while the form is validated, before any database row.

    When the storage fails (disk full, read-only folder) the form gets an error,
    any partly written file is removed, and the view shows the form again.
    """

    store_error = _(
        "The file could not be stored: the server's disk is full or its upload "
        "folder cannot be written. Nothing was saved. Please try again later or "
        "tell the site's administrators."
    )

    not_stored_error = _(
        "The file was not stored because of the errors in the other fields. "
        "Correct them and choose the file again."
    )

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if "file" not in self.changed_data or not upload:
            return cleaned_data
        if self.errors:
            # Otherwise Wagtail's multiple upload would keep the raw upload (GPS
            # position and all) to finish later, past these checks.
            self.add_error("file", self.not_stored_error)
            return cleaned_data
        field = self.instance._meta.get_field("file")
        storage = field.storage
        name = storage.get_available_name(
            field.generate_filename(self.instance, upload.name),
            max_length=field.max_length,
        )
        try:
            stored = storage.save(name, upload, max_length=field.max_length)
        except OSError:
            logger.exception("Upload could not be stored")
            try:
                if storage.exists(name):
                    storage.delete(name)
            except OSError:
                logger.exception("Partly stored upload could not be removed")
            self.add_error("file", self.store_error)
            return cleaned_data
        # A file name (not the upload) makes the model keep the stored file.
        cleaned_data["file"] = stored
        return cleaned_data


class DocumentForm(StoreFileFirstMixin, BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            validate_document_content(upload)
        return upload

    def _post_clean(self):
        # Wagtail's Document.clean() checks the extension of the instance's file,
        # which is empty when the upload was refused: its "extension “” is not
        # allowed" would only confuse, so a refused upload keeps its own error.
        refused = list(self.errors.get("file", []))
        super()._post_clean()
        if refused:
            self._errors["file"] = self.error_class(refused)


class ImageForm(StoreFileFirstMixin, BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            return without_gps(upload)
        return upload
