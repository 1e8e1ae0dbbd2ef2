import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import Page, PageViewRestriction, Revision

from briefs.models import PolicyBriefPage
from corpus.generator import CorpusGenerator
from exchanges.models import StudyVisitPage
from interchange.records import read_lines
from knowledge.document_types import document_types
from knowledge.models import KnowledgePage
from practices.models import PracticeGuidePage

DOCUMENTS = 60


class GenerateCorpusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("generate_corpus", documents=DOCUMENTS, seed=3, stdout=StringIO())
        cls.editor = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "correct horse battery"
        )

    def test_creates_documents_of_every_type_and_language(self):
        documents = KnowledgePage.objects.all()
        self.assertEqual(documents.count(), DOCUMENTS)
        for model in (PracticeGuidePage, PolicyBriefPage, StudyVisitPage):
            self.assertTrue(model.objects.exists(), model)
        self.assertEqual(
            set(documents.values_list("language", flat=True)),
            {"en", "sr-Latn", "sr-Cyrl", "sl"},
        )
        self.assertTrue(documents.filter(topics__isnull=False).exists())

    def test_restricted_documents_are_private_pages(self):
        restricted = KnowledgePage.objects.filter(privacy="login")
        self.assertTrue(restricted.exists())
        self.assertEqual(
            PageViewRestriction.objects.filter(page__in=restricted).count(),
            restricted.count(),
        )
        self.assertEqual(
            self.client.get(restricted.live().first().url).status_code, 302
        )

    def test_the_tree_is_consistent(self):
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))
        for model in (PracticeGuidePage, PolicyBriefPage, StudyVisitPage):
            parent = model.objects.first().get_parent()
            self.assertEqual(parent.numchild, parent.get_children().count())

    def test_every_page_renders_and_drafts_stay_hidden(self):
        for page in KnowledgePage.objects.filter(privacy="public").specific():
            with self.subTest(page=page.slug):
                response = self.client.get(f"/en{page.url_path.removeprefix('/home')}")
                self.assertEqual(response.status_code, 200 if page.live else 404)

    def test_pages_have_a_revision_and_open_in_the_editor(self):
        self.client.force_login(self.editor)
        for model in (PracticeGuidePage, PolicyBriefPage, StudyVisitPage):
            page = model.objects.live().first()
            with self.subTest(model=model.__name__):
                self.assertEqual(page.live_revision, page.latest_revision)
                self.assertEqual(page.latest_revision.as_object().title, page.title)
                self.assertEqual(
                    list(page.latest_revision.as_object().topics.all()),
                    list(page.topics.all()),
                )
                edit = self.client.get(f"/admin/pages/{page.pk}/edit/")
                self.assertEqual(edit.status_code, 200)
        documents = [
            str(pk) for pk in KnowledgePage.objects.values_list("pk", flat=True)
        ]
        self.assertEqual(
            Revision.objects.filter(object_id__in=documents).count(), DOCUMENTS
        )

    def test_documents_are_in_the_search_index(self):
        page = PracticeGuidePage.objects.live().first()
        word = page.title.split()[-1]
        self.assertIn(page, PracticeGuidePage.objects.search(word))

    def test_guides_are_written_in_parts(self):
        for guide in PracticeGuidePage.objects.all():
            with self.subTest(guide=guide.slug):
                self.assertEqual(len(guide.body), 0)
                self.assertTrue(guide.problem and guide.method)
                self.assertFalse(guide.body_is_method)

    def test_the_same_seed_gives_the_same_documents(self):
        first = [d.title for d in CorpusGenerator(3).documents(20)]
        again = [d.title for d in CorpusGenerator(3).documents(20)]
        other = [d.title for d in CorpusGenerator(4).documents(20)]
        self.assertEqual(first, again)
        self.assertNotEqual(first, other)
        self.assertTrue(
            KnowledgePage.objects.filter(title=first[0]).exists(),
        )

    def test_refuses_a_seed_already_generated_and_a_bad_count(self):
        with self.assertRaisesMessage(CommandError, "seed 3 is already"):
            call_command("generate_corpus", documents=5, seed=3, stdout=StringIO())
        with self.assertRaisesMessage(CommandError, "at least 1"):
            call_command("generate_corpus", documents=0, stdout=StringIO())
        self.assertEqual(KnowledgePage.objects.count(), DOCUMENTS)

    def test_evaluated_guides_cite_an_evaluation_and_the_export_reads_back(self):
        evaluated = PracticeGuidePage.objects.filter(
            evidence_level__in=["evaluated", "proven"]
        )
        self.assertTrue(evaluated.exists())
        for guide in evaluated:
            self.assertEqual(guide.evaluation_documents.count(), 1, guide.slug)
            # Drafts export from their revision, which carries it too.
            revision = guide.get_latest_revision_as_object()
            self.assertEqual(len(revision.evaluation_documents.all()), 1, guide.slug)
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / "corpus.jsonl"
            call_command("export_content", str(export), verbosity=0)
            lines = export.read_text(encoding="utf-8").splitlines()
        records, problems = read_lines(lines)
        self.assertEqual([str(problem) for problem in problems], [])
        self.assertEqual(
            sum(record.type in document_types for record in records), DOCUMENTS
        )
