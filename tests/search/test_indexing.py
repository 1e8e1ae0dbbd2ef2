"""Indexing in bulk: what update_index, generate_corpus and import_content do."""

import tempfile
import uuid
from dataclasses import replace
from io import StringIO
from unittest import mock

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from corpus.generator import CorpusGenerator, CorpusWriter
from knowledge.document_types import document_types
from knowledge.models import KnowledgePage
from practices.models import PracticeGuidePage
from search.models import MembersText
from serbian import fold
from standards.models import Standard, StandardArticle, StandardCitation
from tests.factories import TrainingProgrammePageFactory


def document_models() -> list:
    return [entry.model for entry in document_types]


def entries(model) -> list[tuple]:
    """The model's index entries, every column the backend writes (PostgreSQL
    keeps the plain text of titles and bodies beside their vectors)."""
    columns = ["object_id", "title", "autocomplete", "body"]
    if connection.vendor == "postgresql":
        columns += ["title_text", "body_text"]
    return list(
        IndexEntry.objects.filter(content_type__model=model._meta.model_name)
        .order_by("object_id")
        .values_list(*columns)
    )


def queries(action) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


class BulkIndexingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("generate_corpus", documents=40, seed=21, stdout=StringIO())
        standard = Standard.objects.create(
            short_name="CETS 197", title="Convention on Action against Trafficking"
        )
        article = StandardArticle.objects.create(
            standard=standard, label="Article 12", title="Assistance to victims"
        )
        for guide in PracticeGuidePage.objects.all()[:5]:
            StandardCitation.objects.create(page=guide, article=article, sort_order=0)
        # The corpus has no training programmes.
        for _ in range(3):
            TrainingProgrammePageFactory()

    def test_entries_are_what_the_stock_backend_writes(self):
        """Fields computed once give the index the same text as Wagtail's own
        database backend, which computes them for every column."""
        options = dict(settings.WAGTAILSEARCH_BACKENDS["default"])
        options.pop("BACKEND")
        stock = get_search_backend("wagtail.search.backends.database", **options)
        ours = get_search_backend("default")
        for model in document_models():
            objects = list(model.get_indexed_objects())
            with self.subTest(model=model.__name__):
                stock.add_bulk(model, objects)
                expected = entries(model)
                IndexEntry.objects.filter(
                    content_type__model=model._meta.model_name
                ).delete()
                ours.add_bulk(model, list(model.get_indexed_objects()))
                self.assertEqual(entries(model), expected)
        self.assertIn("cets", str(entries(PracticeGuidePage)))

    def test_each_field_is_read_once_per_document(self):
        guides = list(PracticeGuidePage.get_indexed_objects())
        original = PracticeGuidePage.cited_standards_text
        with mock.patch.object(
            PracticeGuidePage,
            "cited_standards_text",
            autospec=True,
            side_effect=original,
        ) as cited:
            get_search_backend("default").add_bulk(PracticeGuidePage, guides)
        self.assertEqual(cited.call_count, len(guides))

    def test_indexing_queries_do_not_grow_with_the_batch(self):
        backend = get_search_backend("default")
        for model in document_models():
            with self.subTest(model=model.__name__):
                few = queries(
                    lambda m=model: backend.add_bulk(
                        m, list(m.get_indexed_objects()[:2])
                    )
                )
                many = queries(
                    lambda m=model: backend.add_bulk(m, list(m.get_indexed_objects()))
                )
                self.assertEqual(few, many)


class BulkCreationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Partners, topics and the evaluation report exist from the first run.
        CorpusWriter(seed=31).write(CorpusGenerator(31).documents(10))

    def test_queries_do_not_grow_with_the_number_of_documents(self):
        shapes = list(CorpusGenerator(32).documents(15))

        def generate(copies):
            documents = [
                replace(d, slug=f"{d.slug}c{copies}x{n}", translation_key=uuid.uuid4())
                for n in range(copies)
                for d in shapes
            ]
            return lambda: CorpusWriter(seed=32).write(iter(documents))

        self.assertEqual(queries(generate(1)), queries(generate(3)))

    def test_generated_documents_are_found_in_both_scripts(self):
        CorpusWriter(seed=34).write(CorpusGenerator(34).documents(20))
        page = KnowledgePage.objects.live().filter(
            language="sr-Cyrl", privacy="public"
        )[0]
        for query in (page.title, fold(page.title)):
            with self.subTest(query=query):
                response = self.client.get(
                    reverse("search"), {"q": query, "format": "json"}
                )
                self.assertIn(
                    page.slug, [r["slug"] for r in response.json()["results"]]
                )


def every_entry() -> list[tuple]:
    """The documents' entries and their members' entries, by document slug:
    each column the backend writes but the title norm (which depends on when
    the average title length was read)."""
    slugs = dict(KnowledgePage.objects.values_list("pk", "slug"))
    columns = ["title", "autocomplete", "body"]
    if connection.vendor == "postgresql":
        columns += ["title_text", "body_text"]
    members = ContentType.objects.get_for_model(MembersText).pk
    rows = IndexEntry.objects.filter(
        content_type__in=[
            members,
            *ContentType.objects.get_for_models(*document_models()).values(),
        ]
    ).values_list("content_type_id", "object_id", *columns)
    return sorted((ct == members, slugs[int(pk)], *values) for ct, pk, *values in rows)


class ImportedEntriesTests(TestCase):
    """An import writes the index entries a full update_index writes."""

    def test_imported_documents_are_indexed_as_update_index_indexes_them(self):
        call_command("generate_corpus", documents=30, seed=51, stdout=StringIO())
        for page in KnowledgePage.objects.all()[:4]:
            page.members_annex = [
                ("rich_text", RichText("<p>Kontakt u skloništu, Beograd</p>"))
            ]
            page.save(update_fields=["members_annex"])
        with tempfile.TemporaryDirectory() as folder:
            export = f"{folder}/export.jsonl"
            call_command("export_content", export, stdout=StringIO())
            KnowledgePage.objects.all().delete()
            self.assertFalse(
                IndexEntry.objects.filter(content_type__model="practiceguidepage")
            )
            call_command("import_content", export, stdout=StringIO())
        imported = every_entry()
        self.assertGreater(len(imported), 30)
        self.assertTrue(any(members for members, *_ in imported))
        call_command("update_index", verbosity=0, stdout=StringIO())
        self.assertEqual(every_entry(), imported)
