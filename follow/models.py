"""What readers follow, what was announced to them, and each digest sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    TOPIC = "topic", _("Topic")
    PARTNER = "partner", _("Partner")
    ARTICLE = "article", _("Article of a standard")
    SEARCH = "search", _("Saved search")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as possible")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Subscription(models.Model):
    """A reader follows a topic, a partner, an article or a search.

    ``target`` is canonical (follow.targets): a topic or partner slug, an article
    reference (``cets-197:10``) or a search's query string in a fixed order, so
    the same subscription asked twice is one row. ``sent_until`` is the end of
    the window the last digest covered: the next one lists what was published
    after it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target = models.CharField(max_length=2000)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    # The interface language the reader last managed their subscriptions in:
    # the language of their digests.
    language = models.CharField(max_length=8, default="en")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_until = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "target"], name="unique_subscription"
            )
        ]
        indexes = [models.Index(fields=["frequency", "user"])]
        ordering = ["kind", "target"]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.user} · {self.kind}:{self.target}"


class Announcement(models.Model):
    """A published document republished with *Notify followers* ticked: it goes
    into the next digests like a new one. New documents need no announcement:
    their first publication time says it."""

    page = models.ForeignKey(
        "knowledge.KnowledgePage", on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("announcement")

    def __str__(self):
        return f"{self.page_id} at {self.at:%Y-%m-%d %H:%M}"


class Digest(models.Model):
    """One e-mail to one reader, recorded in the same transaction that moves
    their subscriptions' windows on, and sent afterwards: a run that stops
    between the two sends it on the next run (``sent_at`` is empty), and nothing
    is listed twice. What it lists is decided again at send time: only what the
    reader may see then."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    language = models.CharField(max_length=8, default="en")
    # [{"subscription": id, "documents": [page ids], "amendments": [ids]}, ...]
    sections = models.JSONField(default=list)

    class Meta:
        verbose_name = _("digest")

    def __str__(self):
        return f"Digest {self.pk} for {self.user}"
