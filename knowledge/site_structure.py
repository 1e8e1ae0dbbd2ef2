"""Create the page tree a fresh database needs: home and its sections.

Runs after every ``migrate`` (and after a test database is flushed), so a new
installation is usable without clicking through the admin. It only adds what is
missing and never changes what editors have edited.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.management import create_contenttypes
from wagtail.models import Locale, Page, Site

SECTIONS = [
    (
        "knowledge.BriefIndexPage",
        "Policy briefs",
        "briefs",
        "Short papers with recommendations for ministries, agencies and donors.",
    ),
    (
        "practices.PracticeIndexPage",
        "Practice guides",
        "practices",
        "Practices that worked, written so that others can adopt them.",
    ),
    (
        "exchanges.ExchangeIndexPage",
        "Exchanges",
        "exchanges",
        "Notes from study visits between Serbian and EU partners, and what came of them.",
    ),
    (
        "training.TrainingIndexPage",
        "Training",
        "training",
        "Accredited training programmes for social workers, foster families and police.",
    ),
]

HOME_INTRO = (
    "A shared library of practice for everyone who protects children from human "
    "trafficking: social workers, foster carers, police and civil society in "
    "Serbia and the European Union."
)


# Apps whose pages are created here.
PAGE_APPS = ("wagtailcore", "knowledge", "practices", "exchanges", "training")


def ensure_site_structure(using="default", **kwargs) -> None:
    # After a flush (between transactional tests) this runs before Django has
    # recreated the content types of later apps, and their cache is stale.
    for label in PAGE_APPS:
        create_contenttypes(apps.get_app_config(label), verbosity=0, using=using)
    ensure_locales()
    HomePage = apps.get_model("knowledge", "HomePage")
    home = HomePage.objects.first()
    if home is None:
        home = _create_home(HomePage)
    for model_name, title, slug, intro in SECTIONS:
        model = apps.get_model(model_name)
        if not model.objects.exists():
            home.add_child(instance=model(title=title, slug=slug, intro=intro))


def ensure_locales() -> None:
    """One Wagtail locale per interface language, so content can be translated."""
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


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
        instance=HomePage(
            title="STOP! Knowledge Exchange", slug="home", intro=HOME_INTRO
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.site_name = "STOP! Knowledge Exchange"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="STOP! Knowledge Exchange",
        )
    return home
