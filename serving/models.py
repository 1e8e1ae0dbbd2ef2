from django.db import models


class KeptMail(models.Model):
    """A message the mail server did not take, kept to be sent again by
    ``send_kept_mail`` (serving/mail.py). It holds what the message said, which
    may name restricted documents: no admin screen shows it."""

    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(auto_now=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.CharField(max_length=500, blank=True)
    from_email = models.TextField()
    recipients = models.JSONField()
    message = models.BinaryField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Mail kept since {self.created_at:%Y-%m-%d %H:%M}"
