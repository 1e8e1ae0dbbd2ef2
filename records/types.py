"""What a document type declares about its interchange record, and what the
interchange hands it in return."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from .readers import Field


@dataclass
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}"
        return (
            f"{where}: {self.field}: {self.message}"
            if self.field
            else f"{where}: {self.message}"
        )


@dataclass
class Record:
    line: int
    type: str
    data: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.data["slug"]


@dataclass(frozen=True)
class Known:
    """What records may name, in the database or in the file itself: partners
    by slug, files of the document library, and the slugs of a type's documents
    in any locale (``documents("practice")``)."""

    partners: set[str]
    files: set[str]
    documents: Callable[[str], set[str]]


class Writer(Protocol):
    """What an import offers a type's ``fill``."""

    def partner(self, slug: str):
        """The partner with this slug."""

    def library_files(self, items: list[dict]) -> dict:
        """The library documents the items name by ``file``, by file name."""

    def document(self, type_key: str, slug: str | None):
        """The document of the type with this slug in the default locale (or
        None), written first if it is waiting to be created."""

    def documents(self, type_key: str, slugs: list[str]) -> list:
        """The documents of the type with these slugs in the default locale."""


def no_problems(*args) -> list[Problem]:
    return []


def same_order(records: list[Record]) -> dict[int, int]:
    return {}


@dataclass(frozen=True)
class RecordType:
    """A document type's own part of its interchange record, after the fields
    every document has: how it is read, checked, exported and imported.

    The interchange handles two kinds of field by their names for every type
    that has them: ``standards`` (articles the document cites, checked against
    and written to the standards app) and the field named by ``files`` (objects
    whose ``file`` names a file of the document library)."""

    # name: (reader, required, default), in the order export writes them.
    fields: dict[str, Field]
    # The page's (its newest content's) values of ``fields``.
    export: Callable[[object], dict]
    # Sets the page's own fields from a clean record, many-to-many ones
    # included (a new page's are read from it for bulk creation):
    # (page, data, Writer).
    fill: Callable[[object, dict, Writer], None]
    # The rules of one record's values: (line, clean data) → problems.
    check: Callable[[int, dict], list[Problem]] = no_problems
    # The rules of what the file's records of the type name:
    # (records, Known) → problems.
    check_references: Callable[[list[Record], Known], list[Problem]] = no_problems
    # What export reads with the pages, besides partner, locale and topics.
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # The field listing files of the document library, if the type has one.
    files: str = ""
    # By line, where each of the file's records of the type is written among
    # the others (lowest first; 0 when not given): originals before the
    # documents that name them.
    write_order: Callable[[list[Record]], dict[int, int]] = same_order
