"""Every file an earlier version of the site wrote still imports: a file of
each older format version is kept in ``tests/interchange/formats/``, written
as the site wrote and documented it then (docs/interchange.md, *Versions*)."""

import datetime
import json
from io import StringIO
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Locale

from briefs.models import PolicyBriefPage
from exchanges.models import StudyVisitPage
from interchange.importer import InvalidFile, import_lines
from interchange.records import FORMAT_VERSION
from knowledge.models import Topic
from knowledge.privacy import Privacy
from practices.models import PracticeGuidePage
from standards.amendments import record_amendment
from standards.models import Amendment, StandardArticle
from standards.references import Resolved, StandardNames
from tests.factories import TopicFactory
from tests.interchange import export_import_export
from tests.safeguarding.files import make_pdf
from training.models import TrainingProgrammePage

FORMATS = Path(__file__).parent / "formats"


def import_version(version: int | str) -> str:
    """Import the kept file of ``version`` (``4-topic-fields``: a variant); what
    the command wrote to stderr."""
    err = StringIO()
    call_command(
        "import_content",
        str(FORMATS / f"version-{version}.jsonl"),
        stdout=StringIO(),
        stderr=err,
    )
    return err.getvalue()


class FormatVersionTests(TestCase):
    def test_a_file_of_every_older_version_is_kept(self):
        """One per version, and one per shape a version's files changed to
        (``version-4-topic-fields.jsonl``), each imported by a test here."""
        kept = sorted(path.name for path in FORMATS.glob("*.jsonl"))
        self.assertEqual(
            [name for name in kept if name.count("-") == 1],
            [f"version-{version}.jsonl" for version in range(1, FORMAT_VERSION)],
        )
        self.assertEqual(
            [name for name in kept if name.count("-") > 1],
            ["version-4-topic-fields.jsonl"],
        )

    def test_version_1_free_text_standards_become_instruments(self):
        err = import_version(1)
        guide = PracticeGuidePage.objects.get(slug="legacy-foster-care")
        self.assertEqual(
            [citation.reference for citation in guide.citations()],
            ["eu-2011-36", "cets-201", "cets-197", "uncrc"],
        )
        self.assertEqual(guide.other_standard_list, ["Palermo Protocol"])
        self.assertIn(
            "version-1.jsonl: line 4: standards: 'Palermo Protocol' is not on the "
            "site's list of standards; kept in other_standards",
            err,
        )
        self.assertIn("line 4: standards: 'UNCRC' is read as 'uncrc'", err)
        brief = PolicyBriefPage.objects.get(slug="legacy-referral-brief")
        self.assertEqual(brief.privacy, Privacy.LOGIN)
        visit = StudyVisitPage.objects.get(slug="legacy-visit-ljubljana")
        self.assertEqual([p.slug for p in visit.related_practices.all()], [guide.slug])
        # Fields the file did not know get the admin's defaults.
        self.assertEqual(guide.review_interval, 12)
        self.assertEqual(guide.seo_title, "")

    def test_every_name_the_sites_version_1_content_used_is_an_instrument(self):
        """The names of standards the demo content of version 1 cited, as its
        export wrote them."""
        names = StandardNames()
        self.assertEqual(
            [
                names.resolve(name)
                for name in (
                    "EU Directive 2011/36/EU",
                    "CoE Convention on Action against Trafficking in Human Beings",
                    "Lanzarote Convention",
                    "UNCRC",
                    "UN Guidelines for the Alternative Care of Children",
                )
            ],
            [
                Resolved("standard", code)
                for code in (
                    "eu-2011-36",
                    "cets-197",
                    "cets-201",
                    "uncrc",
                    "un-alternative-care",
                )
            ],
        )

    def test_version_2_citations_translations_and_files(self):
        default_storage.save(
            "documents/legacy-evaluation.pdf", ContentFile(make_pdf("Evaluation"))
        )
        self.assertEqual(import_version(2), "")
        guide = PracticeGuidePage.objects.get(
            slug="legacy-evaluated-care", locale__language_code="en"
        )
        self.assertEqual(
            [citation.reference for citation in guide.citations()],
            ["cets-197:12", "uncrc:20"],
        )
        self.assertEqual(
            guide.get_translation(Locale.objects.get(language_code="sr-latn")).title,
            "Evaluirano hraniteljstvo",
        )
        self.assertEqual(
            PracticeGuidePage.objects.get(slug="legacy-adapted-care").adapted_from,
            guide,
        )
        programme = TrainingProgrammePage.objects.get(slug="legacy-training")
        self.assertEqual(
            programme.materials.get().document.file.name,
            "documents/legacy-evaluation.pdf",
        )
        action = StudyVisitPage.objects.get().follow_up_actions.get()
        self.assertEqual(action.resulting_guide.slug, "legacy-adapted-care")

    def test_version_3_restrictions(self):
        Group.objects.create(name="Police")
        import_version(3)
        self.assertEqual(
            PracticeGuidePage.objects.get(slug="legacy-police-protocol").privacy,
            Privacy.GROUPS,
        )
        self.assertEqual(
            PolicyBriefPage.objects.get(slug="legacy-password-brief").privacy,
            Privacy.PASSWORD,
        )

    def test_version_4_guides_keep_their_body_and_any_parts(self):
        import_version(4)
        guide = PracticeGuidePage.objects.get(slug="legacy-mentoring")
        self.assertIn("<h2>How it works</h2>", str(guide.body))
        self.assertEqual([guide.problem, guide.lessons], ["", ""])
        self.assertTrue(guide.body_is_method)
        self.assertEqual(guide.target_group_list[0], "Young people leaving care")
        guide.lessons = "<p>Match by interests.</p>"
        guide.save_revision().publish()
        import_version(4)
        guide.refresh_from_db()
        self.assertEqual(guide.lessons, "<p>Match by interests.</p>")
        self.assertFalse(guide.body_is_method)

    def test_version_4_topic_translations_as_fields_of_their_own(self):
        """As version 4 first wrote them, before the translations object."""
        foster = TopicFactory(name="Foster care", slug="foster-care", name_sl="Old")
        TopicFactory(name="Awareness raising", slug="awareness-raising", name_sl="Ozav")
        self.assertEqual(import_version("4-topic-fields"), "")
        foster.refresh_from_db()
        self.assertEqual(
            [foster.name_sr_latn, foster.name_sr_cyrl, foster.name_sl],
            ["Hraniteljstvo", "Хранитељство", "Rejništvo"],
        )
        self.assertEqual(foster.description_sl, "Namestitev v družino.")
        # The file said the topic had no translation then.
        self.assertEqual(Topic.objects.get(slug="awareness-raising").name_sl, "")
        records = export_import_export()
        self.assertEqual(
            [r["translations"] for r in records if r["type"] == "topic"][1]["sl"],
            {"name": "Rejništvo", "description": "Namestitev v družino."},
        )

    def test_version_5_parts_annexes_and_the_sites_amendments(self):
        article = StandardArticle.objects.get(standard__code="cets-197", key="10")
        record_amendment(article, date=datetime.date(2024, 7, 13), note="Changed.")
        self.assertEqual(import_version(5), "")
        guide = PracticeGuidePage.objects.get(slug="legacy-night-shelter")
        self.assertEqual(guide.transferability, "<p>Needs a municipality's rooms.</p>")
        self.assertIn("night number", str(guide.members_annex))
        self.assertEqual(
            [c.reference for c in guide.citations()], ["cets-197:10", "uncrc"]
        )
        # A file without amendments leaves the site's as they are.
        self.assertEqual(
            list(Amendment.objects.values_list("note", flat=True)), ["Changed."]
        )

    def test_an_old_file_is_exported_in_the_current_version(self):
        import_version(1)
        records = export_import_export()
        self.assertEqual(
            records[0], {"type": "format_version", "version": FORMAT_VERSION}
        )

    def test_a_newer_or_repeated_version_is_refused_by_line(self):
        for lines, problem in (
            (
                [{"type": "format_version", "version": FORMAT_VERSION + 1}],
                f"line 1: version: the file is of format version {FORMAT_VERSION + 1}",
            ),
            (
                [{"type": "format_version", "version": 1}] * 2,
                "line 2: type: repeats the format_version on line 1",
            ),
        ):
            with self.subTest(problem), self.assertRaises(InvalidFile) as raised:
                import_lines([json.dumps(line) for line in lines])
            self.assertTrue(
                str(raised.exception.problems[0]).startswith(problem),
                raised.exception.problems,
            )


class EditorFieldTests(TestCase):
    def test_an_older_file_leaves_fields_it_does_not_know_as_they_are(self):
        import_version(1)
        guide = PracticeGuidePage.objects.get(slug="legacy-foster-care")
        guide.seo_title, guide.review_interval = "Foster care, step by step", 6
        guide.save_revision().publish()
        import_version(1)
        guide.refresh_from_db()
        self.assertEqual(
            (guide.seo_title, guide.review_interval), ("Foster care, step by step", 6)
        )

    def test_a_future_go_live_is_scheduled_not_published(self):
        soon = timezone.now() + datetime.timedelta(days=2)
        (partner, record) = [
            json.loads(line)
            for line in (FORMATS / "version-1.jsonl").read_text().splitlines()[1:4:2]
        ]
        import_lines(
            [
                json.dumps(partner),
                json.dumps({**record, "go_live_at": soon.isoformat()}),
            ]
        )
        guide = PracticeGuidePage.objects.get(slug="legacy-foster-care")
        self.assertFalse(guide.live)
        self.assertEqual(guide.go_live_at, soon)
        self.assertEqual(guide.get_latest_revision().approved_go_live_at, soon)

    def test_bad_values_of_the_new_fields_name_the_line(self):
        partner = {"type": "partner", "slug": "astra", "name": "ASTRA", "country": "RS"}
        brief = {
            "type": "brief",
            "slug": "hostile",
            "title": "Hostile",
            "summary": "S",
            "body": "",
            "language": "en",
            "partner": "astra",
            "country": "RS",
            "date": "2020-01-01",
            "seo_title": "x" * 256,
            "review_interval": 7,
            "go_live_at": "tomorrow",
            "attachment": "../../etc/passwd",
        }
        with self.assertRaises(InvalidFile) as raised:
            import_lines([json.dumps(partner), json.dumps(brief)])
        self.assertEqual(
            [str(problem) for problem in raised.exception.problems],
            [
                "line 2: review_interval: 7 is not one of 6, 12, 24, 36 (months)",
                "line 2: seo_title: must be at most 255 characters long",
                "line 2: go_live_at: 'tomorrow' is not a date and time "
                "(YYYY-MM-DDTHH:MM:SS+00:00)",
            ],
        )
        with self.assertRaises(InvalidFile) as raised:
            import_lines(
                [
                    json.dumps(partner),
                    json.dumps(
                        {
                            **brief,
                            "seo_title": "",
                            "review_interval": 6,
                            "go_live_at": None,
                        }
                    ),
                ]
            )
        self.assertEqual(
            [str(problem) for problem in raised.exception.problems],
            [
                "line 2: attachment: no file '../../etc/passwd' in the document "
                "library or the media folder"
            ],
        )
        self.assertFalse(PolicyBriefPage.objects.exists())
