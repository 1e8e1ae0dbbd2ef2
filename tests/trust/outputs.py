"""OUTPUTS: everything a reader can get from the site. Each output tells, for a
reader's client and a path's document, whether the document's token shows.
``prepare`` (inside the test's transaction) adds what the output needs to find
the document, such as a public page it would be listed on."""

import itertools
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from unittest import mock

from django.core import mail
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from follow.digests import send_digests
from follow.models import Subscription
from knowledge.evidence import EvidenceLevel
from knowledge.models import KnowledgePage, TaggedDocument, Topic
from outputs.feeds import FEED_SIZE
from practices.forms import MOST_COMPARED
from practices.models import PracticeGuidePage, PracticeIndexPage
from search.text import MAX_TERMS
from serving.offline import KEEP_HEADER
from standards.models import Standard, StandardArticle, StandardCitation
from tests.trust.world import PUBLIC, SHARED, annex_marker, shows


@dataclass(frozen=True)
class Output:
    name: str
    see: object
    # The site's URL names the output reads.
    urls: tuple
    # API, feeds and sitemap show public documents only, whoever asks.
    public_only: bool
    prepare: object
    # Whether the output's answer is text that may be searched for the word of
    # a document's members-only annex (not a count, a status or a link).
    text: bool


OUTPUTS: dict[str, Output] = {}


def output(*urls, public_only=False, prepare=None, text=True):
    def register(see):
        name = see.__name__
        OUTPUTS[name] = Output(name, see, urls, public_only, prepare, text)
        return see

    return register


class Reader:
    """A reader's client that asks each address once per check, and, for
    outputs that read the world as built (``shared``), once for the whole
    matrix: the same address asked again of an unchanged world answers alike,
    whichever output asks."""

    def __init__(self, name, client, shared=None):
        self.name, self.client = name, client
        # Only for outputs without ``prepare``: the world they read does not
        # change from one test to the next.
        self.shared = {} if shared is None else shared
        self.answers = self.shared if shared is not None else {}

    def get(self, url):
        key = (self.name, "get", url)
        if key not in self.answers:
            self.answers[key] = self.client.get(url)
        return self.answers[key]

    def text(self, url, *, content_type="text/html"):
        """The body, or "" unless the answer is a 200 of ``content_type``; read
        once (a file's answer streams)."""
        key = (self.name, "text", url, content_type)
        if key not in self.answers:
            self.answers[key] = body(self.get(url), content_type)
        return self.answers[key]

    def shared_text(self, url, fallback, *, content_type="text/html", complete):
        """The text of every page of the world-wide ``url``, read once for the
        whole matrix; when an answer is cut short (``complete`` says not), the
        text of this test's own ``fallback`` address instead."""
        key = (self.name, "all", url, content_type)
        if key not in self.shared:
            self.shared[key] = self.all_pages(url, content_type, complete)
        if self.shared[key] is None:
            return self.text(fallback, content_type=content_type)
        return self.shared[key]

    def all_pages(self, url, content_type, complete):
        texts = []
        for number in itertools.count(1):
            joiner = "&" if "?" in url else "?"
            address = url if number == 1 else f"{url}{joiner}page={number}"
            response = self.client.get(address)
            text = body(response, content_type)
            if not complete(response, text):
                return None
            texts.append(text)
            page = (response.context or {}).get("page_obj") if text else None
            if page is None or not page.has_next():
                return "\n".join(texts)
            assert page.number == number and number < 50, (address, page.number)


def body(response, content_type):
    if response.status_code != 200 or not response.get("Content-Type", "").startswith(
        content_type
    ):
        return ""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def whole(response, text):
    """A listing read page by page (see Reader.all_pages) is whole."""
    return True


def block(text, pattern):
    return " ".join(re.findall(pattern, text, re.S))


_anchors = itertools.count()


def anchor(*, language_code="en", **fields):
    """A public guide whose page shows the targets somewhere (no token of its own)."""
    number = next(_anchors)
    section = PracticeIndexPage.objects.get(locale__language_code=language_code)
    page = PracticeGuidePage(
        title=f"Anchor guide {number}",
        slug=f"anchor-{number}",
        summary="A public guide.",
        partner=fields.pop("partner"),
        country="RS",
        date="2011-05-01",
        locale=section.locale,
        **fields,
    )
    # Live as made; no revision: nothing edits or compares an anchor.
    section.add_child(instance=page)
    return page


def tag(targets, name):
    """Give every target (and nothing else) a new topic named ``name``."""
    topics = {}
    for target in targets:
        label = name.format(token=target.token)
        if label not in topics:
            number = next(_anchors)
            topics[label] = Topic.objects.create(name=label, slug=f"t-{number}")
        TaggedDocument.objects.create(
            tag=topics[label], content_object_id=target.page.pk
        )
    return topics


# The document itself and its downloads.


@output("wagtail_serve")
def page(reader, target, context):
    """The title heading (a password form repeats the address, not the title)
    and the document's body, with its members-only annex for members."""
    text = reader.text(target.page.url)
    return shows(
        block(text, r"<h1\b.*?</h1>")
        + block(text, r'<div class="document-body">.*?<aside class="document-aside">'),
        target.token,
    )


def render_title(page, *, audience, **kwargs):
    """The PDF renderer stands in: who gets the PDF, and whether with the
    members-only annex, is the question here."""
    annex = page.members_annex_text() if audience == "members" else ""
    return f"{page.title} {annex}".encode()


@output("wagtail_serve")
def pdf(reader, target, context):
    with mock.patch("outputs.views.document_pdf_bytes", render_title):
        text = reader.text(target.page.url + "pdf/", content_type="application/pdf")
        return shows(text, target.token)


@output("document_citation")
def bibtex(reader, target, context):
    text = reader.text(
        target.page.url + "cite.bib", content_type="application/x-bibtex"
    )
    return shows(text, target.token)


@output("document_citation")
def ris(reader, target, context):
    text = reader.text(
        target.page.url + "cite.ris", content_type="application/x-research-info"
    )
    return shows(text, target.token)


@output("wagtaildocs_serve")
def file(reader, target, context):
    return shows(
        reader.text(target.file.url, content_type="application/pdf"), target.token
    )


# What a device keeps for reading without a connection.


@output("wagtail_serve", public_only=True)
def offline_copy(reader, target, context):
    """The page and its PDF as the offline worker keeps them unasked (visited
    pages, the saved list of a reader who is not signed in): only answers the
    server marks keepable, whole. A member's own save keeps exactly that
    member's page and pdf answers (the outputs above), under their account,
    until sign-out; tests/browser/test_phone.py holds the device to that."""
    kept = []
    with mock.patch("outputs.views.document_pdf_bytes", render_title):
        for url in (target.page.url, target.page.url + "pdf/"):
            answer = reader.get(url)
            if answer.get(KEEP_HEADER) == "1":
                kept.append(reader.text(url, content_type=answer["Content-Type"]))
    return any(shows(text, target.token) for text in kept)


def target_key(target):
    """A target's key in what ``prepare`` asks for it, the same for the
    target's members-only annex (same page, same audience, another token)."""
    return target.page.pk, target.audience


def by_group(targets, size, value_of):
    """``value_of(group)`` for each group of at most ``size`` targets, under
    the key of each target of the group."""
    values = {}
    for start in range(0, len(targets), size):
        group = targets[start : start + size]
        value = value_of(group)
        for target in group:
            values[target_key(target)] = value
    return values


def compare_together(world, targets):
    """The targets chosen for reading side by side, as many at once as the
    comparison takes: one a reader may not open is left out of the others."""

    def url(group):
        query = "&".join(f"guides={target.page.pk}" for target in group)
        return f"{reverse('practice_compare')}?{query}"

    return by_group(targets, MOST_COMPARED, url)


@output("practice_compare", prepare=compare_together)
def compare(reader, target, context):
    """The guide chosen, by its id, for reading beside others."""
    return shows(reader.text(context[target_key(target)]), target.token)


# Listings, search and vocabulary.


@output("wagtail_serve")
def listing(reader, target, context):
    text = reader.shared_text(
        f"/en/practices/?topic={SHARED}",
        f"/en/practices/?topic={target.word}",
        complete=whole,
    )
    return shows(text, target.token)


@output("search")
def search_html(reader, target, context):
    text = reader.shared_text(
        f"/en/search/?q={SHARED}&per_page=100",
        f"/en/search/?q={target.word}&per_page=100",
        complete=one_search_page,
    )
    return shows(text, target.token)


def search_url(word):
    return f"/en/search/?q={word}&per_page=100&format=json"


def one_search_page(response, text):
    """Every result the search found is on this one page."""
    if response.get("Content-Type", "").startswith("application/json"):
        found = json.loads(text or "{}")
        return found.get("total", 0) <= len(found.get("results", []))
    results = (response.context or {}).get("results")
    return results is None or results.total <= len(results.hits)


def search_json(reader, word):
    text = reader.text(search_url(word), content_type="application/json")
    return json.loads(text or "{}")


@output("search")
def search_results_json(reader, target, context):
    text = reader.shared_text(
        search_url(SHARED),
        search_url(target.word),
        content_type="application/json",
        complete=one_search_page,
    )
    results = json.loads(text or "{}").get("results", [])
    return shows(json.dumps(results), target.token)


def misspell(word):
    return word[:1] + word[2:]


def misspell_together(world, targets):
    """One search of every target's token misspelt (and a public one's
    members-only annex word): each word is corrected on its own, from the words
    of what the reader may open."""

    def url(group):
        words = [misspell(target.token) for target in group] + [
            misspell(annex_marker(target.token))
            for target in group
            if target.audience == PUBLIC
        ]
        return search_url(" ".join(words))

    return by_group(targets, MAX_TERMS // 2, url)


@output("search", prepare=misspell_together)
def search_suggestion(reader, target, context):
    """A misspelt token ("Did you mean …?") names the token only to readers
    who may open its document."""
    found = json.loads(
        reader.text(context[target_key(target)], content_type="application/json")
        or "{}"
    )
    return shows(found.get("suggestion") or "", target.token)


@output("search_autocomplete")
def autocomplete(reader, target, context):
    url = f"/en/search/autocomplete/?q={target.word}"
    return shows(reader.text(url, content_type="application/json"), target.token)


def tag_facets(world, targets):
    tag(targets, "Facet {token}")


@output("search", prepare=tag_facets)
def facets(reader, target, context):
    found = search_json(reader, target.word).get("facets", {})
    return shows(json.dumps(found), target.token)


def tag_vocabulary(world, targets):
    tag(targets, "Vocabulary {token}")


@output("topic_index", prepare=tag_vocabulary)
def topic_index(reader, target, context):
    return shows(reader.text("/en/topics/"), target.token)


@output("topic_detail")
def topic_detail(reader, target, context):
    text = reader.shared_text(
        f"/en/topics/{SHARED}/", f"/en/topics/{target.word}/", complete=whole
    )
    return shows(text, target.token)


@output("partner_detail")
def partner_detail(reader, target, context):
    return shows(reader.text(f"/en/partners/{target.word}/"), target.token)


def cite_article(world, targets):
    article = StandardArticle.objects.select_related("standard").first()
    for target in targets:
        StandardCitation.objects.create(page=target.page, article=article)
    return {"url": f"/en/standards/{article.standard.code}/{article.key}/"}


@output("standard_article", prepare=cite_article)
def standard_article(reader, target, context):
    return shows(reader.text(context["url"]), target.token)


def article_counts(response):
    """Each article's count of documents, from the standards index or detail."""
    standards = response.context.get("standards") or [response.context["standard"]]
    return {
        article.pk: article.document_count
        for standard in standards
        for article in standard.articles.all()
    }


def cite_one_article_each(world, targets):
    """Each target alone cites an article of one standard: its count shows it."""
    standard = Standard.objects.annotate(n=Count("articles")).latest("n")
    articles = list(standard.articles.order_by("-pk")[: len(targets)])
    for target, article in zip(targets, articles, strict=True):
        StandardCitation.objects.create(page=target.page, article=article)
    return {
        "urls": ("/en/standards/", f"/en/standards/{standard.code}/"),
        "articles": {t.token: a.pk for t, a in zip(targets, articles, strict=True)},
    }


@output("standard_index", "standard_detail", prepare=cite_one_article_each, text=False)
def standard_counts(reader, target, context):
    article = context["articles"][target.token]
    return any(article_counts(reader.get(url)).get(article) for url in context["urls"])


def levels_alone(world, targets):
    """Each target at an evidence level no other guide has, as many targets at
    once as there are such levels: a level's count shows its one target."""
    taken = set(PracticeGuidePage.objects.values_list("evidence_level", flat=True))
    free = [level for level in EvidenceLevel.values if level not in taken]
    assert free, "every evidence level is taken"
    return by_group(
        targets,
        len(free),
        lambda group: {
            target_key(target): level
            for target, level in zip(group, free, strict=False)
        },
    )


@output("evidence", prepare=levels_alone, text=False)
def evidence(reader, target, context):
    """The count at the target's level is what shows."""
    chosen = context[target_key(target)]
    key = (reader.name, "evidence", tuple(sorted(chosen.items())))
    if key not in reader.answers:
        guides = PracticeGuidePage.objects.filter(pk__in=[pk for pk, _ in chosen])
        before = dict(guides.values_list("pk", "evidence_level"))
        for (pk, _), level in chosen.items():
            guides.filter(pk=pk).update(evidence_level=level)
        response = reader.client.get("/en/evidence/")
        for pk, level in before.items():
            guides.filter(pk=pk).update(evidence_level=level)
        reader.answers[key] = {
            str(level["level"]): level["count"] for level in response.context["levels"]
        }
    return bool(reader.answers[key][chosen[target_key(target)]])


# Blocks on other documents' pages.


def related_anchor(world, targets):
    """A public guide sharing a topic with the targets only."""
    guide = anchor(partner=targets[0].page.partner)
    topic = next(iter(tag(targets, "Related").values()))
    TaggedDocument.objects.create(tag=topic, content_object_id=guide.pk)
    return {"url": guide.url}


@output("wagtail_serve", prepare=related_anchor)
def related(reader, target, context):
    text = block(reader.text(context["url"]), r'<section class="related".*?</section>')
    return shows(text, target.token)


def lineage_anchor(world, targets):
    guide = anchor(partner=targets[0].page.partner)
    PracticeGuidePage.objects.filter(pk__in=[t.page.pk for t in targets]).update(
        adapted_from=guide
    )
    return {"url": guide.url}


@output("wagtail_serve", prepare=lineage_anchor)
def lineage_block(reader, target, context):
    text = block(
        reader.text(context["url"]),
        r'<section aria-labelledby="adaptations-heading">.*?</section>',
    )
    return shows(text, target.token)


@output("wagtail_serve", prepare=lineage_anchor)
def lineage_tree(reader, target, context):
    return shows(reader.text(context["url"] + "lineage/"), target.token)


def translation_anchors(world, targets):
    """A public translation (in Cyrillic Serbian) of each target."""
    return {
        target.token: anchor(
            language_code="sr",
            partner=target.page.partner,
            translation_key=target.page.translation_key,
            language="sr-Cyrl",
        ).url
        for target in targets
    }


@output("wagtail_serve", prepare=translation_anchors, text=False)
def translation_links(reader, target, context):
    """ "Also available in", the alternate links in the head and the language
    switcher of the target's public translation."""
    text = reader.text(context[target.token])
    return shows(block(text, r"<(?:link|a)\b[^>]*hreflang[^>]*>"), target.token)


# Public-only outputs.


API_PAGE = 20  # Wagtail's largest page of API results


def api_listing(reader, endpoint):
    """Every object the API's ``endpoint`` lists to ``reader``, page by page,
    read once for the whole matrix."""
    key = (reader.name, "api", endpoint)
    if key not in reader.shared:
        url, items = reverse(f"wagtailapi:{endpoint}:listing"), []
        for offset in itertools.count(0, API_PAGE):
            response = reader.client.get(f"{url}?limit={API_PAGE}&offset={offset}")
            found = json.loads(body(response, "application/json") or "{}")
            items += found.get("items", [])
            if offset + API_PAGE >= found.get("meta", {}).get("total_count", 0):
                break
        reader.shared[key] = json.dumps(items)
    return reader.shared[key]


def api_shows(reader, endpoint, pk, token):
    """Whether the API's listing, detail or find answer has the object."""
    detail = reverse(f"wagtailapi:{endpoint}:detail", args=[pk])
    find = reverse(f"wagtailapi:{endpoint}:find") + f"?id={pk}"
    # Asked in turn: once one shows the object, the others need not be.
    return (
        shows(api_listing(reader, endpoint), token)
        or reader.get(detail).status_code == 200
        or (
            reader.get(find).status_code == 302
            and reader.get(find)["Location"].endswith(detail)
        )
    )


@output(
    "wagtailapi:pages:listing",
    "wagtailapi:pages:detail",
    "wagtailapi:pages:find",
    public_only=True,
    text=False,
)
def api_pages(reader, target, context):
    return api_shows(reader, "pages", target.page.pk, target.token)


@output(
    "wagtailapi:documents:listing",
    "wagtailapi:documents:detail",
    "wagtailapi:documents:find",
    public_only=True,
    text=False,
)
def api_documents(reader, target, context):
    return api_shows(reader, "documents", target.file.pk, target.token)


@output("document_feed", public_only=True)
def feed(reader, target, context):
    text = reader.shared_text(
        f"/feed/?topic={SHARED}",
        f"/feed/?topic={target.word}",
        content_type="application/atom",
        complete=short_feed,
    )
    return shows(text, target.token)


def short_feed(response, text):
    """The feed shows its newest FEED_SIZE entries: fewer means all of them."""
    return text.count("<entry>") < FEED_SIZE


@output("sitemap", public_only=True)
def sitemap(reader, target, context):
    text = reader.shared_text(
        "/sitemap.xml", "/sitemap.xml", content_type="application/xml", complete=whole
    )
    return shows(text, target.token)


# E-mail: a digest (or, for a reader without an account, a saved search's feed).


def send_topic_digests(world, targets):
    """Every signed-in reader follows the path's topic since long ago; the
    digests are sent once, and each reader's e-mail kept."""
    long_ago = timezone.make_aware(datetime(2000, 1, 1))
    word = targets[0].word
    for user in world.users.values():
        if user is not None:
            Subscription.objects.create(
                user=user, kind="topic", target=word, sent_until=long_ago
            )
    # The world makes guides live without publishing them (as code can): give
    # them the publication time a publication would.
    KnowledgePage.objects.filter(
        pk__in=[t.page.pk for t in targets], first_published_at=None
    ).update(first_published_at=timezone.now() - timedelta(minutes=1))
    mail.outbox = []
    send_digests()
    names = {user.email: name for name, user in world.users.items() if user}
    texts = {}
    for message in mail.outbox:
        html = "".join(content for content, _ in message.alternatives)
        texts[names[message.to[0]]] = message.subject + message.body + html
    return {"texts": texts, "feed": f"/en/search/feed/?q={word}"}


@output("search_feed", prepare=send_topic_digests)
def digest(reader, target, context):
    if reader.name == "anonymous":
        text = reader.text(context["feed"], content_type="application/atom+xml")
    else:
        text = context["texts"].get(reader.name, "")
    return shows(text, target.token)
