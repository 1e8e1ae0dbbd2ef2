import pytest


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
