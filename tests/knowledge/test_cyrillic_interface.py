"""The Cyrillic interface is Cyrillic throughout.

Any Latin-script word under /sr/ must also appear in the English rendering of the
same page (content and names, which are the same in every interface) or be one of
the names kept in Latin letters; a Latin word seen only under /sr/ is Serbian
interface text that was not transliterated.
"""

import re
from html.parser import HTMLParser

from django.test import TestCase

from serbian import KEEP_LATIN
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
)

LATIN_WORD = re.compile(r"[A-Za-zČčĆćĐđŠšŽž]+")
SHOWN_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "value"}


class InterfaceText(HTMLParser):
    """The words a reader sees or hears, outside script, style and elements
    marked as another language."""

    def __init__(self):
        super().__init__()
        self.words = set()
        self.skipping = []  # stack of tags whose content is not interface text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other_language = attrs.get("lang") not in (None, "sr-Cyrl")
        if self.skipping or tag in ("script", "style") or other_language:
            if tag not in ("br", "img", "input", "meta", "link", "hr", "source"):
                self.skipping.append(tag)
            return
        for name in SHOWN_ATTRIBUTES & attrs.keys():
            if name != "value" or attrs.get("type") in ("submit", "button"):
                self.add(attrs[name] or "")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.add(data)

    def add(self, text):
        self.words.update(LATIN_WORD.findall(text))


def latin_words(html: str) -> set[str]:
    parser = InterfaceText()
    parser.feed(html)
    return parser.words


def all_words(html: str) -> set[str]:
    return set(LATIN_WORD.findall(html))


KEPT = {word for name in KEEP_LATIN for word in LATIN_WORD.findall(name)}


class CyrillicInterfaceTests(TestCase):
    interface = "sr"

    @classmethod
    def setUpTestData(cls):
        partner = PartnerFactory(slug="astra", name="ASTRA")
        topic = TopicFactory(name="Foster care", slug="foster-care")
        cls.documents = [
            PracticeGuidePageFactory(partner=partner, topics=[topic]),
            PolicyBriefPageFactory(partner=partner, topics=[topic]),
            StudyVisitPageFactory(partner=partner, topics=[topic]),
        ]

    def test_no_latin_serbian_is_left_in_the_cyrillic_interface(self):
        paths = [
            "",
            "practices/",
            "exchanges/",
            "briefs/",
            "topics/",
            "topics/foster-care/",
            "partners/",
            "partners/astra/",
            "search/?q=summary",
            "search/?q=nothing-matches-this",
            "accounts/login/",
            "accounts/password_reset/",
            "no-such-page/",
        ]
        paths += [document.url.removeprefix("/en/") for document in self.documents]
        for path in paths:
            with self.subTest(path=path):
                cyrillic = self.client.get(f"/{self.interface}/{path}")
                self.assertIn(cyrillic.status_code, (200, 404))
                english = self.client.get(f"/en/{path}").content.decode()
                leaked = (
                    latin_words(cyrillic.content.decode()) - all_words(english) - KEPT
                )
                self.assertEqual(leaked, set())
                # ... and the interface is really translated, not left in English.
                self.assertRegex(cyrillic.content.decode(), "Претрага")
