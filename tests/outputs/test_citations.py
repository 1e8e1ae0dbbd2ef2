import re

from django.test import TestCase

from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    UserFactory,
)


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """A small BibTeX reader: one entry, brace-delimited values, braces balanced."""
    match = re.fullmatch(r"\s*@(\w+)\{([^,\s]+),(.*)\}\s*", text, re.DOTALL)
    assert match, text
    entry_type, key, rest = match.groups()
    fields, position = {}, 0
    field_re = re.compile(r"\s*(\w+)\s*=\s*\{")
    while field := field_re.match(rest, position):
        depth, index = 1, field.end()
        while depth:
            char = rest[index]
            if char == "\\":
                index += 2
                continue
            depth += {"{": 1, "}": -1}.get(char, 0)
            index += 1
        fields[field[1]] = rest[field.end() : index - 1]
        position = index
        assert rest[position] == ",", rest[position:]
        position += 1
    assert not rest[position:].strip(), rest[position:]
    return entry_type, key, fields


def parse_ris(text: str) -> list[tuple[str, str]]:
    """RIS: one ``TAG  - value`` per CRLF-terminated line, closed by ``ER``."""
    assert text.endswith("\r\n")
    lines = text.removesuffix("\r\n").split("\r\n")
    tags = []
    for line in lines:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, line
        tags.append((match[1], match[2].rstrip()))
    assert tags[0][0] == "TY" and tags[-1] == ("ER", "")
    return tags


class CitationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = PartnerFactory(name="ASTRA & Friends {Beograd}", slug="astra")
        cls.brief = PolicyBriefPageFactory(
            title="Хранитељство: 100% for children_first",
            slug="foster-brief",
            partner=cls.partner,
            date="2011-05-17",
            language="sr-Cyrl",
            summary="Line one.\nLine two.",
            topics=[
                TopicFactory(
                    name="Foster care",
                    slug="foster-care",
                    name_sr_latn="Hraniteljstvo",
                    name_sl="Rejništvo",
                )
            ],
        )
        cls.guide = PracticeGuidePageFactory(
            title="Training guide", slug="training-guide", partner=cls.partner
        )
        cls.visit = StudyVisitPageFactory(slug="visit")
        cls.restricted = PracticeGuidePageFactory(slug="internal", restricted=True)

    def test_bibtex_parses_with_author_title_year_and_url(self):
        response = self.client.get("/en/briefs/foster-brief/cite.bib")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("application/x-bibtex"))
        self.assertIn('filename="foster-brief.bib"', response["Content-Disposition"])
        entry_type, key, fields = parse_bibtex(response.content.decode())
        self.assertEqual(entry_type, "techreport")
        self.assertRegex(key, r"^[a-z0-9]+$")
        self.assertEqual(fields["author"], r"{ASTRA \& Friends \{Beograd\}}")
        self.assertEqual(fields["title"], r"Хранитељство: 100\% for children\_first")
        self.assertEqual(fields["year"], "2011")
        self.assertEqual(fields["url"], "http://testserver/en/briefs/foster-brief/")
        self.assertNotIn("urldate", fields)

    def test_bibtex_has_the_abstract_and_keywords_ris_has(self):
        PolicyBriefPageFactory(
            slug="keyworded",
            summary="Line one.\nLine two.",
            topics=[
                TopicFactory(name="Foster care 2", slug="fc2"),
                TopicFactory(name="Child {victims} 100%", slug="cv"),
            ],
        )
        response = self.client.get("/en/briefs/keyworded/cite.bib")
        fields = parse_bibtex(response.content.decode())[2]
        self.assertEqual(fields["abstract"], "Line one. Line two.")
        self.assertEqual(fields["keywords"], r"Child \{victims\} 100\%, Foster care 2")

    def test_keywords_are_the_topics_names_in_the_readers_language(self):
        for language, name in (
            ("en", "Foster care"),
            ("sr-latn", "Hraniteljstvo"),
            ("sr", "Хранитељство"),
            ("sl", "Rejništvo"),
        ):
            with self.subTest(language=language):
                response = self.client.get(f"/{language}/briefs/foster-brief/cite.bib")
                fields = parse_bibtex(response.content.decode())[2]
                self.assertEqual(fields["keywords"], name)
                response = self.client.get(f"/{language}/briefs/foster-brief/cite.ris")
                self.assertIn(("KW", name), parse_ris(response.content.decode()))

    def test_ris_parses_with_author_title_year_and_url(self):
        response = self.client.get("/en/briefs/foster-brief/cite.ris")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response["Content-Type"].startswith("application/x-research-info-systems")
        )
        tags = parse_ris(response.content.decode())
        values = dict(tags)
        self.assertEqual(values["TY"], "RPRT")
        self.assertEqual(values["AU"], "ASTRA & Friends {Beograd}")
        self.assertEqual(values["TI"], "Хранитељство: 100% for children_first")
        self.assertEqual(values["PY"], "2011")
        self.assertEqual(values["DA"], "2011/05/17/")
        self.assertEqual(values["UR"], "http://testserver/en/briefs/foster-brief/")
        self.assertEqual(values["AB"], "Line one. Line two.")
        self.assertIn(("KW", "Foster care"), tags)
        self.assertNotIn("Y2", values)

    def test_practice_guides_are_cited_too(self):
        response = self.client.get("/en/practices/training-guide/cite.bib")
        self.assertEqual(parse_bibtex(response.content.decode())[0], "misc")
        response = self.client.get("/en/practices/training-guide/cite.ris")
        self.assertEqual(dict(parse_ris(response.content.decode()))["TY"], "GEN")

    def test_document_page_shows_apa_citation_and_download_links(self):
        response = self.client.get("/en/briefs/foster-brief/")
        self.assertContains(response, "Cite this")
        self.assertContains(
            response,
            'ASTRA &amp; Friends {Beograd}. (2011). <cite lang="sr-Cyrl">'
            "Хранитељство: 100% for children_first</cite> [Policy brief]. "
            "STOP! Knowledge Exchange. http://testserver/en/briefs/foster-brief/",
            html=True,
        )
        for href in ("pdf/", "cite.bib", "cite.ris"):
            self.assertContains(response, f'href="/en/briefs/foster-brief/{href}"')

    def test_the_site_and_topics_are_named_in_the_readers_language(self):
        response = self.client.get("/sl/briefs/foster-brief/")
        self.assertContains(
            response, "[Povzetek politike]. STOP! Izmenjava znanja. http://"
        )
        bibtex = self.client.get("/sl/briefs/foster-brief/cite.bib").content.decode()
        self.assertEqual(
            parse_bibtex(bibtex)[2]["note"], "Povzetek politike, STOP! Izmenjava znanja"
        )
        ris = dict(
            parse_ris(
                self.client.get("/sl/briefs/foster-brief/cite.ris").content.decode()
            )
        )
        self.assertEqual(ris["DB"], "STOP! Izmenjava znanja")
        self.assertEqual(ris["KW"], "Rejništvo")
        self.assertEqual(parse_bibtex(bibtex)[2]["keywords"], "Rejništvo")

    def test_study_visits_offer_no_citation_files(self):
        self.assertNotContains(self.client.get("/en/exchanges/visit/"), "cite.bib")
        for name in ("cite.bib", "cite.ris"):
            self.assertEqual(
                self.client.get(f"/en/exchanges/visit/{name}").status_code, 404
            )

    def test_unknown_paths_are_not_found(self):
        for url in (
            "/en/briefs/nope/cite.bib",
            "/cite.bib",
            "/en/briefs/foster-brief/cite.txt",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_restricted_citations_follow_page_privacy(self):
        for name in ("cite.bib", "cite.ris"):
            url = f"/en/practices/internal/{name}"
            with self.subTest(url=url):
                self.client.logout()
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertIn("/accounts/login/?next=", response["Location"])
                self.client.force_login(UserFactory())
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("private", response["Cache-Control"])
