"""Create the page tree a fresh database needs: home and its sections, in every language.

Runs after every ``migrate`` (and after a test database is flushed), so a new
installation is usable without clicking through the admin. It only adds what is
missing and never changes what editors have edited.

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

SECTIONS = [
    (
        "briefs.BriefIndexPage",
        gettext_noop("Policy briefs"),
        "briefs",
        gettext_noop(
            "Short papers with recommendations for ministries, agencies and donors."
        ),
    ),
    (
        "practices.PracticeIndexPage",
        gettext_noop("Practice guides"),
        "practices",
        gettext_noop("Practices that worked, written so that others can adopt them."),
    ),
    (
        "exchanges.ExchangeIndexPage",
        gettext_noop("Exchanges"),
        "exchanges",
        gettext_noop(
            "Notes from study visits between Serbian and EU partners, and what came of them."
        ),
    ),
    (
        "training.TrainingIndexPage",
        gettext_noop("Training"),
        "training",
        gettext_noop(
            "Accredited training programmes for social workers, foster families and police."
        ),
    ),
]

SITE_NAME = "STOP! Knowledge Exchange"
# The home page's title in other languages: "STOP!" and the translated rest.
SITE_NAME_WORDS = gettext_noop("Knowledge Exchange")
HOME_INTRO = gettext_noop(
    "A shared library of practice for everyone who protects children from human "
    "trafficking: social workers, foster carers, police and civil society in "
    "Serbia and the European Union."
)


# Apps whose pages are created here.
PAGE_APPS = ("wagtailcore", "knowledge", "briefs", "practices", "exchanges", "training")


def ensure_site_structure(using="default", **kwargs) -> None:
    # After a flush (between transactional tests) this runs before Django has
    # recreated the content types of later apps, and their cache is stale.
    for label in PAGE_APPS:
        create_contenttypes(apps.get_app_config(label), verbosity=0, using=using)
    ensure_locales()
    default = Locale.get_default()
    HomePage = apps.get_model("knowledge", "HomePage")
    home = HomePage.objects.filter(locale=default).first() or _create_home(HomePage)
    pages = []
    for model_name, title, slug, intro in SECTIONS:
        model = apps.get_model(model_name)
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
                title=f"STOP! {gettext(SITE_NAME_WORDS)}",
                intro=gettext(HOME_INTRO),
            )
            for page, title, intro in pages:
                _ensure_translation(
                    page, locale, title=gettext(title), intro=gettext(intro)
                )


def ensure_locales() -> None:
    """One Wagtail locale per interface language, so content can be translated."""
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


def _ensure_translation(page, locale, *, title: str, intro: str) -> None:
    """Publish a copy of ``page`` in ``locale`` unless it has one (parents first)."""
    if page.get_translation_or_none(locale) is not None:
        return
    copy = page.copy_for_translation(locale)
    copy.title = copy.draft_title = title
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
