"""Text of uploaded documents and location data of uploaded images.

Only formats the site accepts are read (see ``WAGTAILDOCS_EXTENSIONS``). Anything
that cannot be read is reported, so a person looks at it instead of the gate
waving it through.
"""

import re
import zipfile
from dataclasses import dataclass
from html import unescape

from django.core.cache import cache
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_PDF_PAGES = 500
MAX_XML_BYTES = 50 * 1024 * 1024
GPS_IFD = 0x8825
GPS_POSITION_TAGS = (2, 4)  # GPSLatitude, GPSLongitude

# Parts of office files that hold text readers see.
XML_PARTS = {
    "docx": re.compile(
        r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"
    ),
    "odt": re.compile(r"content\.xml|styles\.xml"),
    "xlsx": re.compile(r"xl/sharedStrings\.xml|xl/worksheets/sheet\d+\.xml"),
}


class Unreadable(Exception):
    """A file whose text cannot be checked."""


@dataclass(frozen=True)
class Part:
    """A piece of a document's text and where it is ("page 3")."""

    place: str
    text: str


def document_parts(document) -> list[Part]:
    """The text of a Wagtail document, page by page for PDFs. Cached by file hash."""
    key = f"safeguarding:text:{document.pk}:{document.file_hash or document.file.name}"
    parts = cache.get(key)
    if parts is None:
        parts = _read_document(document)
        cache.set(key, parts, timeout=60 * 60 * 24)
    return parts


def _read_document(document) -> list[Part]:
    extension = document.file_extension.lower()
    try:
        with document.open_file() as handle:
            if extension == "pdf":
                return _pdf_parts(handle)
            if extension in XML_PARTS:
                return _office_parts(handle, XML_PARTS[extension])
    except (OSError, ValueError, KeyError, PdfReadError, zipfile.BadZipFile) as error:
        raise Unreadable(str(error) or error.__class__.__name__) from error
    raise Unreadable(f"files of type .{extension} cannot be checked")


def _pdf_parts(handle) -> list[Part]:
    reader = PdfReader(handle)
    if reader.is_encrypted and not reader.decrypt(""):
        raise Unreadable("the PDF is encrypted")
    if len(reader.pages) > MAX_PDF_PAGES:
        raise Unreadable(f"the PDF has more than {MAX_PDF_PAGES} pages")
    return [
        Part(f"page {number}", page.extract_text() or "")
        for number, page in enumerate(reader.pages, start=1)
    ]


def _office_parts(handle, wanted: re.Pattern) -> list[Part]:
    parts = []
    with zipfile.ZipFile(handle) as archive:
        for info in archive.infolist():
            if not wanted.fullmatch(info.filename):
                continue
            if info.file_size > MAX_XML_BYTES:
                raise Unreadable(f"{info.filename} is too large to check")
            xml = archive.read(info).decode("utf-8", errors="replace")
            parts.append(Part(info.filename, xml_text(xml)))
    return parts


def xml_text(xml: str) -> str:
    """The text of an office XML part, a line per paragraph or cell."""
    xml = re.sub(r"<(w:p|text:p|text:h|si|c)[\s>/]", "\n\\g<0>", xml)
    xml = re.sub(r"<w:tab/>|<text:tab/>", " ", xml)
    return unescape(re.sub(r"<[^>]+>", "", xml)).strip()


def image_has_gps(image) -> bool:
    """Whether an image's EXIF data holds a GPS position."""
    try:
        with image.open_file() as handle, Image.open(handle) as picture:
            gps = picture.getexif().get_ifd(GPS_IFD)
    except (OSError, ValueError, UnidentifiedImageError) as error:
        raise Unreadable(str(error) or error.__class__.__name__) from error
    return any(tag in gps for tag in GPS_POSITION_TAGS)
