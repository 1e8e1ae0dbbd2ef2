from django.db import models


class ContentVersion(models.Model):
    """One row whose number goes up whenever published content changes.

    Cached pages are keyed on it (see ``knowledge.content_cache``). It lives in the
    database rather than in the cache so that every server process, and every
    management command, sees the same number at once, whatever cache is set up.
    """

    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.version)
