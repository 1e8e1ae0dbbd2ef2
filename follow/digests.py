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

from follow.links import absolute, unsubscribe_url
from follow.models import Announcement, Digest, Subscription
from follow.targets import Resolver
from knowledge.languages import bcp47_tag
from knowledge.models import KnowledgePage
from knowledge.selectors import visible_documents
from standards.models import Amendment

# A digest lists at most this many documents per subscription, newest first,
# and links to the rest.
SECTION_SIZE = 20


@dataclass
class Window:
    """What happened between the earliest window's start and the run's start:
    first publications, announcements and amendments, each with its time."""

    published: list[tuple[int, object]] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)

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
        return sorted({pk for pk, at in self.published if since < at <= until})

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
    resolver = Resolver()
    report = RunReport()
    users = (
        get_user_model()
        .objects.filter(pk__in=subscriptions.values("user"))
        .order_by("pk")
    )
    for user in users.iterator(chunk_size=500):
        if compose(user, subscriptions, window, resolver, now=now):
            report.composed += 1
    deliver(report, resolver)
    return report


def compose(user, subscriptions, window: Window, resolver: Resolver, *, now) -> bool:
    """Record ``user``'s digest and move their windows on, in one transaction;
    whether there was anything to tell."""
    with transaction.atomic():
        own = list(subscriptions.filter(user=user).select_for_update().order_by("pk"))
        sections = []
        for subscription in own:
            followed = resolver(subscription, user=user)
            if followed is None:
                continue
            among = window.documents(subscription.sent_until, now)
            documents = (
                sorted(followed.matches(user=user, among=among)) if among else []
            )
            amendments = []
            if followed.article is not None:
                amendments = window.amended(
                    followed.article, subscription.sent_until, now
                )
            if documents or amendments:
                sections.append(
                    {
                        "subscription": subscription.pk,
                        "documents": documents,
                        "amendments": amendments,
                    }
                )
        if sections:
            language = max(own, key=lambda s: (s.updated_at, s.pk)).language
            Digest.objects.create(user=user, language=language, sections=sections)
        Subscription.objects.filter(pk__in=[s.pk for s in own]).update(sent_until=now)
    return bool(sections)


def deliver(report: RunReport, resolver: Resolver | None = None) -> None:
    resolver = resolver or Resolver()
    pending = Digest.objects.filter(sent_at__isnull=True).select_related("user")
    with get_connection() as connection:
        for digest in pending.order_by("pk").iterator(chunk_size=200):
            message = render(digest, resolver)
            if message is None:
                Digest.objects.filter(pk=digest.pk).delete()
                report.dropped += 1
                continue
            message.connection = connection
            message.send()
            Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now())
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


def render(digest: Digest, resolver: Resolver) -> EmailMultiAlternatives | None:
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
    documents = {
        document.pk: document
        for document in visible_documents(user=user)
        .filter(pk__in=wanted)
        .select_related("partner")
        .defer("body")
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
        sections = []
        for entry in digest.sections:
            subscription = subscriptions.get(entry["subscription"])
            followed = subscription and resolver(subscription, user=user)
            if not followed:
                continue
            found = [documents[pk] for pk in entry["documents"] if pk in documents]
            found.sort(key=lambda d: (d.first_published_at, d.pk), reverse=True)
            notes = [amendments[pk] for pk in entry["amendments"] if pk in amendments]
            if not found and not notes:
                continue
            sections.append(
                Section(
                    subscription=subscription,
                    label=followed.label,
                    url=absolute(followed.url),
                    unsubscribe_url=unsubscribe_url([subscription.pk]),
                    documents=[
                        (document, absolute(document.url))
                        for document in found[:SECTION_SIZE]
                    ],
                    more=max(0, len(found) - SECTION_SIZE),
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
        "site_name": settings.WAGTAIL_SITE_NAME,
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
