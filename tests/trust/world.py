"""The shared world of the trust matrix: readers, restriction kinds, and helpers
that make documents and drive the admin the way an editor or reviewer does."""

import datetime
import re
from dataclasses import dataclass, field
from io import BytesIO

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from knowledge.models import Topic
from knowledge.permissions import PRACTITIONERS
from practices.models import EvaluationDocument, PracticeGuidePage, PracticeIndexPage
from tests.factories import (
    PartnerFactory,
    UploadedDocumentFactory,
    UserFactory,
    user_with_role,
)

PUBLIC, LOGIN, GROUPS, PASSWORD = "public", "login", "groups", "password"
KINDS = (PUBLIC, LOGIN, GROUPS, PASSWORD)
PAGE_PASSWORD = "matrix passphrase"
OTHER_GROUP = "Partner staff"
# A word every document of every path carries as well as its path's own (in its
# summary, and as a topic): one listing, search or feed for it shows every
# path's documents, so a reader asks for it once for the whole matrix.
SHARED = "matrixallq"


def annex_marker(token: str) -> str:
    """The word a document's members-only annex holds: no output may show it to
    a reader who is not signed in."""
    return f"{token}annexq"


def members_annex(token: str):
    return [("rich_text", RichText(f"<p>Intake line {annex_marker(token)}.</p>"))]


READERS = ("anonymous", "practitioner", "other_group", "reviewer")
# Who may open a document of each audience. A group restriction names the
# practitioners' group; the other group's member and the reviewer are outside it.
MAY_OPEN = {
    PUBLIC: set(READERS),
    LOGIN: {"practitioner", "other_group", "reviewer"},
    GROUPS: {"practitioner"},
    PASSWORD: set(),
}


def may_open(reader: str, audience: str, *, public_only: bool = False) -> bool:
    """Whether ``reader`` may see a document of ``audience`` in an output; a
    public-only output (API, feeds, sitemap) shows public documents only."""
    if public_only:
        return audience == PUBLIC
    return reader in MAY_OPEN[audience]


def file_bytes(token: str) -> bytes:
    """A one-page PDF (the safeguarding check reads it) titled ``token``."""
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    writer.add_metadata({"/Title": token})
    pdf = BytesIO()
    writer.write(pdf)
    return pdf.getvalue()


def shows(text: str, token: str) -> bool:
    """Whether ``token`` appears as a word (not inside a longer one)."""
    return re.search(rf"(?<![a-z0-9]){token}(?![a-z0-9])", text, re.I) is not None


@dataclass
class Target:
    """A document a path produced, and who may read it afterwards."""

    page: PracticeGuidePage
    audience: str
    # Set from the path: the word its documents share, and this one's own.
    word: str = ""
    token: str = ""

    @property
    def file(self):
        return self.page.evaluation_documents.get().document


@dataclass
class World:
    section: PracticeIndexPage
    practitioners: Group
    reviewer: object
    admin: object
    users: dict
    partners: dict = field(default_factory=dict)
    editors: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    holders: dict = field(default_factory=dict)
    # Filled by the matrix: each path's documents, and what went wrong applying it.
    targets: dict = field(default_factory=dict)
    failures: dict = field(default_factory=dict)
    media: object = None
    # Answers to world-wide addresses (the shared word's listings), by reader:
    # kept for every output without ``prepare``, as the world does not change.
    answers: dict = field(default_factory=dict)
    # Each reader's session, signed in once with the world (the tests' own
    # transactions leave it as it was).
    sessions: dict = field(default_factory=dict)

    @classmethod
    def build(cls):
        other = UserFactory()
        other.groups.add(Group.objects.get_or_create(name=OTHER_GROUP)[0])
        reviewer = user_with_role("reviewer")
        world = cls(
            section=PracticeIndexPage.objects.get(locale__language_code="en"),
            practitioners=Group.objects.get(name=PRACTITIONERS),
            reviewer=reviewer,
            admin=user_with_role("admin"),
            users={
                "anonymous": None,
                "practitioner": user_with_role("practitioner"),
                "other_group": other,
                "reviewer": reviewer,
            },
        )
        for name, user in world.users.items():
            if user is not None:
                session = world.client(user).cookies[settings.SESSION_COOKIE_NAME]
                world.sessions[name] = session.value
        return world

    # Each path works with its own partner (own collections, own editor) and
    # its own topic, so that listings of one path fit one page.

    def partner(self, word):
        if word not in self.partners:
            self.partners[word] = PartnerFactory(slug=word, name=f"Partner {word}")
        return self.partners[word]

    def editor(self, word):
        if word not in self.editors:
            self.editors[word] = user_with_role("editor", partner=self.partner(word))
        return self.editors[word]

    def topic(self, word):
        if word not in self.topics:
            self.topics[word] = Topic.objects.create(name=f"Topic {word}", slug=word)
        return self.topics[word]

    def document_topics(self, word):
        """A document's topics: its path's own and the shared one."""
        return [self.topic(word), self.topic(SHARED)]

    def holder(self, kind):
        """A plain page in the practices section under a restriction of ``kind``."""
        if kind not in self.holders:
            holder = self.section.add_child(
                instance=Page(title=f"Closed {kind}", slug=f"closed-{kind}")
            )
            restrict(holder, kind, self)
            self.holders[kind] = holder
        return self.holders[kind]

    def upload(self, word, token):
        return UploadedDocumentFactory(
            title=token,
            file=ContentFile(file_bytes(token), name=f"{token}.pdf"),
            collection=self.partner(word).collection,
        )

    def guide(self, word, token, *, parent=None, slug=None):
        """A live guide with an evaluation file, as the factories make one."""
        page = PracticeGuidePage(
            title=f"{token} guide",
            slug=slug or token,
            summary=summary(word),
            partner=self.partner(word),
            country="RS",
            language="en",
            date=datetime.date(2011, 5, 1),
            evidence_level="emerging",
            evaluation_documents=[
                EvaluationDocument(document=self.upload(word, token), label="Study")
            ],
            members_annex=members_annex(token),
        )
        page.topics.set(self.document_topics(word))
        (parent or self.section).add_child(instance=page)
        page.save_revision(clean=False)
        return page

    def client(self, user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    def reader(self, name):
        """A fresh client of reader ``name``, in the session made with the world."""
        client = Client()
        if name in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[name]
        else:
            assert self.users[name] is None, name
        return client

    def post(self, user, url, data=None, *, expect=(200, 302)):
        response = self.client(user).post(url, data or {})
        assert response.status_code in expect, (url, response.status_code)
        return response


def summary(word):
    return f"Matrix document {word} {SHARED}."


def restrict(page, kind, world):
    """Put a view restriction of ``kind`` on ``page``, as a reviewer would."""
    if kind == PUBLIC:
        return
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password=PAGE_PASSWORD if kind == PASSWORD else "",
    )
    if kind == GROUPS:
        restriction.groups.set([world.practitioners])


def guide_form(page, *, restricted=False, **overrides):
    """What the admin's edit form posts for ``page`` (a guide's current or old
    content): its fields, its evaluation files, "restricted" as ticked."""
    evaluations = list(page.evaluation_documents.all())
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "partner": page.partner_id,
        "country": str(page.country),
        "language": page.language,
        "date": str(page.date),
        "topics": ", ".join(f'"{topic.name}"' for topic in page.topics.all()),
        "review_interval": page.review_interval,
        "body": streamfield([]),
        "members_annex": streamfield(
            [
                (block.block_type, rich_text(block.value.source))
                for block in page.members_annex
            ]
        ),
        "evidence_level": page.evidence_level,
        "target_groups": "",
        "other_standards": "",
        "contact_point": "",
        "evaluation_documents": inline_formset(
            [
                {"id": e.pk or "", "document": e.document_id, "label": e.label}
                for e in evaluations
            ],
            initial=sum(1 for e in evaluations if e.pk),
        ),
        "comments": inline_formset([]),
        "standard_citations": inline_formset([]),
    }
    if restricted:
        data["restricted"] = "on"
    data.update(overrides)
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def fresh_form(page, **overrides):
    """The edit form as it is shown now, ready to post back: "restricted" is
    ticked when the page is restricted."""
    page = PracticeGuidePage.objects.get(pk=page.pk)
    return guide_form(page, restricted=page.restricted, **overrides)
