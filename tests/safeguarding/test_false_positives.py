"""How often the gate flags text that holds no personal data: kept at zero.

The demo content (the guides, visits, briefs and programmes ``make run``
loads, with their PDF evaluations) and a generated corpus (``generate_corpus``)
hold no personal data, apart from the one demo draft made to be caught. Every
finding elsewhere is a false positive, and each is listed when the count is
not zero. docs/safeguarding.md reports the counts for larger corpora.
"""

import json
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from corpus.generator import CorpusGenerator
from corpus.management.commands.load_demo_content import DEMO_FILE, add_demo_files
from knowledge.document_types import document_types
from knowledge.models import KnowledgePage
from safeguarding.checks import latest_content
from safeguarding.detectors import detect, identifier_text
from safeguarding.scanner import scan_page

# The demo's exercise for the gate (see docs/safeguarding.md).
SAFEGUARDING_DRAFT = "vezba-bezbednosne-provere-nacrt"
# Stored documents generated for the test; the text-only count reads more.
CORPUS_DOCUMENTS = 100
CORPUS_TEXTS = 1000


def false_positives(documents) -> list[str]:
    return [
        f"{document.slug}: {finding.place}: {finding.kind} {finding.excerpt}"
        for document in documents
        for finding in scan_page(latest_content(document))
    ]


class DemoContentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO(), stderr=StringIO())

    def setUp(self):
        add_demo_files()  # into this test's own media folder, to be read

    def test_no_false_positives_in_the_demo_content(self):
        documents = KnowledgePage.objects.specific().exclude(slug=SAFEGUARDING_DRAFT)
        self.assertGreaterEqual(documents.count(), 30)
        self.assertEqual(false_positives(documents), [])
        # Nothing the demo file publishes was held back as a draft.
        records = [json.loads(line) for line in DEMO_FILE.read_text().splitlines()]
        published = {
            record["slug"]
            for record in records
            if record["type"] in document_types
            and record.get("status", "published") == "published"
        }
        drafts = documents.filter(slug__in=published, live=False)
        self.assertEqual(list(drafts.values_list("slug", flat=True)), [])

    def test_the_exercise_is_still_caught(self):
        exercise = KnowledgePage.objects.get(slug=SAFEGUARDING_DRAFT).specific
        kinds = {finding.kind for finding in scan_page(latest_content(exercise))}
        self.assertEqual(kinds, {"name", "jmbg", "birth_date", "phone"})


class GeneratedCorpusTests(TestCase):
    def test_no_false_positives_in_stored_generated_documents(self):
        call_command(
            "generate_corpus", documents=CORPUS_DOCUMENTS, seed=5, stdout=StringIO()
        )
        documents = KnowledgePage.objects.specific()
        self.assertEqual(documents.count(), CORPUS_DOCUMENTS)
        self.assertEqual(false_positives(documents), [])

    def test_no_false_positives_in_generated_text(self):
        found = []
        for document in CorpusGenerator(seed=11).documents(CORPUS_TEXTS):
            texts = [
                document.title,
                identifier_text(document.slug),
                document.summary,
                *document.paragraphs,
                *document.headings,
                *document.steps,
                *document.recommendations,
            ]
            found += [
                f"{document.slug}: {span.kind} {text[span.start : span.end]!r}"
                for text in texts
                for span in detect(text)
            ]
        self.assertEqual(found, [])
