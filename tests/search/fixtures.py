"""What the search tests share: a fixed set of documents, the hostile queries
every search entry point must survive, a search server that never answers, and
the server backends as the site configures them (checked without a server)."""

import datetime

from django.urls import reverse
from modelsearch.backends import get_search_backend

from search.backends import search_backends
from tests.factories import (
    PartnerFactory,
    PolicyBriefPageFactory,
    PracticeGuidePageFactory,
    StudyVisitPageFactory,
    TopicFactory,
    UserFactory,
)

# Nothing listens on port 9 (discard): every request to it fails at once.
DEAD_SERVER = "http://127.0.0.1:9/"

SERVER_BACKENDS = [
    "wagtail.search.backends.elasticsearch8",
    "wagtail.search.backends.elasticsearch9",
    "wagtail.search.backends.opensearch2",
    "wagtail.search.backends.opensearch3",
]


def server_backend(module):
    """The backend as the site configures it, for another client version."""
    params = search_backends(elasticsearch_url=DEAD_SERVER)["default"]
    params = {key: value for key, value in params.items() if key != "BACKEND"}
    return get_search_backend(module, **params)


def slugs(client, q):
    """The slugs of the documents a search for ``q`` finds, best first."""
    response = client.get(reverse("search"), {"q": q, "format": "json"})
    return [result["slug"] for result in response.json()["results"]]


def rich_text(text):
    return [{"type": "rich_text", "value": f"<p>{text}</p>"}]


class SearchFixture:
    """A small fixed set of documents with known words, in three scripts."""

    @classmethod
    def setUpTestData(cls):
        cls.astra = PartnerFactory(name="ASTRA", slug="astra", country="RS")
        cls.kljuc = PartnerFactory(name="Društvo Ključ", slug="kljuc", country="SI")
        cls.foster_care = TopicFactory(name="Foster care", slug="foster-care")
        cls.training = TopicFactory(name="Training", slug="training")
        cls.foster_title = PracticeGuidePageFactory(
            title="Specialised foster care for trafficked children",
            slug="foster-title",
            summary="How ASTRA built a network of trained families.",
            body=rich_text("Families received accredited training."),
            partner=cls.astra,
            language="en",
            date=datetime.date(2011, 3, 1),
            topics=[cls.foster_care],
        )
        cls.foster_summary = PolicyBriefPageFactory(
            title="Care placements after identification",
            slug="foster-summary",
            summary="Why foster placements protect children better than shelters.",
            body=rich_text("Shelters remain necessary for adults."),
            partner=cls.astra,
            language="en",
            date=datetime.date(2012, 6, 1),
            topics=[cls.foster_care, cls.training],
        )
        cls.foster_body = PracticeGuidePageFactory(
            title="Training social workers",
            slug="foster-body",
            summary="A curriculum for social work centres.",
            body=rich_text("One module covers foster families and their support."),
            partner=cls.kljuc,
            country="SI",
            language="en",
            date=datetime.date(2013, 1, 1),
            topics=[cls.training],
        )
        cls.cyrillic = PolicyBriefPageFactory(
            title="Трговина људима и деца",
            slug="cyrillic",
            summary="Заштита жртава трговине људима у Србији.",
            partner=cls.astra,
            language="sr-Cyrl",
            date=datetime.date(2010, 10, 1),
        )
        cls.latin = PolicyBriefPageFactory(
            title="Žrtve trgovine ljudima",
            slug="latin",
            summary="Podrška za žrtve i njihove porodice.",
            partner=cls.astra,
            language="sr-Latn",
            date=datetime.date(2011, 11, 1),
        )
        cls.slovene = StudyVisitPageFactory(
            title="Obisk v Ljubljani",
            slug="slovene",
            summary="Rejniške družine in šole sodelujejo.",
            partner=cls.kljuc,
            country="SI",
            language="sl",
            date=datetime.date(2011, 5, 1),
            location="Ljubljana, Slovenija",
        )
        cls.restricted = PracticeGuidePageFactory(
            title="Confidential foster shelter protocol",
            slug="restricted",
            summary="Secret foster addresses procedure.",
            partner=cls.astra,
            restricted=True,
            date=datetime.date(2011, 4, 1),
            topics=[cls.foster_care],
        )
        cls.draft = PracticeGuidePageFactory(
            title="Draft foster guidance unpublished",
            slug="draft",
            summary="Not ready foster text.",
            partner=cls.astra,
            live=False,
        )
        cls.member = UserFactory()


BAD_QUERIES = [
    "x" * 10_000,
    "foster\x00care",
    "\x00",
    " \t ",
    "🧒🏽 foster 🏠",
    "\u202efoster\u202c \u200b\u200d",
    "مرحبا עברית foster",
    '"',
    '"foster',
    'foster"care"',
    '"' * 500,
    '"a" ' * 300,
    "*",
    "foster*",
    "NEAR(foster care)",
    "foster AND",
    "AND OR NOT",
    "foster | care",
    "!foster",
    "foster:*",
    "foster <-> care",
    "(foster",
    ")))(((",
    "{title}: foster",
    "title:foster",
    "foster^3 ~2 -care +x",
    "\\' OR 1=1 --",
    "%",
    "_",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    " ".join(f"word{i}" for i in range(250)),
    "a " * 5_000,
]
