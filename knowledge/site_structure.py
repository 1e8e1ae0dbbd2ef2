"""Create the page tree a fresh database needs: home and its sections, in every language.

Runs after every ``migrate`` (and after a test database is flushed), so a new
installation is usable without clicking through the admin. It adds what is
missing, and translates a heading or introduction still in the English it was
written in (left so by a ``migrate`` run before the catalogues were compiled);
it never changes what editors have edited.

The home page and sections are written in English, then translated into every
other locale with their titles and introductions from the interface catalogues,
so that a partner editor can translate a document (its section exists in the
target language) and a reader sees the section headings in their language.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.management import create_contenttypes
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import Locale, Page, Site

from knowledge.document_types import document_types

SITE_NAME = "STOP! Knowledge Exchange"
# The home page's title in other languages: "STOP!" and the translated rest.
SITE_NAME_WORDS = gettext_noop("Knowledge Exchange")
HOME_INTRO = gettext_noop(
    "A shared library of practice for everyone who protects children from human "
    "trafficking: social workers, foster carers, police and civil society in "
    "Serbia and the European Union."
)


def site_name() -> str:
    """The site's name in the active language: "STOP!" and the translated rest."""
    return f"STOP! {gettext(SITE_NAME_WORDS)}"


def page_apps() -> list[str]:
    """Apps whose pages are created here: the home page's and each section's
    (with its documents'), in the order of the document types."""
    labels = ["wagtailcore", "knowledge"]
    for entry in document_types:
        for model in (entry.model, entry.section_model):
            if model._meta.app_label not in labels:
                labels.append(model._meta.app_label)
    return labels


def ensure_site_structure(using="default", **kwargs) -> None:
    # After a flush (between transactional tests) this runs before Django has
    # recreated the content types of later apps, and their cache is stale.
    for label in page_apps():
        create_contenttypes(apps.get_app_config(label), verbosity=0, using=using)
    ensure_locales()
    default = Locale.get_default()
    HomePage = apps.get_model("knowledge", "HomePage")
    home = HomePage.objects.filter(locale=default).first() or _create_home(HomePage)
    pages = []
    # Sections in the order they were always created: it is their order in the tree.
    for entry in document_types.in_section_order():
        model = entry.section_model
        title, slug, intro = (
            entry.section.title,
            entry.section.slug,
            entry.section.intro,
        )
        section = model.objects.filter(locale=default).first()
        if section is None:
            section = home.add_child(
                instance=model(title=title, slug=slug, intro=intro)
            )
        pages.append((section, title, intro))
    for locale in Locale.objects.exclude(pk=default.pk):
        with translation.override(locale.language_code):
            _ensure_translation(
                home,
                locale,
                title=site_name(),
                intro=gettext(HOME_INTRO),
                english=(SITE_NAME, HOME_INTRO),
            )
            for page, title, intro in pages:
                _ensure_translation(
                    page,
                    locale,
                    title=gettext(title),
                    intro=gettext(intro),
                    english=(title, intro),
                )


def ensure_locales() -> None:
    """One Wagtail locale per interface language, so content can be translated."""
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


def _ensure_translation(
    page, locale, *, title: str, intro: str, english: tuple[str, str]
) -> None:
    """Publish a copy of ``page`` in ``locale`` unless it has one (parents first).

    An existing copy whose title or intro is still the ``english`` one gets the
    translation, unless an editor has a draft of it in hand.
    """
    copy = page.get_translation_or_none(locale)
    created = copy is None
    if created:
        copy = page.copy_for_translation(locale)
    elif copy.has_unpublished_changes:
        return
    untouched_title = copy.title in (english[0], page.title)
    untouched_intro = copy.intro in (english[1], page.intro)
    if not created and (
        (copy.title == title or not untouched_title)
        and (copy.intro == intro or not untouched_intro)
    ):
        return
    if untouched_title:
        copy.title = copy.draft_title = title
    if untouched_intro:
        copy.intro = intro
    copy.save_revision().publish()


def _create_home(HomePage):
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", locale=Locale.get_default())
    )
    # Wagtail's own migration creates a placeholder "Welcome" page: replace it.
    for placeholder in root.get_children().filter(
        content_type__app_label="wagtailcore", content_type__model="page"
    ):
        placeholder.delete()
    home = root.add_child(
        instance=HomePage(title=SITE_NAME, slug="home", intro=HOME_INTRO)
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=SITE_NAME,
        )
    return home
