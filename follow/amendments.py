"""Telling people that the law changed: each partner's editors get one e-mail
naming their documents that cite the amended article (followers of the article
read it in their next digest, follow.digests)."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from follow.links import absolute
from standards.amendments import flagged_by
from standards.models import Amendment


def editor_language(user) -> str:
    """The admin language the editor chose, or the site's."""
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = profile.preferred_language if profile else ""
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def tell_editors(amendment: Amendment) -> int:
    """One e-mail to each editor of each partner with a document the amendment
    flags; how many were sent."""
    by_partner = defaultdict(list)
    for document in flagged_by(amendment).select_related("partner__editor_group"):
        by_partner[document.partner].append(document)
    messages = []
    for partner, documents in by_partner.items():
        if partner.editor_group is None:
            continue
        editors = partner.editor_group.user_set.filter(is_active=True).exclude(email="")
        for editor in editors.select_related("wagtail_userprofile"):
            with translation.override(editor_language(editor)):
                context = {
                    "amendment": amendment,
                    "article": amendment.article,
                    "partner": partner,
                    "documents": [
                        (d, absolute(reverse("wagtailadmin_pages:edit", args=[d.pk])))
                        for d in documents
                    ],
                    "report_url": absolute(reverse("editorial_due_for_review")),
                }
                subject = render_to_string("follow/amendment_subject.txt", context)
                messages.append(
                    EmailMessage(
                        subject=" ".join(subject.split()),
                        body=render_to_string("follow/amendment.txt", context),
                        to=[editor.email],
                    )
                )
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    return len(messages)
