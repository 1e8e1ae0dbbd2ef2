"""A members-only annex inside a document anyone may read: members read it on the
page, in their search and in their PDF; nobody else finds a trace of its words
in any output. The trust matrix (tests/trust/) checks every output for the
anonymous reader; here each output is checked for both audiences."""

import datetime
import io
import json
from io import StringIO
from pathlib import Path
from unittest import mock

from django.contrib.auth.models import AnonymousUser, Group
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from modelsearch.utils import get_content_type_pk
from pypdf import PdfReader
from wagtail.rich_text import RichText
from wagtail.search.models import IndexEntry

from follow.digests import send_digests
from follow.models import Subscription
from interchange.records import FORMAT_VERSION
from knowledge.filters import DocumentFilters
from knowledge.models import KnowledgePage
from practices.models import PracticeGuidePage
from safeguarding import gate
from safeguarding.scanner import scan_page
from search import backends
from search.models import MembersText
from search.queries import matching_documents
from search.text import parse_query
from tests.factories import (
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    UploadedDocumentFactory,
    UserFactory,
)
from tests.interchange import export_import_export, run_import
from tests.safeguarding.files import make_pdf
from tests.search.fixtures import SERVER_BACKENDS, rich_text, server_backend

# Words only the annex holds, and one only the public text holds.
SECRET = "escortlinezq"
PUBLIC_WORD = "fostermethodq"


def annex(text):
    return [("rich_text", RichText(f"<p>{text}</p>"))]


def members_entries():
    return IndexEntry.objects.filter(content_type_id=get_content_type_pk(MembersText))


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(b"".join(response)))
    return "\n".join(page.extract_text() for page in reader.pages)


class AnnexTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.guide = PracticeGuidePageFactory(
            title="Specialised foster care",
            slug="specialised-foster-care",
            summary="How the method works.",
            body=rich_text(f"The public method: {PUBLIC_WORD}."),
            members_annex=annex(f"Call the intake line, then the {SECRET} escort."),
        )
        cls.plain = PracticeGuidePageFactory(
            title="Plain guide", slug="plain-guide", summary="No annex here."
        )
        cls.member = UserFactory()

    def as_member(self):
        self.client.force_login(self.member)

    def search(self, **params):
        response = self.client.get(reverse("search"), {**params, "format": "json"})
        self.assertEqual(response.status_code, 200)
        return json.loads(response.content)


class PageTests(AnnexTestCase):
    def test_anonymous_readers_are_told_it_exists_and_asked_to_sign_in(self):
        response = self.client.get(self.guide.url)
        self.assertContains(response, "Members can read the operational annex")
        self.assertContains(response, f"/en/accounts/login/?next={self.guide.url}")
        self.assertNotContains(response, SECRET)
        self.assertNotContains(response, "intake line")

    def test_members_read_it_on_the_page(self):
        self.as_member()
        response = self.client.get(self.guide.url)
        self.assertContains(response, SECRET)
        self.assertContains(response, "Operational annex")
        self.assertNotContains(response, "Members can read the operational annex")
        self.assertIn("no-store", response["Cache-Control"])

    def test_a_document_without_an_annex_says_nothing_of_one(self):
        self.assertNotContains(
            self.client.get(self.plain.url), "Members can read the operational annex"
        )

    def test_the_anonymous_page_cache_never_serves_a_members_page(self):
        with self.settings(PAGE_CACHE_SECONDS=60):
            self.client.get(self.guide.url)  # cached for anonymous readers
            self.as_member()
            self.assertContains(self.client.get(self.guide.url), SECRET)
            self.client.logout()
            self.assertNotContains(self.client.get(self.guide.url), SECRET)

    def test_briefs_and_study_visits_have_one_too(self):
        self.as_member()
        for factory in (PolicyBriefPageFactory, StudyVisitPageFactory):
            document = factory(members_annex=annex(f"Referral {SECRET}"))
            with self.subTest(document.document_type):
                self.assertContains(self.client.get(document.url), SECRET)

    def test_the_admin_edits_it_in_a_tab_of_its_own(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        response = self.client.get(
            reverse("wagtailadmin_pages:edit", args=[self.guide.pk])
        )
        self.assertContains(response, "Members-only annex")
        self.assertContains(response, "Anonymous readers see only that")
        self.assertContains(response, 'data-contentpath="members_annex"')


class SearchTests(AnnexTestCase):
    def test_anonymous_readers_never_match_its_words(self):
        found = self.search(q=SECRET)
        self.assertEqual((found["total"], found["results"]), (0, []))
        self.assertNotIn(SECRET, json.dumps({**found, "query": ""}))
        # Nor with a word of the public text: every word must match.
        self.assertEqual(self.search(q=f"{PUBLIC_WORD} {SECRET}")["all_words_total"], 0)

    def test_anonymous_snippets_and_counts_hold_nothing_of_it(self):
        found = self.search(q="intake")
        self.assertEqual(found["total"], 0)
        found = self.search(q=PUBLIC_WORD)
        self.assertEqual([hit["slug"] for hit in found["results"]], [self.guide.slug])
        self.assertNotIn(SECRET, json.dumps(found))
        types = {value["value"]: value["count"] for value in found["facets"]["type"]}
        self.assertEqual(types, {"practice": 1})

    def test_members_match_it_with_a_snippet(self):
        self.as_member()
        found = self.search(q=SECRET)
        self.assertEqual([hit["slug"] for hit in found["results"]], [self.guide.slug])
        self.assertIn(f"<mark>{SECRET}</mark>", found["results"][0]["highlight"])
        types = {value["value"]: value["count"] for value in found["facets"]["type"]}
        self.assertEqual(types, {"practice": 1})

    def test_members_match_words_of_the_annex_and_the_body_together_once(self):
        self.as_member()
        found = self.search(q=f"{PUBLIC_WORD} {SECRET}")
        self.assertEqual((found["all_words_total"], found["total"]), (1, 1))
        self.assertEqual(self.search(q=PUBLIC_WORD)["total"], 1)

    def test_kept_answers_are_not_shared_between_audiences(self):
        with self.settings(SEARCH_CACHE_SECONDS=60):
            self.as_member()
            self.assertEqual(self.search(q=SECRET)["total"], 1)
            self.client.logout()
            self.assertEqual(self.search(q=SECRET)["total"], 0)
            self.as_member()
            self.assertEqual(self.search(q=SECRET)["total"], 1)

    def test_did_you_mean_learns_its_words_for_members_only(self):
        typo = SECRET[:1] + SECRET[2:]
        self.assertNotIn(SECRET, self.search(q=typo)["suggestion"] or "")
        self.as_member()
        self.assertEqual(self.search(q=typo)["suggestion"], SECRET)

    def test_autocomplete_never_offers_it(self):
        for reader in (None, self.member):
            if reader:
                self.client.force_login(reader)
            response = self.client.get(
                reverse("search_autocomplete"), {"q": SECRET[:6]}
            )
            self.assertNotIn(SECRET, response.content.decode())

    def test_a_saved_search_feed_holds_nothing_of_it(self):
        response = self.client.get(reverse("search_feed"), {"q": SECRET})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.guide.title, response.content.decode())

    def test_saved_searches_find_it_for_members_only(self):
        for user, expected in (
            (AnonymousUser(), set()),
            (self.member, {self.guide.pk}),
        ):
            with self.subTest(member=user.is_authenticated):
                self.assertEqual(
                    matching_documents(
                        user=user, query=parse_query(SECRET), filters=DocumentFilters()
                    ),
                    expected,
                )


class IndexTests(AnnexTestCase):
    def test_only_a_document_with_an_annex_has_a_members_entry(self):
        self.assertEqual(
            list(members_entries().values_list("object_id", flat=True)),
            [str(self.guide.pk)],
        )

    def test_the_own_entry_never_holds_the_annex(self):
        own = IndexEntry.objects.get(
            content_type_id=get_content_type_pk(PracticeGuidePage),
            object_id=str(self.guide.pk),
        )
        members = members_entries().get()
        self.assertIn(PUBLIC_WORD, str(members.body))
        self.assertIn(SECRET, str(members.body))
        self.assertIn(PUBLIC_WORD, str(own.body))
        self.assertNotIn(SECRET, str(own.body))

    def test_removing_the_annex_or_the_page_removes_the_members_entry(self):
        guide = PracticeGuidePage.objects.get(pk=self.guide.pk)
        guide.members_annex = []
        guide.save_revision().publish()
        self.assertFalse(members_entries().exists())
        other = PracticeGuidePageFactory(members_annex=annex(SECRET))
        self.assertEqual(members_entries().count(), 1)
        other.delete()
        self.assertFalse(members_entries().exists())

    def test_wagtails_own_search_never_reads_members_entries(self):
        self.assertEqual(list(KnowledgePage.objects.live().search(SECRET)), [])

    def test_the_search_server_is_never_sent_the_annex(self):
        for module in SERVER_BACKENDS:
            backend = server_backend(module)
            with self.subTest(backend=module):
                mapping = backend.mapping_class(PracticeGuidePage)
                self.assertNotIn(SECRET, json.dumps(mapping.get_mapping()))
                document = mapping.get_document(self.guide)
                self.assertNotIn(SECRET, json.dumps(document, default=str))
                self.assertIn(PUBLIC_WORD, json.dumps(document, default=str))

    def test_with_a_search_server_members_find_it_in_the_database(self):
        """The server does not hold the annex: for members, the documents whose
        members' entry matches follow the server's candidates."""
        with (
            mock.patch.object(backends, "server_configured", return_value=True),
            mock.patch.object(backends.ServerMatcher, "fetch", return_value=[]),
        ):
            self.assertEqual(self.search(q=SECRET)["total"], 0)
            self.as_member()
            found = self.search(q=SECRET)
        self.assertEqual([hit["slug"] for hit in found["results"]], [self.guide.slug])


class OutputTests(AnnexTestCase):
    def test_the_api_never_shows_it(self):
        for reader in (None, self.member):
            if reader:
                self.client.force_login(reader)
            detail = self.client.get(
                reverse("wagtailapi:pages:detail", args=[self.guide.pk])
            )
            self.assertEqual(detail.status_code, 200)
            self.assertNotIn(SECRET, detail.content.decode())
            found = self.client.get(
                reverse("wagtailapi:pages:listing"), {"search": SECRET}
            )
            self.assertEqual(json.loads(found.content)["items"], [])

    def test_feed_sitemap_and_citations_never_show_it(self):
        for url in (
            reverse("document_feed"),
            reverse("sitemap"),
            f"{self.guide.url}cite.bib",
            f"{self.guide.url}cite.ris",
        ):
            for reader in (None, self.member):
                if reader:
                    self.client.force_login(reader)
                with self.subTest(url=url, member=reader is not None):
                    response = self.client.get(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn(SECRET, b"".join(response).decode())

    def test_the_members_pdf_holds_it_and_the_public_pdf_does_not(self):
        self.guide.save_revision().publish()  # a live revision: PDFs are kept
        url = f"{self.guide.url}pdf/"
        public = self.client.get(url)
        self.assertNotIn(SECRET, pdf_text(public))
        self.assertIn(PUBLIC_WORD, pdf_text(public))
        self.as_member()
        members = self.client.get(url)
        self.assertIn(SECRET, pdf_text(members))
        self.assertIn("private", members["Cache-Control"])
        self.assertNotEqual(members["ETag"], public["ETag"])
        # Kept apart in the cache too: the anonymous reader's next PDF is theirs.
        self.client.logout()
        self.assertNotIn(SECRET, pdf_text(self.client.get(url)))

    def test_a_members_digest_names_the_document_without_its_annex(self):
        Subscription.objects.create(
            user=self.member,
            kind="search",
            target=f"q={SECRET}",
            sent_until=timezone.now() - datetime.timedelta(days=30),
        )
        KnowledgePage.objects.filter(pk=self.guide.pk).update(
            first_published_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        send_digests()
        (message,) = mail.outbox
        text = message.body + "".join(c for c, _ in message.alternatives)
        self.assertIn(self.guide.title, text)
        self.assertNotIn("intake line", text)


class FileTests(TestCase):
    def setUp(self):
        # In this test's own media folder.
        self.file = UploadedDocumentFactory(
            title="Referral contacts",
            file=ContentFile(make_pdf("Contacts"), name="contacts.pdf"),
        )
        self.guide = PracticeGuidePageFactory(
            members_annex=[
                ("document", {"document": self.file, "title": "Contacts"}),
            ]
        )

    def test_a_file_linked_only_from_an_annex_is_for_members_only(self):
        response = self.client.get(self.file.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])
        self.client.force_login(UserFactory())
        self.assertEqual(self.client.get(self.file.url).status_code, 200)

    def test_it_stays_for_members_only_after_an_export_and_an_import(self):
        self.guide.members_annex = [
            (
                "rich_text",
                RichText(f'<p><a linktype="document" id="{self.file.pk}">x</a></p>'),
            ),
        ]
        self.guide.save_revision().publish()
        self.assertEqual(self.client.get(self.file.url).status_code, 302)
        export_import_export()
        response = self.client.get(self.file.url)
        self.assertEqual(response.status_code, 302)

    def test_the_api_lists_it_to_nobody(self):
        listing = self.client.get(reverse("wagtailapi:documents:listing"))
        ids = [item["id"] for item in json.loads(listing.content)["items"]]
        self.assertNotIn(self.file.pk, ids)


class SafeguardingTests(TestCase):
    def test_personal_data_only_in_the_annex_holds_publication_back(self):
        page = PracticeGuidePageFactory(
            live=False,
            members_annex=annex("The victim Ana Petrović, JMBG 0103005710000."),
        )
        self.assertEqual(
            {finding.field for finding in scan_page(page)}, {"members_annex"}
        )
        with self.assertRaises(gate.PublicationRefused):
            page.save_revision().publish()
        self.assertFalse(PracticeGuidePage.objects.get(pk=page.pk).live)


class InterchangeTests(TestCase):
    def test_an_export_keeps_it_and_an_import_writes_it(self):
        guide = PracticeGuidePageFactory(
            slug="annexed", members_annex=annex(f"Call the {SECRET} line.")
        )
        records = export_import_export()
        (record,) = [r for r in records if r.get("slug") == "annexed"]
        self.assertEqual(record["members_annex"], f"Call the {SECRET} line.")
        self.assertEqual(records[0]["version"], FORMAT_VERSION)
        run_import([{**record, "members_annex": "Escort *by two* workers."}])
        guide = PracticeGuidePage.objects.get(pk=guide.pk)
        self.assertEqual(
            guide.members_annex[0].value.source,
            "<p>Escort <em>by two</em> workers.</p>",
        )
        # Indexed for members, as a document edited in the admin.
        self.assertEqual(members_entries().count(), 1)

    def test_a_file_without_the_key_leaves_the_annex_as_it_is(self):
        Group.objects.create(name="Police")
        formats = Path(__file__).parent / "interchange" / "formats"
        call_command(
            "import_content", str(formats / "version-4.jsonl"), stdout=StringIO()
        )
        guide = PracticeGuidePage.objects.get(slug="legacy-mentoring")
        self.assertFalse(guide.has_members_annex)
        guide.members_annex = annex(SECRET)
        guide.save_revision().publish()
        call_command(
            "import_content", str(formats / "version-4.jsonl"), stdout=StringIO()
        )
        self.assertIn(
            SECRET,
            PracticeGuidePage.objects.get(pk=guide.pk).members_annex_text(),
        )
