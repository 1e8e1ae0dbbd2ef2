"""What a new reader sees first, after the setup `make run` makes (the page tree
migrate writes, then the demo content): the home and section pages of /sr/,
/sr-latn/ and /sl/ carry no English interface, nor do the pages a reader and a
member meet next (each type's document page, a guide's parts and members-only
annex, the comparison, a lineage, a page's password form, the subscriptions,
the offline page, sign-in, search, topics, the evidence page and a 404).

Text counts as interface when it is in the page's language: an element whose
``lang`` says it is in another language (a document's title on a card, the
language switcher) is content or a name, not chrome. English is recognised by
the words of the site's English interface strings (the catalogue's message ids)
that no translation uses, and by English dates ("5 Nov 2019"). Brand, partner
and standard names (a standard's and its articles') are allowed; nothing else
is. The page's title counts without what it quotes of content marked as
another language (a document's title).
"""

import gettext
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from follow.models import Subscription
from knowledge.document_types import document_types
from knowledge.models import Partner, Topic
from knowledge.selectors import visible_documents
from practices.models import PracticeGuidePage
from standards.models import Standard, StandardArticle
from tests.browser.admin import PASSWORD, account

pytestmark = pytest.mark.browser

LANGUAGES = {"sr": "sr-Cyrl", "sr-latn": "sr-Latn", "sl": "sl"}
BRAND = ["STOP!", "Stop Trafficking Of People"]
# Day, capitalised month, year: "5 Nov 2019", "5 Нов. 2019" (Serbian and
# Slovenian write months in lower case).
CAPITALISED_DATE = re.compile(r"\b\d{1,2}\.? \w*?[A-ZА-Ш]\w*\.? \d{4}\b")
WORD = re.compile(r"[^\W\d_]{3,}")
# An address (a citation's) is no words.
ADDRESS = re.compile(r"https?://\S+")

# Every text node and every text a person may be read or shown in an attribute,
# with the language it is marked as being in.
INTERFACE_TEXT = """() => {
    const language = (element) => element.closest("[lang]").getAttribute("lang");
    const pageLanguage = document.documentElement.lang;
    let title = document.title;
    for (const element of document.body.querySelectorAll("[lang]")) {
        const quoted = element.textContent.trim();
        if (language(element) !== pageLanguage && quoted) {
            title = title.replace(quoted, " ");
        }
    }
    const found = [[title, pageLanguage]];
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
    text = ADDRESS.sub(" ", text)
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


def section_paths(prefix: str) -> dict[str, str]:
    return {"home": f"/{prefix}/"} | {
        entry.key: f"/{prefix}/{entry.section.slug}/" for entry in document_types
    }


def test_an_earlier_run_left_in_english_is_translated_by_the_next(
    page, left_in_english, demo_content
):
    call_command("migrate", verbosity=0)
    assert_no_english_interface(page, section_paths)


def test_no_english_interface_outside_english(page, demo_content):
    assert_no_english_interface(page, section_paths)


def english_documents() -> dict:
    """A published English document of each type anyone may read, by type key."""
    return {
        entry.key: visible_documents(user=AnonymousUser(), model=entry.model_label)
        .filter(language="en")
        .order_by("pk")
        .first()
        for entry in document_types
    }


def test_no_english_interface_on_the_pages_met_next(page, demo_content):
    documents = english_documents()
    guide = PracticeGuidePage.objects.get(slug="specialised-foster-care-model")
    assert guide.language == "en" and guide.problem and guide.method
    guide.members_annex = [("rich_text", RichText("<p>Call the intake line.</p>"))]
    guide.save_revision().publish()
    compared = [
        visible_documents(user=AnonymousUser(), model="practices.PracticeGuidePage")
        .filter(language=language)
        .order_by("pk")
        .first()
        .pk
        for language in ("en", "sl", "sr-Cyrl")
    ]
    # Another English brief than the one walked as it is.
    guarded = (
        visible_documents(user=AnonymousUser(), model="briefs.PolicyBriefPage")
        .filter(language="en")
        .exclude(pk=documents["brief"].pk)
        .first()
    )
    PageViewRestriction.objects.create(
        page=guarded, restriction_type="password", password="shared with partners"
    )
    topic = Topic.objects.filter(tagged_documents__isnull=False).first()
    member = account("practitioner", email="member@example.org")
    article = StandardArticle.objects.order_by("pk").first()
    for kind, target in (
        ("topic", topic.slug),
        ("partner", guide.partner.slug),
        ("article", article.reference),
        ("search", "q=ASTRA"),
    ):
        Subscription.objects.create(user=member, kind=kind, target=target)

    def pages_met_next(prefix: str) -> dict[str, str]:
        def address(document) -> str:
            return f"/{prefix}{document.url_path.removeprefix('/home')}"

        guides = "&".join(f"guides={pk}" for pk in compared)
        return {
            "guide": address(guide),
            "lineage": f"{address(guide)}lineage/",
            **{key: address(document) for key, document in documents.items()},
            "comparison": f"/{prefix}/practices/compare/?{guides}",
            "no comparison": f"/{prefix}/practices/compare/",
            "password": address(guarded),
            "offline": f"/{prefix}/offline/",
            "sign-in": f"/{prefix}/accounts/login/",
            "search": f"/{prefix}/search/?q=ASTRA",
            "topics": f"/{prefix}/topics/",
            "topic": f"/{prefix}/topics/{topic.slug}/",
            "evidence": f"/{prefix}/evidence/",
            "404": f"/{prefix}/no-such-page/",
        }

    assert_no_english_interface(page, pages_met_next)
    # What the walk was to meet was there.
    paths = pages_met_next("sl")
    page.goto(paths["guide"])
    assert page.locator(".members-annex-notice").count() == 1
    assert page.locator(".practice-part h2").count() >= 5
    page.goto(paths["comparison"])
    assert page.locator(".compare-title").count() == 3
    page.goto(paths["password"])
    assert page.locator('input[name="password"]').count() == 1

    page.goto("/en/accounts/login/")
    form = page.get_by_role("main")
    form.get_by_label("Username").fill(member.username)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/")

    def member_pages(prefix: str) -> dict[str, str]:
        return {
            "guide": pages_met_next(prefix)["guide"],
            "subscriptions": f"/{prefix}/accounts/subscriptions/",
        }

    assert_no_english_interface(page, member_pages)
    paths = member_pages("sl")
    page.goto(paths["guide"])
    assert page.locator(".members-annex").get_by_text("Call the intake line").count()
    page.goto(paths["subscriptions"])
    assert page.locator("table.subscriptions tbody tr").count() == 4


def assert_no_english_interface(page, paths_for):
    """Walk the pages of ``paths_for(prefix)`` (by name) in each language other
    than English."""
    vocabulary = english_words()
    assert {"search", "guides", "training", "sign"} <= vocabulary
    articles = StandardArticle.objects.values_list("label", "title")
    allowed = sorted(
        BRAND
        + list(Partner.objects.values_list("name", flat=True))
        + list(Standard.objects.values_list("title", flat=True))
        + list(Standard.objects.values_list("short_name", flat=True))
        + [name for label_and_title in articles for name in label_and_title],
        key=len,
        reverse=True,
    )
    problems = []
    for prefix, lang in LANGUAGES.items():
        for name, path in paths_for(prefix).items():
            response = page.goto(path)
            expected = 404 if name == "404" else 200
            assert response.status == expected, path
            assert page.locator("html").get_attribute("lang") == lang
            for text, text_lang in page.evaluate(INTERFACE_TEXT):
                if text_lang != lang:
                    continue
                english = english_in(text, vocabulary, allowed)
                if english:
                    problems.append(f"{path}: {text.strip()[:80]!r} {english}")
    assert not problems, "English on pages in other languages:\n" + "\n".join(problems)
