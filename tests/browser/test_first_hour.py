"""What a new reader sees first, after the setup `make run` makes (the page tree
migrate writes, then the demo content): the home and section pages of /sr/,
/sr-latn/ and /sl/ carry no English interface.

Text counts as interface when it is in the page's language: an element whose
``lang`` says it is in another language (a document's title on a card, the
language switcher) is content or a name, not chrome. English is recognised by
the words of the site's English interface strings (the catalogue's message ids)
that no translation uses, and by English dates ("5 Nov 2019"). Brand, partner
and standard names are allowed; nothing else is.
"""

import gettext
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command

from knowledge.document_types import document_types
from knowledge.models import Partner
from standards.models import Standard

pytestmark = pytest.mark.browser

LANGUAGES = {"sr": "sr-Cyrl", "sr-latn": "sr-Latn", "sl": "sl"}
BRAND = ["STOP!", "Stop Trafficking Of People"]
# Day, capitalised month, year: "5 Nov 2019", "5 Нов. 2019" (Serbian and
# Slovenian write months in lower case).
CAPITALISED_DATE = re.compile(r"\b\d{1,2}\.? \w*?[A-ZА-Ш]\w*\.? \d{4}\b")
WORD = re.compile(r"[^\W\d_]{3,}")

# Every text node and every text a person may be read or shown in an attribute,
# with the language it is marked as being in.
INTERFACE_TEXT = """() => {
    const found = [[document.title, document.documentElement.lang]];
    const language = (element) => element.closest("[lang]").getAttribute("lang");
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent.closest("script, style, template")) continue;
        if (node.textContent.trim()) found.push([node.textContent, language(parent)]);
    }
    const attributes = ["aria-label", "placeholder", "title", "alt"];
    for (const element of document.querySelectorAll("*")) {
        for (const name of attributes) {
            const value = element.getAttribute(name);
            if (value && value.trim()) found.push([value, language(element)]);
        }
    }
    return found;
}"""


def catalogue(folder: str) -> dict:
    path = Path(settings.BASE_DIR, "locale", folder, "LC_MESSAGES", "django.mo")
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def english_words() -> set[str]:
    """Words of the English interface that no translation also uses."""
    english, translated = set(), set()
    for folder in ("sr", "sr_Latn", "sl"):
        for msgid, msgstr in catalogue(folder).items():
            english |= words(msgid[0] if isinstance(msgid, tuple) else msgid)
            translated |= words(msgstr)
    return english - translated


def english_in(text: str, vocabulary: set[str], allowed: list[str]) -> list[str]:
    for name in allowed:
        text = text.replace(name, " ")
    found = sorted(words(text) & vocabulary)
    return found + CAPITALISED_DATE.findall(text)


@pytest.fixture
def left_in_english(transactional_db):
    """The database an earlier `make run` left: it migrated before the catalogues
    were compiled, so the other languages' home and sections were in English."""
    from knowledge.models import HomePage
    from knowledge.site_structure import ensure_site_structure

    for home in HomePage.objects.exclude(locale__language_code="en"):
        home.delete()
    with mock.patch("knowledge.site_structure.gettext", lambda message: message):
        ensure_site_structure()
    assert HomePage.objects.get(locale__language_code="sl").title == (
        "STOP! Knowledge Exchange"
    )


def test_an_earlier_run_left_in_english_is_translated_by_the_next(
    page, left_in_english, demo_content
):
    call_command("migrate", verbosity=0)
    assert_no_english_interface(page)


def test_no_english_interface_outside_english(page, demo_content):
    assert_no_english_interface(page)


def assert_no_english_interface(page):
    vocabulary = english_words()
    assert {"search", "guides", "training", "sign"} <= vocabulary
    allowed = sorted(
        BRAND
        + list(Partner.objects.values_list("name", flat=True))
        + list(Standard.objects.values_list("title", flat=True))
        + list(Standard.objects.values_list("short_name", flat=True)),
        key=len,
        reverse=True,
    )
    problems = []
    for prefix, lang in LANGUAGES.items():
        paths = [f"/{prefix}/"] + [
            f"/{prefix}/{entry.section.slug}/" for entry in document_types
        ]
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == lang
            for text, text_lang in page.evaluate(INTERFACE_TEXT):
                if text_lang != lang:
                    continue
                english = english_in(text, vocabulary, allowed)
                if english:
                    problems.append(f"{path}: {text.strip()[:80]!r} {english}")
    assert not problems, "English on pages in other languages:\n" + "\n".join(problems)
