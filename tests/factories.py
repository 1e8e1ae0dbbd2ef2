"""Factories for the content model. Documents are created live under their
section's index page; pass ``live=False`` for a draft."""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from briefs.models import PolicyBriefPage
from editorial.roles import grant_role
from exchanges.models import StudyVisitPage
from knowledge.models import Partner, Topic
from practices.models import PracticeGuidePage
from standards.models import StandardArticle, StandardCitation
from tests.safeguarding.files import make_pdf
from training.models import TrainingModule, TrainingProgrammePage


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    country = "RS"


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: topic.name.lower().replace(" ", "-"))


class DocumentFactory(DjangoModelFactory):
    """Creates a live document under its section; ``topics=[...]`` tags it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    summary = "A short summary of the document."
    partner = factory.SubFactory(PartnerFactory)
    country = "RS"
    language = "en"
    date = datetime.date(2011, 5, 1)
    live = True

    @classmethod
    def _create(cls, model_class, *args, topics=(), **kwargs):
        page = model_class(*args, **kwargs)
        if topics:
            page.topics.set(list(topics))
        section = model_class.allowed_parent_page_models()[0]
        # The section in the default locale: translated sections are its copies.
        section.objects.get(locale__language_code=settings.LANGUAGE_CODE).add_child(
            instance=page
        )
        page.save_revision(clean=False)
        return page


class PracticeGuidePageFactory(DocumentFactory):
    class Meta:
        model = PracticeGuidePage

    evidence_level = "emerging"


class PolicyBriefPageFactory(DocumentFactory):
    class Meta:
        model = PolicyBriefPage


class StudyVisitPageFactory(DocumentFactory):
    class Meta:
        model = StudyVisitPage

    host = factory.SelfAttribute("partner")
    location = "Ljubljana, Slovenia"
    start_date = datetime.date(2011, 5, 1)
    end_date = datetime.date(2011, 5, 3)


class TrainingProgrammePageFactory(DocumentFactory):
    """A programme with two modules (six hours) unless ``modules=[...]`` is given."""

    class Meta:
        model = TrainingProgrammePage

    target_groups = "Social workers\nFoster families"
    accreditation_status = "accredited"
    modules = factory.LazyFunction(
        lambda: [
            TrainingModule(title="Recognising trafficking", hours=2),
            TrainingModule(title="Working with the child", hours=4),
        ]
    )


def factory_for(model) -> type[DocumentFactory]:
    """The factory of a document page class: every registered type has one."""
    return next(
        factory
        for factory in DocumentFactory.__subclasses__()
        if factory._meta.model is model
    )


def cite(*references: str) -> list[StandardCitation]:
    """Citations of seeded articles, for ``standard_citations=``: ``cite("cets-197:10")``."""
    citations = []
    for reference in references:
        code, key = reference.split(":")
        article = StandardArticle.objects.get(standard__code=code, key=key)
        citations.append(StandardCitation(article=article))
    return citations


def user_with_role(role: str, *, partner=None, email: str | None = None):
    """An account given ``role`` the way ``grant_role`` gives it."""
    email = email or f"{role}-{get_user_model().objects.count()}@example.org"
    slug = partner.slug if partner is not None else None
    return grant_role(email, role, partner_slug=slug).user


class ImageFactory(wagtail_factories.ImageFactory):
    """An uploaded image with a small generated PNG file."""

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=120, height=60, color="red")


class UploadedDocumentFactory(wagtail_factories.DocumentFactory):
    """A file in Wagtail's document library (not a knowledge document page): a
    small PDF the safeguarding check can read, as real uploads are."""

    title = factory.Sequence(lambda n: f"File {n}")
    file = factory.django.FileField(
        filename="file.pdf", data=make_pdf("A file of the document library.")
    )
