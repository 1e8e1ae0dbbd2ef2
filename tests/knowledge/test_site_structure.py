import pytest
from wagtail.models import Locale


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
    assert f"<title>{heading}" in html
    home = client.get(f"/{code}/")
    assert home.context["page"].locale.language_code == code
    assert (
        home.context["page"].title
        == {
            "en": "STOP! Knowledge Exchange",
            "sr-latn": "STOP! Razmena znanja",
            "sr": "STOP! Размена знања",
            "sl": "STOP! Izmenjava znanja",
        }[code]
    )


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
