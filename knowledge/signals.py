"""Keep each document's ``restricted`` flag true to Wagtail's page privacy.

Editors can restrict a page through its privacy setting as well as through the
flag; the flag is indexed for search filters, so it must follow either door.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move, pre_page_move


def refresh_restricted_flags(page) -> None:
    from knowledge.models import KnowledgePage

    documents = KnowledgePage.objects.descendant_of(page, inclusive=True)
    for document in documents.only("pk", "path", "depth", "restricted"):
        restricted = PageViewRestriction.objects.filter(
            page__in=document.get_ancestors(inclusive=True)
        ).exists()
        if restricted != document.restricted:
            KnowledgePage.objects.filter(pk=document.pk).update(restricted=restricted)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    refresh_restricted_flags(instance.page)


@receiver(post_save, sender=PageViewRestriction)
def one_login_restriction_per_page(sender, instance, created, raw=False, **kwargs):
    """Copying a restricted document gives the copy its own restriction (the
    flag's) and then Wagtail's copy of the original's: keep only the newest, so
    lifting the privacy in the admin lifts it for good."""
    if raw or not created or instance.restriction_type != PageViewRestriction.LOGIN:
        return
    PageViewRestriction.objects.filter(
        page_id=instance.page_id, restriction_type=PageViewRestriction.LOGIN
    ).exclude(pk=instance.pk).delete()


@receiver(post_page_move)
def document_moved(sender, instance, **kwargs):
    refresh_restricted_flags(instance)


@receiver(pre_page_move)
def keep_restriction_when_moving(sender, instance, parent_page_after, **kwargs):
    """Documents restricted only through their section take that restriction
    with them, so moving them out of the section cannot make them public."""
    from knowledge.models import KnowledgePage

    inherited = PageViewRestriction.objects.filter(
        page__in=instance.get_ancestors()
    ).exists()
    if not inherited:
        return
    documents = KnowledgePage.objects.descendant_of(instance, inclusive=True)
    for document in documents.filter(restricted=True).exclude(
        view_restrictions__isnull=False
    ):
        PageViewRestriction.objects.create(
            page=document, restriction_type=PageViewRestriction.LOGIN
        )
