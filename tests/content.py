"""What a reader reads of an answer, for tests that look for a title in it."""

import io
import re

from pypdf import PdfReader


def text_of(response) -> str:
    """The answer's body with search's marks around matched words taken out:
    a title must not hide behind them (nor seem missing because of them)."""
    return re.sub(r"</?mark>", "", response.content.decode())


def pdf_text(response) -> tuple[PdfReader, str]:
    """The PDF of a (streamed) answer, and the text of its pages."""
    reader = PdfReader(io.BytesIO(b"".join(response)))
    return reader, "\n".join(page.extract_text() for page in reader.pages)
