"""Digests: what each reader's subscriptions found since their last digest.

A run has two steps, so that an interrupted run resumes without sending
anything twice or leaving anything out:

1. *compose*: for each reader, in one transaction, what each subscription
   found in its window (after its ``sent_until``, up to the run's start) is
   recorded as a :class:`~follow.models.Digest`, and the windows move on;
2. *deliver*: every digest not yet sent (this run's, and any an earlier run
   recorded but did not send) is rendered and sent, and marked sent.

What a digest lists is decided again when it is sent, through the one
visibility rule: a document restricted or unpublished in between is left out,
and a deactivated account gets nothing. Each message has a fixed Message-ID,
so the rare resend of a message whose sending was interrupted after the mail
server took it is recognisable as the same message.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator

from follow.links import absolute, unsubscribe_url
from follow.models import Announcement, Digest, Subscription
from follow.targets import Resolver
from knowledge.languages import bcp47_tag
from knowledge.models import KnowledgePage
from knowledge.privacy import reader_key
from knowledge.selectors import visible_documents
from knowledge.site_structure import site_name
from standards.models import Amendment

# A digest lists at most this many documents per subscription, newest first,
# and links to the rest. It keeps twice as many in reserve, for those that are
# no longer visible when it is sent.
SECTION_SIZE = 20
KEPT = 2 * SECTION_SIZE
SUMMARY_WORDS = 60


class Run:
    """What one run works out once and every reader shares: targets, matches
    (readers who see the same documents, knowledge.privacy.reader_key, with the
    same window get the same ones) and the documents' addresses."""

    def __init__(self):
        self.resolver = Resolver()
        self.found: dict = {}
        self.documents: dict = {}

    def matches(self, followed, *, user, since, until, among) -> set[int]:
        key = (followed.kind, followed.value, reader_key(user), since, until)
        if key not in self.found:
            self.found[key] = followed.matches(user=user, among=among)
        return self.found[key]

    def listed(self, pks) -> dict[int, "Listed"]:
        """What a digest in the active language shows of each document: two
        queries for those no digest of the run has shown yet, none for the
        others. (A document's address carries the reader's language.)"""
        language = translation.get_language()
        missing = [pk for pk in pks if (language, pk) not in self.documents]
        if missing:
            rows = KnowledgePage.objects.filter(pk__in=missing).values_list(
                "pk", "title", "summary", "partner__name", "language"
            )
            pages = KnowledgePage.objects.filter(pk__in=missing).only(
                "url_path", "path", "depth", "locale"
            )
            urls = {page.pk: absolute(page.url) for page in pages}
            for pk, title, summary, partner, written_in in rows:
                self.documents[language, pk] = Listed(
                    title,
                    partner,
                    Truncator(summary).words(SUMMARY_WORDS),
                    urls[pk],
                    written_in,
                )
        return {
            pk: self.documents[language, pk]
            for pk in pks
            if (language, pk) in self.documents
        }


@dataclass(frozen=True)
class Listed:
    title: str
    partner: str
    summary: str
    url: str
    language: str


@dataclass
class Window:
    """What happened between the earliest window's start and the run's start:
    first publications, announcements and amendments, each with its time."""

    published: list[tuple[int, object]] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    seen: dict = field(default_factory=dict)

    @classmethod
    def read(cls, since, until) -> "Window":
        if since is None or since >= until:
            return cls()
        published = list(
            KnowledgePage.objects.filter(
                first_published_at__gt=since, first_published_at__lte=until
            ).values_list("pk", "first_published_at")
        )
        published += Announcement.objects.filter(
            at__gt=since, at__lte=until
        ).values_list("page_id", "at")
        amendments = list(
            Amendment.objects.filter(recorded_at__gt=since, recorded_at__lte=until)
        )
        return cls(published, amendments)

    def documents(self, since, until) -> list[int]:
        """The documents published (or announced) in the window, newest first:
        worked out once for every subscription with the same window (all of a
        frequency's, from one run to the next)."""
        key = (since, until)
        if key not in self.seen:
            latest = {}
            for pk, at in self.published:
                if since < at <= until and at > latest.get(pk, since):
                    latest[pk] = at
            self.seen[key] = sorted(
                latest, key=lambda pk: (latest[pk], pk), reverse=True
            )
        return self.seen[key]

    def amended(self, article, since, until) -> list[int]:
        return [
            a.pk
            for a in self.amendments
            if a.article_id == article.pk and since < a.recorded_at <= until
        ]


@dataclass
class RunReport:
    composed: int = 0
    sent: int = 0
    dropped: int = 0


def send_digests(*, frequency: str | None = None, now=None) -> RunReport:
    """Compose and send the digests of subscriptions of ``frequency`` (all
    when None), then send whatever an earlier run left unsent."""
    now = now or timezone.now()
    subscriptions = Subscription.objects.filter(
        user__is_active=True, sent_until__lt=now
    )
    if frequency:
        subscriptions = subscriptions.filter(frequency=frequency)
    since = subscriptions.aggregate(since=Min("sent_until"))["since"]
    window = Window.read(since, now)
    run = Run()
    report = RunReport()
    users = (
        get_user_model()
        .objects.filter(pk__in=subscriptions.values("user"))
        .order_by("pk")
    )
    for user in users.iterator(chunk_size=500):
        if compose(user, subscriptions, window, run, now=now):
            report.composed += 1
    deliver(report, run)
    return report


def compose(user, subscriptions, window: Window, run: Run, *, now) -> bool:
    """Record ``user``'s digest and move their windows on, in one transaction;
    whether there was anything to tell."""
    with transaction.atomic():
        own = list(subscriptions.filter(user=user).select_for_update().order_by("pk"))
        sections = []
        for subscription in own:
            followed = run.resolver(subscription, user=user)
            if followed is None:
                continue
            since = subscription.sent_until
            among = window.documents(since, now)
            found = set()
            if among:
                found = run.matches(
                    followed, user=user, since=since, until=now, among=among
                )
            documents = [pk for pk in among if pk in found]
            amendments = []
            if followed.article is not None:
                amendments = window.amended(
                    followed.article, subscription.sent_until, now
                )
            if documents or amendments:
                sections.append(
                    {
                        "subscription": subscription.pk,
                        "documents": documents[:KEPT],
                        "total": len(documents),
                        "amendments": amendments,
                    }
                )
        if sections:
            language = max(own, key=lambda s: (s.updated_at, s.pk)).language
            Digest.objects.create(user=user, language=language, sections=sections)
        Subscription.objects.filter(pk__in=[s.pk for s in own]).update(sent_until=now)
    return bool(sections)


def deliver(report: RunReport, run: Run | None = None) -> None:
    """Send every digest not sent yet. Each is locked while it is sent (on
    PostgreSQL), so two runs at once never send one digest twice."""
    run = run or Run()
    pending = Digest.objects.filter(sent_at__isnull=True)
    with get_connection() as connection:
        for pk in pending.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                digest = (
                    pending.select_for_update(skip_locked=True, of=("self",))
                    .select_related("user")
                    .filter(pk=pk)
                    .first()
                )
                if digest is None:
                    continue  # Another run is sending it, or has sent it.
                message = render(digest, run)
                if message is None:
                    digest.delete()
                    report.dropped += 1
                    continue
                message.connection = connection
                message.send()
                Digest.objects.filter(pk=pk).update(sent_at=timezone.now())
                report.sent += 1


@dataclass
class Section:
    subscription: Subscription
    label: str
    url: str
    unsubscribe_url: str
    documents: list
    more: int
    amendments: list


def render(digest: Digest, run: Run) -> EmailMultiAlternatives | None:
    """The e-mail of ``digest`` as its reader may read it now; None when there
    is nothing left to tell them (or no active account to tell)."""
    user = digest.user
    if not user.is_active or not user.email:
        return None
    subscriptions = {
        s.pk: s
        for s in Subscription.objects.filter(
            user=user, pk__in=[section["subscription"] for section in digest.sections]
        )
    }
    wanted = {pk for section in digest.sections for pk in section["documents"]}
    # Who may see what is decided now, for this reader; what a document shows
    # is the same for everyone.
    visible = set(
        visible_documents(user=user).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    shown = {
        pk
        for section in digest.sections
        for pk in [pk for pk in section["documents"] if pk in visible][:SECTION_SIZE]
    }
    amendment_ids = {pk for section in digest.sections for pk in section["amendments"]}
    amendments = (
        Amendment.objects.filter(pk__in=amendment_ids).select_related(
            "article__standard"
        )
        if amendment_ids
        else []
    )
    amendments = {a.pk: a for a in amendments}
    with translation.override(digest.language):
        documents = run.listed(shown)
        sections = []
        for entry in digest.sections:
            subscription = subscriptions.get(entry["subscription"])
            followed = subscription and run.resolver(subscription, user=user)
            if not followed:
                continue
            found = [documents[pk] for pk in entry["documents"] if pk in documents]
            notes = [amendments[pk] for pk in entry["amendments"] if pk in amendments]
            if not found and not notes:
                continue
            sections.append(
                Section(
                    subscription=subscription,
                    label=followed.label,
                    url=absolute(followed.url),
                    unsubscribe_url=unsubscribe_url([subscription.pk]),
                    documents=found[:SECTION_SIZE],
                    # Only documents checked now count: a number must not tell
                    # of one restricted since the digest was composed.
                    more=len(found) - len(found[:SECTION_SIZE]),
                    amendments=notes,
                )
            )
        if not sections:
            return None
        return _message(digest, user, sections)


def _message(digest, user, sections) -> EmailMultiAlternatives:
    everything = unsubscribe_url([section.subscription.pk for section in sections])
    context = {
        "user": user,
        "language": bcp47_tag(digest.language),
        "sections": sections,
        "site_name": site_name(),
        "subscriptions_url": absolute(reverse("follow_subscriptions")),
        "unsubscribe_url": everything,
    }
    subject = render_to_string("follow/digest_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("follow/digest.txt", context),
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{everything}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": f"<digest-{digest.pk}@{_domain()}>",
            "Content-Language": digest.language,
        },
    )
    message.attach_alternative(
        render_to_string("follow/digest.html", context), "text/html"
    )
    return message


def _domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
