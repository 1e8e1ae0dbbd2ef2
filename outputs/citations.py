"""How to cite a document: APA-style text, BibTeX and RIS.

The author is the partner organisation that published the document. No accessed
date is given: readers add the day they consulted the page.
"""

import re
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.text import slugify

from knowledge.document_types import document_types
from knowledge.site_structure import site_name

BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
BIBTEX_SPECIAL_RE = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIAL))
# Without a known document type (see knowledge.document_types for each type's).
DEFAULT_RIS_TYPE = "GEN"
DEFAULT_BIBTEX_TYPE = "misc"


def one_line(text: str) -> str:
    """Collapse line breaks and runs of spaces: both formats are line based."""
    return " ".join((text or "").split())


def bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIAL_RE.sub(lambda match: BIBTEX_SPECIAL[match[0]], one_line(text))


@dataclass(frozen=True)
class Citation:
    author: str
    title: str
    year: int
    date: str
    url: str
    document_type: str
    language: str
    summary: str
    keywords: tuple[str, ...]
    slug: str

    @classmethod
    def for_page(cls, page, *, url: str) -> "Citation":
        return cls(
            author=one_line(page.partner.name),
            title=one_line(page.title),
            year=page.date.year,
            date=page.date.isoformat(),
            url=url,
            document_type=page.document_type,
            language=page.language,
            summary=one_line(page.summary),
            # Named as the page and the type label are: in the reader's language.
            keywords=tuple(
                sorted(
                    (one_line(topic.local_name) for topic in page.topics.all()),
                    key=str.casefold,
                )
            ),
            slug=page.slug,
        )

    @property
    def site_name(self) -> str:
        """In the active language, as the type label."""
        return site_name()

    @property
    def type_label(self) -> str:
        entry = document_types.get(self.document_type)
        return str(entry.label) if entry else ""

    @property
    def key(self) -> str:
        first_word = slugify(self.title).split("-")[0]
        return slugify(f"{self.author} {self.year} {first_word}").replace("-", "")

    def apa_text(self) -> str:
        return (
            f"{self.author}. ({self.year}). {self.title} [{self.type_label}]. "
            f"{self.site_name}. {self.url}"
        )

    def apa_html(self) -> str:
        return format_html(
            '{}. ({}). <cite lang="{}">{}</cite> [{}]. {}. {}',
            self.author,
            self.year,
            self.language,
            self.title,
            self.type_label,
            self.site_name,
            self.url,
        )

    def bibtex(self) -> str:
        entry = document_types.get(self.document_type)
        entry_type = entry.bibtex_type if entry else DEFAULT_BIBTEX_TYPE
        fields = [
            # Double braces keep an organisation's name from being read as
            # "Last, First".
            ("author", "{" + bibtex_escape(self.author) + "}"),
            ("title", bibtex_escape(self.title)),
            ("year", str(self.year)),
            ("date", self.date),
            ("url", self.url.replace("}", "%7D").replace("{", "%7B")),
            ("language", self.language),
            ("note", bibtex_escape(f"{self.type_label}, {self.site_name}")),
        ]
        if self.summary:
            fields.append(("abstract", bibtex_escape(self.summary)))
        if self.keywords:
            # Comma-separated, as biblatex and reference managers read them.
            fields.append(("keywords", bibtex_escape(", ".join(self.keywords))))
        if entry_type == "techreport":
            fields.insert(2, ("institution", bibtex_escape(self.author)))
            fields.insert(3, ("type", bibtex_escape(self.type_label)))
        else:
            fields.insert(2, ("publisher", bibtex_escape(self.author)))
        lines = [f"@{entry_type}{{{self.key},"]
        lines += [f"  {name} = {{{value}}}," for name, value in fields]
        lines.append("}")
        return "\n".join(lines) + "\n"

    def ris(self) -> str:
        year, month, day = self.date.split("-")
        entry = document_types.get(self.document_type)
        tags = [
            ("TY", entry.ris_type if entry else DEFAULT_RIS_TYPE),
            ("AU", self.author),
            ("TI", self.title),
            ("PY", year),
            ("DA", f"{year}/{month}/{day}/"),
            ("PB", self.author),
            ("UR", self.url),
            ("LA", self.language),
            ("AB", self.summary),
            *(("KW", keyword) for keyword in self.keywords),
            ("DB", self.site_name),
            ("ER", ""),
        ]
        return "".join(f"{tag}  - {value}\r\n" for tag, value in tags)
