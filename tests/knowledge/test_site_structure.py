import pytest
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

SITE_NAMES = {
    "en": "STOP! Knowledge Exchange",
    "sr-latn": "STOP! Razmena znanja",
    "sr": "STOP! Размена знања",
    "sl": "STOP! Izmenjava znanja",
}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, heading, intro",
    [
        ("en", "Practice guides", "Practices that worked"),
        ("sr-latn", "Vodiči za praksu", "Prakse koje su se pokazale uspešnim"),
        ("sr", "Водичи за праксу", "Праксе које су се показале успешним"),
        ("sl", "Vodniki za prakso", "Prakse, ki so se obnesle"),
    ],
)
def test_sections_and_home_are_written_in_every_language(client, code, heading, intro):
    response = client.get(f"/{code}/practices/")
    assert response.context["page"].locale.language_code == code
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert intro in html
    site_name = SITE_NAMES[code]
    assert f"<title>{heading} · {site_name}</title>" in html
    assert f'<meta property="og:site_name" content="{site_name}">' in html
    home = client.get(f"/{code}/")
    assert home.context["page"].locale.language_code == code
    assert home.context["page"].title == site_name
    # The site's name once, not "name · name".
    assert f"<title>{site_name}</title>" in home.content.decode()


@pytest.mark.django_db
def test_headings_left_in_english_without_catalogues_are_translated_later():
    """`migrate` before the catalogues were compiled (a fresh clone) writes the
    other languages' home and sections in English; the next run translates them,
    and leaves what an editor wrote alone."""
    from knowledge.models import HomePage
    from knowledge.site_structure import ensure_site_structure
    from practices.models import PracticeIndexPage
    from training.models import TrainingIndexPage

    def english_again(page, title, intro):
        page.title = page.draft_title = title
        page.intro = intro
        page.save_revision().publish()

    english = PracticeIndexPage.objects.get(locale__language_code="en")
    serbian = english.get_translation(Locale.objects.get(language_code="sr"))
    english_again(serbian, english.title, english.intro)
    home = HomePage.objects.get(locale__language_code="sl")
    english_again(home, "STOP! Knowledge Exchange", HomePage.objects.first().intro)
    edited = TrainingIndexPage.objects.get(locale__language_code="sl")
    english_again(edited, "Tečaji", edited.intro)

    ensure_site_structure()

    serbian.refresh_from_db()
    assert (serbian.title, serbian.intro) == (
        "Водичи за праксу",
        "Праксе које су се показале успешним, описане тако да их и други могу преузети.",
    )
    assert serbian.get_latest_revision().as_object().title == serbian.title
    home.refresh_from_db()
    assert home.title == "STOP! Izmenjava znanja"
    assert home.intro.startswith("Skupna knjižnica")
    edited.refresh_from_db()
    assert edited.title == "Tečaji"


@pytest.mark.parametrize(
    "template, context",
    [
        ("429.html", {"retry_after": 5}),
        ("500.html", {}),
        ("503.html", {}),
        ("account_locked.html", {}),
    ],
)
def test_pages_outside_the_page_tree_name_the_site_in_the_readers_language(
    template, context
):
    with translation.override("sl"):
        html = render_to_string(template, context)
    assert "Knowledge Exchange" not in html
    assert "· STOP! Izmenjava znanja</title>" in html
