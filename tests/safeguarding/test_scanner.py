from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import TestCase
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from exchanges.models import FollowUpAction
from safeguarding.scanner import scan_page
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TrainingProgrammePageFactory,
)
from tests.safeguarding.files import make_docx, make_jpeg, make_pdf
from training.models import TrainingModule


def upload_document(name: str, content: bytes) -> Document:
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def upload_image(name: str, content: bytes) -> Image:
    return Image.objects.create(title=name, file=ImageFile(BytesIO(content), name=name))


class ScanPageTests(TestCase):
    def findings(self, page):
        return [(f.kind, f.place) for f in scan_page(page)]

    def test_text_fields_and_body_blocks_with_their_place(self):
        page = PracticeGuidePageFactory(
            summary="A guide for social workers.",
            contact_point="Coordinator, phone 064 123 4567",
            body=[
                ("rich_text", RichText("<p>Intro.</p>")),
                ("rich_text", RichText("<p>The victim <b>Ana</b> was placed.</p>")),
                ("quote", {"text": "Write to mira@example.org", "attribution": ""}),
            ],
        )
        self.assertEqual(
            self.findings(page),
            [
                ("name", "Body › block 2 (Text)"),
                ("email", "Body › block 3 (Quote)"),
                ("phone", "Contact point"),
            ],
        )

    def test_pdf_attachment_is_read_page_by_page(self):
        pdf = upload_document("report.pdf", make_pdf("Contents", "JMBG 0103005710000"))
        page = PolicyBriefPageFactory(attachment=pdf)
        [finding] = scan_page(page)
        self.assertEqual(finding.kind, "jmbg")
        self.assertEqual(finding.place, "Attachment: report.pdf (report.pdf), page 2")
        self.assertNotIn("0103005710000", finding.excerpt)

    def test_docx_in_a_body_block(self):
        docx = upload_document("notes.docx", make_docx("Kontakt: ana@example.org"))
        page = PracticeGuidePageFactory(
            body=[("document", {"document": docx, "title": ""})]
        )
        self.assertEqual([f.kind for f in scan_page(page)], ["email"], scan_page(page))

    def test_gps_in_image_exif(self):
        located = upload_image("shelter.jpg", make_jpeg(gps=True))
        plain = upload_image("logo.jpg", make_jpeg(gps=False))
        page = PracticeGuidePageFactory(
            body=[
                ("image", {"image": located, "alt_text": "A house", "caption": ""}),
                ("image", {"image": plain, "alt_text": "A logo", "caption": ""}),
            ]
        )
        self.assertEqual(
            self.findings(page), [("gps", "Body › block 1 (Image): shelter.jpg")]
        )

    def test_unreadable_attachment_is_a_finding(self):
        broken = upload_document("broken.pdf", b"not a pdf at all")
        page = PolicyBriefPageFactory(attachment=broken)
        self.assertEqual([f.kind for f in scan_page(page)], ["unreadable"])

    def test_fingerprint_survives_moving_text_but_not_changing_it(self):
        page = PracticeGuidePageFactory(summary="The victim Ana was placed.")
        before = scan_page(page)[0].fingerprint
        page.summary = "Placed in 2011. The victim Ana was placed."
        self.assertEqual(scan_page(page)[0].fingerprint, before)
        page.summary = "The victim Marija was placed."
        self.assertNotEqual(scan_page(page)[0].fingerprint, before)


class EveryTextAReaderSeesTests(TestCase):
    """Addresses, library files and images, inline children: all read."""

    def kinds_by_place(self, page):
        return {(f.kind, f.place) for f in scan_page(page)}

    def test_the_slug_is_read_word_by_word(self):
        page = PracticeGuidePageFactory(slug="zrtva-ana-petrovic-0103005710000")
        self.assertEqual(
            self.kinds_by_place(page),
            {("name", "Slug"), ("jmbg", "Slug")},
        )

    def test_library_file_title_and_file_name_with_their_place_masked(self):
        report = upload_document(
            "victim-john-smith-0103005710000.pdf", make_pdf("Contents")
        )
        report.title = "Statement of the victim Sarah Smith"
        report.save()
        page = PracticeGuidePageFactory(
            body=[("document", {"document": report, "title": "Report"})]
        )
        findings = scan_page(page)
        places = {f.place for f in findings}
        self.assertEqual(
            {f.kind for f in findings}, {"name", "jmbg"}, [f.place for f in findings]
        )
        place = "Body › block 1 (Document): Statement of the victim S•••• S•••• (v•••"
        self.assertTrue(all(p.startswith(place) for p in places), places)
        self.assertTrue(any(p.endswith(", title") for p in places))
        self.assertTrue(any(p.endswith(", file name") for p in places))
        for finding in findings:
            self.assertNotIn("Smith", finding.place + finding.excerpt)

    def test_image_title_description_file_name_alt_text_and_caption(self):
        image = upload_image("girl-emma-jones.jpg", make_jpeg(gps=False))
        image.title = "Portrait"
        image.description = "The victim John Smith at the shelter"
        image.save()
        page = PracticeGuidePageFactory(
            body=[
                (
                    "image",
                    {
                        "image": image,
                        "alt_text": "The child Ana in a garden",
                        "caption": "Victim: Sarah Smith",
                    },
                )
            ]
        )
        places = {place for _kind, place in self.kinds_by_place(page)}
        image_place = "Body › block 1 (Image): Portrait"
        self.assertEqual(
            places,
            {
                f"{image_place}, description",
                f"{image_place}, file name",
                "Body › block 1 (Image)",
            },
        )
        self.assertEqual(len(scan_page(page)), 2 + 2 + 1 + 2)

    def test_follow_up_actions_and_modules(self):
        visit = StudyVisitPageFactory(
            follow_up_actions=[
                FollowUpAction(
                    description="Call the victim John Smith back.",
                    owner=PartnerFactory(),
                    note="His number is 064 123 4567.",
                )
            ]
        )
        self.assertEqual(
            {(f.kind, f.place) for f in scan_page(visit)},
            {
                ("name", "Follow-up action 1 › Description"),
                ("phone", "Follow-up action 1 › Note"),
            },
        )
        programme = TrainingProgrammePageFactory(
            modules=[
                TrainingModule(
                    title="Case of the girl Emma",
                    hours=2,
                    learning_outcomes="Reach the child at +386 41 123 456",
                )
            ]
        )
        self.assertEqual(
            {(f.kind, f.place) for f in scan_page(programme)},
            {
                ("name", "Training module 1 › Title"),
                ("phone", "Training module 1 › Learning outcomes"),
            },
        )
